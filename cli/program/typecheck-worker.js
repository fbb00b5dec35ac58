// Worker thread entry of the type check (typecheck.ts): loads typecheckWorker from compiled
// JavaScript when present, otherwise from its TypeScript source through ts-node.
const fs = require("fs");
const path = require("path");

if (!fs.existsSync(path.join(__dirname, "typecheckWorker.js"))) {
  require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "..", "tsconfig.json") });
}
require("./typecheckWorker");
