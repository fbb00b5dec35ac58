// The type check's worker thread: checks one program per message and keeps the parsed
// declaration files of node_modules between checks (typecheckCore.ts).

import { parentPort } from "worker_threads";
import { checkProgram, CheckRequest, SourceFileCache } from "./typecheckCore";

const cache: SourceFileCache = new Map();

parentPort?.on("message", (msg: { id: number; request: CheckRequest }) => {
  try {
    parentPort?.postMessage({ id: msg.id, outcome: checkProgram(msg.request, cache) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
