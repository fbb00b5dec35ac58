// Imports an ES module program (`"type": "module"`) for one run, as the Pulumi Node.js host does
// with import(): the loader hooks (esmLoader.ts) are registered once per process, and the entry is
// imported with the run's tag so that every run executes the program's own modules again.

import * as path from "path";
import { pathToFileURL } from "url";
import { RUN_PARAM, TSCONFIG_PARAM } from "./esmLoader";

let registered = false;
let runs = 0;

// TypeScript compiles import() to require() for CommonJS output; an indirect eval keeps a real
// dynamic import, as the Pulumi host does (cmd/run/run.js).
// eslint-disable-next-line no-eval
const dynamicImport = (0, eval)("(u) => import(u)") as (url: string) => Promise<Record<string, unknown>>;

/** Registers the loader hooks (once per process). */
function register(cloudfitRoot: string): void {
  if (registered) return;
  const { register: registerHooks } = require("module") as {
    register(specifier: string, options: { parentURL: string; data: unknown }): void;
  };
  registerHooks("./esm-hooks.mjs", { parentURL: pathToFileURL(path.join(__dirname, "esm.ts")).href, data: { cloudfitRoot } });
  registered = true;
}

/** The entry's URL for one run. */
export function runUrl(main: string, run: number, tsconfig: string | undefined): string {
  const url = pathToFileURL(main);
  url.searchParams.set(RUN_PARAM, String(run));
  if (tsconfig) url.searchParams.set(TSCONFIG_PARAM, tsconfig);
  return url.href;
}

/**
 * Imports the entry module and returns what the host runs: its default export when it has one
 * (and nothing else), otherwise its named exports.
 */
export async function importProgram(main: string, tsconfig: string | undefined, cloudfitRoot: string): Promise<unknown> {
  register(cloudfitRoot);
  const ns = await dynamicImport(runUrl(main, ++runs, tsconfig));
  if (Object.getOwnPropertyDescriptor(ns, "default") !== undefined) {
    if (Object.keys(ns).length !== 1) {
      throw new Error("expected entrypoint module to have either a default export or named exports but not both");
    }
    return ns.default;
  }
  return ns;
}
