#!/usr/bin/env node
// The `cloudfit` command. Installed, it runs the compiled command line beside it (dist/cli/main.js)
// with plain Node.js. In a clone without a build it runs the TypeScript sources through ts-node
// (transpile only) with the clone's tsconfig, from whatever directory it is started in.
"use strict";
const fs = require("fs");
const path = require("path");

const compiled = path.join(__dirname, "main.js");
if (fs.existsSync(compiled)) require(compiled).runFromProcess();
else runSources(path.dirname(__dirname));

/** Runs the clone's TypeScript command line (cli/main.ts) with the clone's tsconfig. */
function runSources(clone) {
  require("ts-node").register({ transpileOnly: true, project: path.join(clone, "tsconfig.json") });
  require(path.join(clone, "cli", "main.ts")).runFromProcess();
}
