// Where this copy of cloudfit lives: the folder holding its package.json, whether it runs from
// compiled JavaScript (an installed package, dist/) or from the TypeScript sources (a clone), and
// its version. The same code runs from both layouts, so paths are found, not assumed.

import * as fs from "fs";
import * as path from "path";

/** The package's name in package.json. */
export const PACKAGE_NAME = "cloudfit";

let root: string | undefined;

/** The folder holding cloudfit's package.json (the clone, or node_modules/cloudfit). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && readName(file) === PACKAGE_NAME) return (root = dir);
    if (path.dirname(dir) === dir) {
      throw new Error(
        `No package.json named "${PACKAGE_NAME}" above ${__dirname}. ` +
          "To fix: reinstall cloudfit (npm install cloudfit); its files are incomplete.",
      );
    }
  }
}

function readName(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")).name;
  } catch {
    return undefined;
  }
}

/** True when this code runs from the TypeScript sources (a clone) rather than compiled output. */
export function runsFromSources(): boolean {
  return path.extname(__filename) === ".ts";
}

/** cloudfit's version, from its package.json. */
export function packageVersion(): string {
  return String(JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")).version);
}

/** The nearest folder at or above `dir` holding a Pulumi.yaml, or undefined. */
export function findProjectRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "Pulumi.yaml"))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
