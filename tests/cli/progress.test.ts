import { strict as assert } from "assert";
import { Writable } from "stream";
import { reportStep, startSteps } from "../../cli/progress";

class Capture extends Writable {
  text = "";
  constructor(readonly isTTY: boolean) {
    super();
  }
  _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("progress on stderr", () => {
  it("prints each step that runs past a second off a terminal, even when it held the event loop", async () => {
    let now = 0;
    const err = new Capture(false);
    const steps = startSteps("running the program", err, () => now);
    now = 4200; // the program ran synchronously: no timer fired meanwhile
    reportStep("starting the policy pack");
    now = 4500;
    await wait(150);
    reportStep("analyzing 12 resources");
    now = 6000;
    await wait(150);
    steps.stop();
    assert.equal(err.text, "running the program 4.2 s\nanalyzing 12 resources 1.5 s\n");
    reportStep("after the command");
    assert.equal(err.text, "running the program 4.2 s\nanalyzing 12 resources 1.5 s\n", "a stopped reporter takes no step");
  });

  it("draws a spinner on a terminal and clears it at the end", async () => {
    let now = 0;
    const err = new Capture(true);
    const steps = startSteps("starting the policy pack", err, () => now);
    now = 1500;
    await wait(150);
    steps.stop();
    assert.match(err.text, /^\r\x1b\[2K. starting the policy pack 1\.5 s/);
    assert.ok(err.text.endsWith("\r\x1b[2K"));
  });

  it("says nothing about steps that take less than a second", async () => {
    let now = 0;
    const err = new Capture(false);
    const steps = startSteps("running the program", err, () => now);
    now = 900;
    await wait(150);
    steps.step("analyzing");
    steps.stop();
    assert.equal(err.text, "");
  });
});
