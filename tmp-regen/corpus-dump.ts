import * as fs from "fs";
import * as path from "path";
import { run, sharedPolicyHosts } from "/work/main/tests/cli/harness";
import { CORPUS } from "/work/main/tests/cli/corpusExpectations";
const PROGRAMS = "/work/main/tests/fixtures/programs";
(async () => {
  const packs = sharedPolicyHosts();
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(CORPUS)) {
    const dir = path.join(PROGRAMS, name);
    const r = await run(["preview", "--program", dir, "--json", "--policy-config", path.join(PROGRAMS, "policy-config.json")], undefined, { startPolicyHost: packs.start });
    const doc = JSON.parse(r.stdout);
    const types: Record<string, number> = {};
    for (const x of doc.resources) types[x.type] = (types[x.type] ?? 0) + 1;
    const findings = doc.violations.map((v: any) => `${v.enforcementLevel} ${v.policyName} ${v.urn.split("::").pop()}: ${v.message.split("\n").pop()}`).sort();
    const bad = doc.resources.filter((x: any) => x.note === "" || (x.billing === "priced" && !(x.monthlyUSD > 0)));
    out[name] = { exitCode: r.code, types, findings, bad: bad.map((b: any) => [b.urn, b.billing, b.monthlyUSD, b.note]) };
    process.stderr.write(`${name} ${r.code}\n`);
  }
  await packs.close();
  fs.writeFileSync("/tmp/regen/corpus.json", JSON.stringify(out, null, 2));
})();
