// Walks every policy of the pack and checks what users see of it: name, description, enforcement
// level, severity and configuration schema; and that the example configuration file is valid.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { schemaProblems, validate } from "../../cli/jsonSchema";
import {
  ENFORCEMENT_LEVELS,
  parsePolicyConfig,
  PolicyConfigError,
  PolicyMetadata,
  reconcilePolicyConfig,
} from "../../cli/policyConfig";
import { BENCHMARK_ITEM } from "../../policies/lib/benchmarks";
import { cloudfitPolicies, PACK_NAME } from "../../policies/policies";
import { resourcePolicies, stackRules } from "../../policies/rules";

const PACK_DIR = path.join(__dirname, "../../policies");
const PREFIXES = ["aws", "azure", "gcp", "dns", "compliance", "cost"];

/**
 * Cloud rules that implement no CIS recommendation or Checkov check (the benchmarks have none
 * for them); every other cloud rule names at least one benchmark item.
 */
const WITHOUT_BENCHMARK = new Set([
  "aws-rds-supported-engine-version",
  "aws-lb-no-admin-port-listeners",
  "aws-vpn-tunnels-ikev2-strong-ciphers",
  "aws-route53-failover-record-health-checked",
  "azure-database-flexible-server-backup-retention",
  "azure-database-flexible-server-supported-version",
  "azure-vpn-connection-ikev2-strong-ciphers",
  "gcp-compute-startup-script-no-secrets",
  "gcp-serverless-environment-no-secrets",
  "gcp-sql-instance-deletion-protection",
  "gcp-vpn-tunnel-ikev2-strong-ciphers",
  "gcp-lb-no-admin-port-forwarding",
  "gcp-storage-bucket-cmek",
  "dns-failover-pool-health-checked",
]);
const SEVERITIES = ["low", "medium", "high", "critical"];

function metadata(): PolicyMetadata[] {
  return cloudfitPolicies.map((p) => ({
    name: p.name,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    configSchema: p.configSchema as PolicyMetadata["configSchema"],
  }));
}

describe("policy pack metadata", () => {
  it("serves at least one policy per cloud and concern, with unique names", () => {
    const names = cloudfitPolicies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(", ")}`);
    for (const prefix of PREFIXES)
      assert.ok(
        names.some((n) => n.startsWith(`${prefix}-`)),
        `no ${prefix}-* policy`,
      );
  });

  it("has at least 120 rules, and at least 30 for each cloud", () => {
    const rules = [...resourcePolicies, ...stackRules].map((p) => p.name);
    assert.ok(rules.length >= 120, `${rules.length} rules`);
    for (const cloud of ["aws", "azure", "gcp"]) {
      const n = rules.filter((r) => r.startsWith(`${cloud}-`)).length;
      assert.ok(n >= 30, `${n} ${cloud} rules`);
    }
  });

  it("lists exactly the rules without benchmark items as such", () => {
    const empty = [...resourcePolicies, ...stackRules]
      .filter((p) => !p.name.startsWith("compliance-") && (p.tags ?? []).length === 0)
      .map((p) => p.name)
      .sort();
    assert.deepEqual(empty, [...WITHOUT_BENCHMARK].sort());
  });

  for (const policy of cloudfitPolicies) {
    describe(policy.name, () => {
      it("has a kebab-case name beginning with its cloud or concern", () => {
        assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
        assert.ok(
          PREFIXES.includes(policy.name.split("-")[0]),
          `${policy.name} has no known prefix`,
        );
      });

      it("describes itself in one full sentence", () => {
        assert.match(policy.description, /^[A-Z][^\n]*[A-Za-z0-9)'"]\.$/);
        assert.ok(
          policy.description.split(/\s+/).length >= 5,
          `too short: "${policy.description}"`,
        );
      });

      it("declares an enforcement level and a severity", () => {
        assert.ok(
          ENFORCEMENT_LEVELS.includes(policy.enforcementLevel!),
          `level ${policy.enforcementLevel}`,
        );
        assert.ok(SEVERITIES.includes(policy.severity!), `severity ${policy.severity}`);
      });

      if (!policy.name.startsWith("cost-")) {
        it("names well-formed benchmark items, the first CIS one as its framework", () => {
          for (const item of policy.tags ?? []) assert.match(item, BENCHMARK_ITEM);
          const cis = (policy.tags ?? []).find((t) => t.startsWith("CIS "));
          if (cis) assert.equal(policy.framework?.reference, cis.split(" ").pop());
          else assert.equal(policy.framework, undefined);
        });
      }

      it("validates either resources or the stack", () => {
        const p = policy as { validateResource?: unknown; validateStack?: unknown };
        assert.ok(
          (typeof p.validateResource === "function") !== (typeof p.validateStack === "function"),
        );
      });

      if (policy.configSchema) {
        it("has a well-formed configuration schema whose defaults satisfy it", () => {
          const schema = policy.configSchema!;
          assert.ok(Object.keys(schema.properties).length > 0, "a schema without settings");
          assert.ok(!("enforcementLevel" in schema.properties), "enforcementLevel is reserved");
          const whole = {
            type: "object",
            properties: schema.properties,
            required: schema.required ?? [],
          };
          assert.deepEqual(schemaProblems(whole), []);
          for (const [key, prop] of Object.entries(schema.properties)) {
            assert.equal(
              typeof (prop as { description?: unknown }).description,
              "string",
              `${key} has no description`,
            );
          }
        });
      }
    });
  }

  it("names the pack and its version the same way in PulumiPolicy.yaml and package.json", () => {
    const manifest = yaml.load(
      fs.readFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), "utf8"),
    ) as Record<string, string>;
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    assert.equal(manifest.runtime, "nodejs");
    assert.equal(manifest.version, pkg.version);
    assert.equal(pkg.name, "cloudfit-policies");
    assert.equal(PACK_NAME, "cloudfit");
  });

  it("accepts the example configuration file for every policy it configures", () => {
    const file = path.join(PACK_DIR, "config.example.json");
    const given = parsePolicyConfig(JSON.parse(fs.readFileSync(file, "utf8")), file);
    const names = new Set(cloudfitPolicies.map((p) => p.name));
    for (const name of Object.keys(given))
      assert.ok(names.has(name), `config.example.json configures unknown policy ${name}`);
    const result = reconcilePolicyConfig(metadata(), {}, given, file);
    assert.equal(result["cost-monthly-budget"].properties.budgetUSD, 5000);
  });

  it("rejects configuration that breaks a policy's schema, naming the policy and setting", () => {
    const given = parsePolicyConfig({
      "cost-monthly-budget": { budgetUSD: "lots", perCloud: { moon: 1 } },
    });
    assert.throws(
      () => reconcilePolicyConfig(metadata(), {}, given),
      (e: Error) =>
        e instanceof PolicyConfigError &&
        e.message.includes("cost-monthly-budget: .budgetUSD: expected number, got string") &&
        e.message.includes(
          "cost-monthly-budget: .perCloud: additional property 'moon' is not allowed",
        ) &&
        e.message.includes("To fix:"),
    );
    assert.throws(
      () => parsePolicyConfig({ "cost-monthly-budget": "sometimes" }),
      PolicyConfigError,
    );
  });

  it("applies schema defaults and an 'all' enforcement level as the Pulumi CLI does", () => {
    const result = reconcilePolicyConfig(metadata(), {}, parsePolicyConfig({ all: "advisory" }));
    assert.ok(Object.values(result).every((c) => c.enforcementLevel === "advisory"));
    for (const p of cloudfitPolicies) {
      for (const [key, prop] of Object.entries(p.configSchema?.properties ?? {})) {
        const d = (prop as { default?: unknown }).default;
        if (d !== undefined) assert.deepEqual(result[p.name].properties[key], d);
      }
    }
    assert.deepEqual(validate({ type: "integer", minimum: 1 }, 0), ["(root): must be at least 1"]);
  });
});
