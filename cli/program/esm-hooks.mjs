// Entry of the ES module loader hooks, registered once per process with `module.register` (Node
// runs it in its loader thread). It loads the hooks themselves from esmLoader, compiled JavaScript
// when present, otherwise the TypeScript source through ts-node, as the cloudfit command runs.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
if (!existsSync(path.join(here, "esmLoader.js"))) {
  require("ts-node").register({ transpileOnly: true, project: path.join(here, "..", "..", "tsconfig.json") });
}
const hooks = require("./esmLoader");

export const initialize = hooks.initialize;
export const resolve = hooks.resolve;
export const load = hooks.load;
