// The type check's worker thread: checks one program per message and keeps the parsed
// declaration files of node_modules between checks (typecheckCore.ts), unless they have grown
// past a bound.

import { parentPort } from "worker_threads";
import { checkProgram, CheckRequest, SourceFileCache } from "./typecheckCore";

const cache: SourceFileCache = new Map();
/** Above this heap, the parsed files kept for the next check are dropped. */
const KEEP_CACHE_BELOW_BYTES = 1536 * 1024 * 1024;

parentPort?.on("message", (msg: { id: number; request: CheckRequest }) => {
  try {
    parentPort?.postMessage({ id: msg.id, outcome: checkProgram(msg.request, cache) });
    if (process.memoryUsage().heapUsed > KEEP_CACHE_BELOW_BYTES) cache.clear();
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
