// Progress on stderr for long work: after one second, a spinner with what is being done, the
// elapsed time and a solver's current gap on a terminal, or a line every few seconds otherwise; a
// command's steps (running the program, starting the policy pack, analysing) each get one. Never
// on stdout.

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
  /** Stops and clears the spinner line; `report` (default true) says how long a step that held the event loop took. */
  stop(report?: boolean): void;
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
    stop(report = true) {
      clearInterval(timer);
      if (drawn) stream.write("\r\x1b[2K");
      // A step that held the event loop (loading modules, running a program) never let the timer
      // print: off a terminal, say how long it took now that it is over.
      else if (report && !stream.isTTY && lastLine === -Infinity && now() - started >= 1000) stream.write(`${text()}\n`);
    },
  };
}

/** A reporter of a command's named steps, each shown like a solve once it has run for a second. */
export interface Steps {
  /** Ends the current step and starts the next. */
  step(label: string): void;
  /** Ends the current step and clears the line. */
  stop(): void;
}

let active: Steps | undefined;

/**
 * Starts reporting a command's steps on `stream` (stderr), beginning with `label`. Until stopped,
 * it is the reporter that `reportStep` calls from deeper modules go to.
 */
export function startSteps(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  now: () => number = Date.now,
): Steps {
  let current = startProgress(label, stream, now);
  const steps: Steps = {
    step(next) {
      current.stop();
      current = startProgress(next, stream, now);
    },
    stop() {
      // The command is over (done, or failed before its next step): its output says the rest.
      current.stop(false);
      if (active === steps) active = undefined;
    },
  };
  active = steps;
  return steps;
}

/** Moves the running command's step reporter, if any, to the step `label`. */
export function reportStep(label: string): void {
  active?.step(label);
}
