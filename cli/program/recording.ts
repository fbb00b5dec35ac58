// Whether a program is running under the recorder right now. Kept apart from the recorder itself,
// so the command line's entry can ask without loading the Pulumi SDK.

let recording = 0;

/** True while a program runs (its own failures, an emptied event loop included, are handled there). */
export function isRecording(): boolean {
  return recording > 0;
}

/** Marks the start (+1) or the end (-1) of a program run. */
export function markRecording(delta: 1 | -1): void {
  recording += delta;
}
