// End to end: the resources the reference program registers for each stack, recorded under
// Pulumi's mocks, pass every mandatory policy of the served pack, with the tagging and residency
// rules configured strictly. The only findings are advisory ones the components do not act on
// yet (access logs and flow logs, which need a log destination the program does not create);
// they are listed exactly, so any other finding fails the test.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseLock } from "../../optimizer/lock";
import { PolicyHost, Violation } from "../../cli/policyHost";
import { recordProgramDir } from "../../cli/record";
import { servePack } from "./analyzeProgram";

const ROOT = path.resolve(__dirname, "../..");

const STRICT = {
  "compliance-required-tags": {
    enforcementLevel: "mandatory",
    keys: ["cloudfit-application", "cloudfit-service", "cloudfit-stack", "cloudfit-owner", "cloudfit-cost-center"],
  },
  "compliance-allowed-regions": { continents: ["NA", "EU", "AS"] },
  // The reference project's usage file, as preview hands it to both cost policies.
  "cost-monthly-budget": { budgetUSD: 100000, usageFile: path.join(ROOT, "cloudfit-usage.yml") },
  "cost-unpriced-resources": { usageFile: path.join(ROOT, "cloudfit-usage.yml") },
};

/** The advisory findings expected per stack, as [policy, resource name]. */
const ADVISORY: Record<string, [string, string][]> = {
  dev: [
    ["aws-s3-bucket-access-logging", "storefront-assets-bucket"],
    ["aws-vpc-flow-logs-enabled", "storefront-net-aws-eu-north-1-vpc"],
    ["gcp-storage-bucket-logging", "storefront-backups-bucket"],
    ["gcp-subnetwork-flow-logs", "storefront-net-gcp-europe-west4-balancers"],
    ["gcp-subnetwork-flow-logs", "storefront-net-gcp-europe-west4-subnet"],
  ],
  prod: [
    ["aws-s3-bucket-access-logging", "storefront-assets-bucket"],
    ["aws-vpc-flow-logs-enabled", "storefront-net-aws-eu-west-1-vpc"],
    ["gcp-storage-bucket-logging", "storefront-backups-bucket"],
    ["gcp-subnetwork-flow-logs", "storefront-net-gcp-europe-west4-balancers"],
    ["gcp-subnetwork-flow-logs", "storefront-net-gcp-europe-west4-subnet"],
  ],
};

function describeViolations(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.policyName} [${v.enforcementLevel}] ${v.urn}: ${v.message}`).join("\n");
}

describe("served policy pack on the reference program", function () {
  this.timeout(240000);
  let host: PolicyHost;

  before(async () => {
    host = await servePack(STRICT, {});
  });

  after(async () => {
    await host?.close();
  });

  for (const stack of ["dev", "prod"]) {
    it(`finds no mandatory violation in the ${stack} stack, tags required, and only the known advisories`, async () => {
      const resources = await recordProgramDir(ROOT, stack);
      // Resources of every cloud the locked plan uses are among those analysed.
      const lock = parseLock(fs.readFileSync(path.join(ROOT, "stacks", `placement.${stack}.json`), "utf8"), "lock", stack);
      const planned = new Set([
        ...Object.values(lock.plan.services).flatMap((p) => p.groups.map((g) => g.cloud)),
        ...Object.values(lock.plan.buckets).map((b) => b.cloud),
      ]);
      const packages = new Set(resources.map((r) => r.type.split(":")[0]));
      for (const c of planned) assert.ok(packages.has(c === "azure" ? "azure-native" : c), `no ${c} resource`);
      assert.ok(resources.length > 20, `only ${resources.length} resources`);
      const violations = [...(await host.analyze(resources)), ...(await host.analyzeStack(resources))];
      const mandatory = violations.filter((v) => v.enforcementLevel !== "advisory");
      assert.deepEqual(mandatory, [], describeViolations(mandatory));
      const advisory = violations.map((v) => [v.policyName, v.urn.split("::").pop()] as [string, string]).sort();
      assert.deepEqual(advisory, ADVISORY[stack], describeViolations(violations));
    });
  }
});
