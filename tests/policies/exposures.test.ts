// The exposures of issue 10 through the served pack: a table of what each hand-written program
// must be flagged for (its exact mandatory findings, by policy and resource) and must not be
// flagged for (at any level), for the exposed program and its fixed twin.

import { strict as assert } from "assert";
import { PolicyHost, Violation } from "../../cli/policyHost";
import { analyzeProgram, servePack } from "./analyzeProgram";
import { EXPOSURES } from "./exposures";
import { STACK_CONFIG } from "./programs";

/** What one program must and must not be flagged for. */
interface Expectation {
  /** Every mandatory finding, as [policy, resource name]. */
  readonly flagged: readonly [string, string][];
  /** Policies that must report nothing at all on the program. */
  readonly notFlagged: readonly string[];
}

const TABLE: Record<string, { exposed: Expectation; fixed: Expectation }> = {
  "rds-mysql-open": {
    exposed: {
      flagged: [
        ["aws-rds-backup-retention", "db"],
        ["aws-rds-storage-encrypted", "db"],
        ["aws-security-group-no-public-ingress", "db-sg"],
      ],
      // 3306 is not an admin port, and the instance itself is not publicly accessible.
      notFlagged: ["aws-security-group-no-public-admin-ports", "aws-rds-not-publicly-accessible"],
    },
    fixed: { flagged: [], notFlagged: ["aws-security-group-no-public-ingress", "aws-rds-deletion-protection", "aws-rds-log-exports-enabled"] },
  },
  "ecr-public-push": {
    exposed: { flagged: [["aws-ecr-repository-policy-not-public", "images-policy"]], notFlagged: ["aws-ecr-repository-scanned-and-immutable"] },
    fixed: { flagged: [], notFlagged: ["aws-ecr-repository-policy-not-public"] },
  },
  "cloud-function-public": {
    exposed: { flagged: [["gcp-cloudfunctions-not-public", "hello-invoker"]], notFlagged: ["gcp-iam-no-public-members"] },
    fixed: { flagged: [], notFlagged: ["gcp-cloudfunctions-not-public"] },
  },
  "azure-vm-password-public-ip": {
    exposed: {
      flagged: [
        ["azure-network-public-ip-behind-nsg", "vm-nic"],
        ["azure-network-subnet-has-nsg", "vnet"],
        ["azure-vm-password-authentication-disabled", "vm"],
      ],
      notFlagged: ["azure-network-no-public-admin-ports"],
    },
    // A public IP behind an NSG that admits SSH from one office network is a deliberate design:
    // only the advisory public-IP finding remains.
    fixed: { flagged: [], notFlagged: ["azure-network-public-ip-behind-nsg", "azure-network-no-public-admin-ports", "azure-vm-password-authentication-disabled"] },
  },
  "azure-sql-public": {
    exposed: {
      flagged: [
        ["azure-sql-server-auditing-enabled", "sql"],
        ["azure-sql-server-min-tls-1-2", "sql"],
        ["azure-sql-server-no-public-access", "sql"],
      ],
      notFlagged: ["azure-database-firewall-no-public-range"],
    },
    fixed: { flagged: [], notFlagged: ["azure-sql-server-no-public-access", "azure-sql-server-min-tls-1-2", "azure-sql-server-auditing-enabled"] },
  },
  "gcp-vm-ip-forwarding": {
    exposed: { flagged: [["gcp-compute-ip-forwarding-disabled", "router"]], notFlagged: ["gcp-compute-no-default-service-account"] },
    fixed: { flagged: [], notFlagged: ["gcp-compute-ip-forwarding-disabled"] },
  },
};

function show(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.policyName} [${v.enforcementLevel}] ${v.urn.split("::").pop()}`).join("\n");
}

describe("exposures found on public example programs, through the served pack", function () {
  this.timeout(240_000);
  let host: PolicyHost;
  before(async () => {
    host = await servePack({}, STACK_CONFIG);
  });
  after(async () => {
    await host?.close();
  });

  it("has an expectation for every program and a program for every expectation", () => {
    assert.deepEqual(EXPOSURES.map((e) => e.name).sort(), Object.keys(TABLE).sort());
  });

  for (const exposure of EXPOSURES) {
    for (const side of ["exposed", "fixed"] as const) {
      it(`${exposure.name}, ${side}: ${side === "exposed" ? "flagged for exactly its exposures" : "no mandatory finding"}`, async () => {
        const expected = TABLE[exposure.name][side];
        const { violations } = await analyzeProgram(host, exposure[side], STACK_CONFIG);
        const mandatory = violations
          .filter((v) => v.enforcementLevel === "mandatory")
          .map((v) => [v.policyName, v.urn.split("::").pop()] as [string, string])
          .sort();
        assert.deepEqual(mandatory, [...expected.flagged].sort(), show(violations));
        for (const policy of expected.notFlagged) {
          assert.ok(!violations.some((v) => v.policyName === policy), `${policy} reported:\n${show(violations)}`);
        }
      });
    }
  }
});
