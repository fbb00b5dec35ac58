// The program corpus (tests/fixtures/programs): programs in the shapes public Pulumi programs take
// (ES modules with .js suffixes, relative assets and files, lookups before any resource,
// StackReferences and getOrganization, @pulumi/random, explicit providers in several regions, many
// resource families), each run to completion through `cloudfit preview --json`. One served pack
// answers them all: it is started once for the corpus's policy configuration (see harness.ts).

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { run, sharedPolicyHosts } from "./harness";
import { CORPUS } from "./corpusExpectations";

const PROGRAMS = path.resolve(__dirname, "../fixtures/programs");
const POLICY_CONFIG = path.join(PROGRAMS, "policy-config.json");

interface Resource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  monthlyUSD: number | null;
  billing: string;
  note: string;
}

describe("the program corpus through cloudfit preview --json", function () {
  this.timeout(900000);
  const packs = sharedPolicyHosts();
  after(() => packs.close());

  it("holds at least 20 programs, at least 5 per cloud, each with its expectation", () => {
    const dirs = fs.readdirSync(PROGRAMS).filter((n) => fs.statSync(path.join(PROGRAMS, n)).isDirectory()).sort();
    assert.deepEqual(dirs, Object.keys(CORPUS).sort());
    assert.ok(dirs.length >= 20, `${dirs.length} programs`);
    for (const cloud of ["aws", "azure", "gcp"]) {
      assert.ok(dirs.filter((d) => d.startsWith(`${cloud}-`)).length >= 5, `fewer than 5 ${cloud} programs`);
    }
  });

  for (const [name, expected] of Object.entries(CORPUS)) {
    it(`runs ${name}`, async () => {
      const dir = path.join(PROGRAMS, name);
      const r = await run(["preview", "--program", dir, "--json", "--policy-config", POLICY_CONFIG], undefined, { startPolicyHost: packs.start });
      assert.equal(r.code, expected.exitCode, r.stderr);
      const doc = JSON.parse(r.stdout);
      const resources: Resource[] = doc.resources;
      const types: Record<string, number> = {};
      for (const x of resources) types[x.type] = (types[x.type] ?? 0) + 1;
      assert.deepEqual(types, expected.types);
      const findings = doc.violations
        .map((v: { enforcementLevel: string; policyName: string; urn: string; message: string }) => `${v.enforcementLevel} ${v.policyName} ${v.urn.split("::").pop()}: ${v.message.split("\n").pop()}`)
        .sort();
      assert.deepEqual(findings, expected.findings);
      assert.deepEqual(doc.lookups.map((l: { token: string; calls: number; regions: string[] }) => `${l.token} ${l.calls} ${l.regions.join(",")}`), expected.lookups);
      assert.deepEqual(doc.notes, expected.notes.map((n) => n.replace("<dir>", dir)));
      assert.equal(doc.typeCheck.status, expected.typeCheck);
      // Components, providers, the stack and read resources are never billable.
      for (const x of resources) {
        assert.ok(["priced", "free", "usage", "unpriced"].includes(x.billing), `${x.name}: ${x.billing}`);
        if (x.type.startsWith("pulumi:")) assert.deepEqual([x.billing, x.monthlyUSD], ["free", 0], x.urn);
        if (x.billing === "priced") assert.ok(typeof x.monthlyUSD === "number" && x.monthlyUSD > 0, x.urn);
        if (x.billing === "unpriced") assert.equal(x.monthlyUSD, null, x.urn);
        assert.notEqual(x.note, "", x.urn);
      }
    });
  }

  it("started the policy pack once for the whole corpus", () => {
    assert.equal(packs.started(), 1);
  });
});
