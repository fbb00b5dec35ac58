// Failing a program run the way the Pulumi Node.js host fails it: an unhandled rejection or
// uncaught exception while the program runs (a throw inside an \`apply\`, a failed registration),
// or an event loop emptied while the program still waits, ends the run with that error.

const state = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
};

/**
 * Runs `body` with process-wide unhandled rejections, uncaught exceptions and an emptied event loop
 * turned into a rejection of the returned promise (as the Pulumi host fails the program for them).
 * Listeners others installed (mocha's, the command line's) are set aside for the run and restored.
 */
export async function failOnUnhandled<T>(body: () => Promise<T>): Promise<T> {
  // Typed as one event: the listeners are only moved aside and back, never called here.
  const events = ["unhandledRejection", "uncaughtException"] as "uncaughtException"[];
  const saved = events.map((e) => process.listeners(e));
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // Whichever settles first wins; a later failure must not surface as an unhandled rejection.
  failed.catch(() => undefined);
  let lastError = 0;
  const onError = (e: unknown) => {
    lastError = Date.now();
    fail(e);
  };
  const onIdle = () => fail(new UnsettledProgramError(state.getStore().leakCandidates.size));
  for (const e of events) {
    process.removeAllListeners(e);
    process.on(e, onError);
  }
  process.on("beforeExit", onIdle);
  let ok = false;
  try {
    const value = await Promise.race([body(), failed]);
    ok = true;
    return value;
  } finally {
    // A failed program rejects many of the SDK's promises with the same error, some of them a few
    // turns later; keep catching until they have stopped coming, as the host keeps its handler.
    for (let i = 0; !ok && i < 20 && (i < 2 || Date.now() - lastError < 25); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    process.removeListener("beforeExit", onIdle);
    events.forEach((e, i) => {
      process.removeListener(e, onError);
      for (const l of saved[i]) process.on(e, l);
    });
  }
}

/** The event loop emptied while the program was still running: nothing can finish it any more. */
export class UnsettledProgramError extends Error {
  constructor(readonly pending: number) {
    super(
      "it is still waiting, and nothing is left that could settle what it waits on" +
        (pending > 0 ? ` (${pending} of the Pulumi runtime's promises are pending)` : ""),
    );
    this.name = "UnsettledProgramError";
  }
}

