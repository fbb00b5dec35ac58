// Progress on stderr for long runs: after one second, a spinner with what is being done, the
// elapsed time and the solver's current gap on a terminal, or a line every few seconds
// otherwise. Never on stdout.

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** What a long run is doing: solving the placement, or pricing alternatives for the explanations. */
export type ProgressStage = "solving" | "explaining";

const LABELS: Record<ProgressStage, string> = {
  solving: "solving the placement",
  explaining: "comparing alternatives",
};

/** A progress reporter started around a long-running step. */
export interface Progress {
  /** Records the latest stage and figures reported by the run. */
  update(p: { elapsedMs: number; gap?: number; stage?: ProgressStage }): void;
  /** Stops and clears the spinner line. */
  stop(): void;
}

/** Starts a progress reporter for `label` (shown until a stage is reported) writing to `stream` (stderr). */
export function startProgress(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  now: () => number = Date.now,
): Progress {
  const started = now();
  let stage: ProgressStage | "starting" = "starting";
  let gap: number | undefined;
  let frame = 0;
  let drawn = false;
  let lastLine = -Infinity;
  let lastStage: ProgressStage | "starting" = stage;
  const text = () => {
    const secs = ((now() - started) / 1000).toFixed(1);
    const g = stage !== "solving" || gap === undefined || !Number.isFinite(gap) ? "" : `, gap ${(gap * 100).toFixed(2)}%`;
    return `${stage === "starting" ? label : LABELS[stage]} ${secs} s${g}`;
  };
  const timer = setInterval(() => {
    const elapsed = now() - started;
    if (elapsed < 1000) return;
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text()}`);
      drawn = true;
    } else if (elapsed - lastLine >= 5000 || stage !== lastStage) {
      lastLine = elapsed;
      lastStage = stage;
      stream.write(`${text()}\n`);
    }
  }, 100);
  timer.unref();
  return {
    update(p) {
      if (p.stage !== undefined && p.stage !== stage) {
        stage = p.stage;
        gap = undefined;
      }
      if (p.gap !== undefined) gap = p.gap;
    },
    stop() {
      clearInterval(timer);
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
