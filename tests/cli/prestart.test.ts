import { strict as assert } from "assert";
import * as path from "path";
import { discardPrestartedPack, prestartPack, takeOrLaunchPack } from "../../cli/packProcess";
import { compilePackCached } from "../../cli/policyPack";

const ROOT = path.resolve(__dirname, "../..");

describe("a policy pack started ahead of its use", function () {
  this.timeout(120000);
  let packDir: string;
  before(() => {
    packDir = compilePackCached(path.join(ROOT, "policies"), path.join(ROOT, "node_modules", ".cache", "cloudfit"));
  });
  afterEach(() => discardPrestartedPack());

  const exited = (child: { exitCode: number | null; signalCode: string | null; once(e: "exit", f: () => void): void }) =>
    new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

  it("is taken over by a start with the same options, port and all", async () => {
    const opts = { packDir, project: "shop", stack: "dev" };
    const ahead = prestartPack(opts);
    const launched = await takeOrLaunchPack(opts);
    const again = await takeOrLaunchPack(opts);
    try {
      assert.equal(launched, await ahead, "the pack started ahead is the one handed over");
      assert.ok((await launched.pack.port) > 0);
      assert.notEqual(again.pack.child.pid, launched.pack.child.pid, "a pack is handed over once");
    } finally {
      for (const l of [launched, again]) {
        l.pack.child.kill("SIGKILL");
        await exited(l.pack.child);
        await l.engine.close();
      }
    }
  });

  it("is ended, and a new one launched, when the start asks for another stack", async () => {
    const ahead = await prestartPack({ packDir, project: "shop", stack: "dev" });
    const launched = await takeOrLaunchPack({ packDir, project: "shop", stack: "prod" });
    try {
      assert.notEqual(launched, ahead);
      await exited(ahead.pack.child);
      assert.equal(ahead.pack.child.signalCode, "SIGKILL", "the unused pack was ended");
      assert.ok((await launched.pack.port) > 0);
    } finally {
      launched.pack.child.kill("SIGKILL");
      await exited(launched.pack.child);
      await launched.engine.close();
    }
  });

  it("is ended when nobody takes it", async () => {
    const ahead = await prestartPack({ packDir, project: "shop", stack: "dev" });
    await discardPrestartedPack();
    await exited(ahead.pack.child);
    assert.equal(ahead.pack.child.signalCode, "SIGKILL");
    // Nothing left to take: the next start launches its own.
    const l = await takeOrLaunchPack({ packDir, project: "shop", stack: "dev" });
    l.pack.child.kill("SIGKILL");
    await exited(l.pack.child);
    await l.engine.close();
  });
});
