import * as assert from "assert";
import { renderCliText, type CliBenchResult } from "../../bench/cli";
import { parseBenchArgs } from "../../bench/run";

describe("command-line benchmark report", () => {
  it("times each command five times by default, and not at all with --cli-runs 0", () => {
    assert.strictEqual(parseBenchArgs([]).cliRuns, 5);
    assert.strictEqual(parseBenchArgs(["--cli-runs", "0"]).cliRuns, 0);
    assert.strictEqual(parseBenchArgs(["--cli-runs=3"]).cliRuns, 3);
    assert.throws(() => parseBenchArgs(["--cli-runs", "two"]), /--cli-runs needs a positive whole number/);
  });

  it("prints each command's median and minimum, its CPU time and the target's verdict", () => {
    const r: CliBenchResult = {
      loadAverageBefore: 1.25,
      loadAverageAfter: 2,
      buildSec: 14.2,
      timings: [
        { name: "cloudfit --help", runs: 5, medianSec: 0.21, minSec: 0.2, medianCpuSec: 0.19, targetSec: 0.5 },
        { name: "cloudfit plan --stack dev", runs: 5, medianSec: 1.7, minSec: 1.4, targetSec: 1.5 },
        { name: "cloudfit preview --stack dev (reference sources)", runs: 5, medianSec: 6.5, minSec: 6, medianCpuSec: 7.25 },
      ],
      packStart: { compiledSec: 1.5, typeCheckedSec: 12 },
    };
    const text = renderCliText(r);
    const lines = text.split("\n");
    assert.match(lines[1], /^Command line \(built package, 5 runs each after one warm-up; build 14\.2 s; load average 1\.3 before, 2\.0 after, on \d+ cores\)$/);
    assert.match(text, /\ncloudfit --help +0\.21 s +0\.20 s +0\.19 s {2}< 0\.5 s: met\n/);
    assert.match(text, /\ncloudfit plan --stack dev +1\.70 s +1\.40 s +- {2}< 1\.5 s: missed\n/);
    assert.match(text, /\ncloudfit preview --stack dev \(reference sources\) +6\.50 s +6\.00 s +7\.25 s\n/);
    assert.match(text, /\nPolicy pack start: compiled 1\.50 s, type-checked by ts-node 12\.00 s \(8\.0x\)\.\n/);
    assert.strictEqual(renderCliText({ skipped: "--cli-runs 0" }), "\nCommand line: skipped (--cli-runs 0).\n");
  });
});
