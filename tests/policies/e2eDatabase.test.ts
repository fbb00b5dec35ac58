// End to end, databases: the Database component's resources on each cloud, served to the policy
// pack as the Pulumi CLI serves it, pass every database rule; the same component with one
// security setting turned off (a Pulumi transformation on the component, reaching its children)
// is caught by the rule for that setting.

import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyHost, Violation } from "../../cli/policyHost";
import { Database } from "../../components/database";
import { loadCatalog } from "../../optimizer/catalog";
import type { DatabasePlacement } from "../../optimizer/plan";
import { validateSpec } from "../../optimizer/validate";
import { analyzeProgram, ProgramAnalysis, servePack, urnOf } from "./analyzeProgram";

const catalog = loadCatalog();
const STACK = { "cloudfit:owner": "data-team", "cloudfit:costCenter": "CC-42", "gcp:project": "cloudfit-e2e" };
const PACK = { "cost-monthly-budget": { budgetUSD: 100000 } };

const spec = validateSpec(
  {
    services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } },
    databases: {
      pg: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, ha: "zone", readReplicas: 1 },
      my: { engine: "mysql", vcpu: 2, memoryGiB: 8, storageGiB: 100, ha: "region" },
    },
  },
  catalog,
);
const pg = spec.databases!.find((d) => d.name === "pg")!;
const my = spec.databases!.find((d) => d.name === "my")!;

const AWS: DatabasePlacement = { cloud: "aws", region: "us-east-1", instanceClass: "db.m6g.large" };
const AZURE: DatabasePlacement = { cloud: "azure", region: "eastus", instanceClass: "Standard_D2ads_v5" };
const GCP: DatabasePlacement = { cloud: "gcp", region: "us-central1", instanceClass: "db-custom-2-8192" };
const AZURE_PG: DatabasePlacement = { cloud: "azure", region: "eastus", instanceClass: "Standard_D2ds_v5" };

/** A transformation changing the inputs of the children of one type. */
function change(type: string, edit: (props: Record<string, any>) => Record<string, any>): pulumi.ResourceTransformation {
  return (a) => (a.type === type ? { props: edit({ ...a.props }), opts: a.opts } : undefined);
}

/** One insecure variant: the component with one setting turned off, the rule and resource that catch it. */
interface Variant {
  readonly name: string;
  readonly placement: DatabasePlacement;
  readonly database: typeof pg;
  readonly transformation: pulumi.ResourceTransformation;
  readonly policy: string;
  readonly resource: string;
}

const RDS = "aws:rds/instance:Instance";
const PG_SERVER = "azure-native:dbforpostgresql:Server";
const MY_SERVER = "azure-native:dbformysql:Server";
const MY_CONFIG = "azure-native:dbformysql:Configuration";
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";

const VARIANTS: readonly Variant[] = [
  { name: "rds-plain", placement: AWS, database: pg, transformation: change(RDS, (p) => ({ ...p, storageEncrypted: false })), policy: "aws-rds-storage-encrypted", resource: "rds-plain-db" },
  { name: "rds-open", placement: AWS, database: pg, transformation: change(RDS, (p) => ({ ...p, publiclyAccessible: true })), policy: "aws-rds-not-publicly-accessible", resource: "rds-open-db" },
  { name: "rds-short", placement: AWS, database: pg, transformation: change(RDS, (p) => ({ ...p, backupRetentionPeriod: 1 })), policy: "aws-rds-backup-retention", resource: "rds-short-db" },
  {
    name: "rds-cleartext",
    placement: AWS,
    database: { ...pg, version: "14" },
    transformation: change("aws:rds/parameterGroup:ParameterGroup", (p) => ({ ...p, parameters: [{ name: "rds.force_ssl", value: "0" }] })),
    policy: "aws-rds-tls-enforced",
    resource: "rds-cleartext-params",
  },
  { name: "rds-old", placement: AWS, database: pg, transformation: change(RDS, (p) => ({ ...p, engineVersion: "11.22" })), policy: "aws-rds-supported-engine-version", resource: "rds-old-db" },
  { name: "rds-unguarded", placement: AWS, database: pg, transformation: change(RDS, (p) => ({ ...p, deletionProtection: false })), policy: "aws-rds-deletion-protection", resource: "rds-unguarded-db" },
  {
    name: "flex-open",
    placement: AZURE_PG,
    database: pg,
    transformation: change(PG_SERVER, (p) => ({ ...p, network: { publicNetworkAccess: "Enabled" } })),
    policy: "azure-database-flexible-server-no-public-access",
    resource: "flex-open-server",
  },
  { name: "flex-short", placement: AZURE, database: my, transformation: change(MY_SERVER, (p) => ({ ...p, backup: { backupRetentionDays: 3 } })), policy: "azure-database-flexible-server-backup-retention", resource: "flex-short-server" },
  {
    name: "flex-cleartext",
    placement: AZURE,
    database: my,
    transformation: change(MY_CONFIG, (p) => (p.configurationName === "require_secure_transport" ? { ...p, value: "OFF" } : p)),
    policy: "azure-database-flexible-server-tls-enforced",
    resource: "flex-cleartext-require-secure-transport",
  },
  { name: "sql-cleartext", placement: GCP, database: pg, transformation: change(SQL, (p) => ({ ...p, settings: { ...p.settings, ipConfiguration: { ...p.settings.ipConfiguration, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } } })), policy: "gcp-sql-instance-ssl-required", resource: "sql-cleartext-sql" },
  { name: "sql-public", placement: GCP, database: pg, transformation: change(SQL, (p) => ({ ...p, settings: { ...p.settings, ipConfiguration: { ...p.settings.ipConfiguration, ipv4Enabled: true } } })), policy: "gcp-sql-instance-private-ip-only", resource: "sql-public-sql" },
  { name: "sql-nobackup", placement: GCP, database: pg, transformation: change(SQL, (p) => (p.masterInstanceName ? p : { ...p, settings: { ...p.settings, backupConfiguration: { enabled: false } } })), policy: "gcp-sql-instance-backups", resource: "sql-nobackup-sql" },
  { name: "sql-unguarded", placement: GCP, database: pg, transformation: change(SQL, (p) => ({ ...p, deletionProtection: false })), policy: "gcp-sql-instance-deletion-protection", resource: "sql-unguarded-sql" },
];

/** The database rules: what the component must pass. */
const DATABASE_RULE = /^(aws-rds-|azure-database-|gcp-sql-)/;

function show(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.policyName} [${v.enforcementLevel}] ${v.urn}: ${v.message.split("\n").slice(1).join(" ")}`).join("\n");
}

describe("served policy pack on the Database component", function () {
  this.timeout(240000);
  let host: PolicyHost;
  before(async () => {
    host = await servePack(PACK, STACK);
  });
  after(async () => {
    await host?.close();
  });

  describe("as the component emits it", () => {
    let analysis: ProgramAnalysis;
    before(async () => {
      analysis = await analyzeProgram(host, () => {
        new Database("aws-pg", { placement: AWS, database: pg, ingress: [{ port: 5432, cidr: "10.16.0.0/16" }] });
        new Database("azure-my", { placement: AZURE, database: my, ingress: [{ port: 3306, cidr: "10.16.0.0/16" }] });
        new Database("azure-pg", { placement: AZURE_PG, database: pg });
        new Database("gcp-pg", { placement: GCP, database: pg });
        new Database("gcp-my", { placement: GCP, database: my });
      }, STACK);
    });

    it("passes every database rule on every cloud, primaries and replicas alike", () => {
      const types = new Set(analysis.resources.map((r) => r.type));
      for (const t of [RDS, PG_SERVER, MY_SERVER, SQL, "aws:rds/parameterGroup:ParameterGroup", MY_CONFIG]) assert.ok(types.has(t), t);
      const found = analysis.violations.filter((v) => DATABASE_RULE.test(v.policyName));
      assert.deepEqual(found, [], show(found));
    });

    it("breaks no mandatory rule at all", () => {
      const mandatory = analysis.violations.filter((v) => v.enforcementLevel === "mandatory");
      assert.deepEqual(mandatory, [], show(mandatory));
    });
  });

  describe("with one security setting turned off", () => {
    let analysis: ProgramAnalysis;
    before(async () => {
      analysis = await analyzeProgram(host, () => {
        for (const v of VARIANTS) new Database(v.name, { placement: v.placement, database: v.database }, { transformations: [v.transformation] });
      }, STACK);
    });

    for (const v of VARIANTS) {
      it(`is caught by ${v.policy} on '${v.resource}'`, () => {
        const urn = urnOf(analysis, v.resource);
        const found = analysis.violations.filter((x) => x.policyName === v.policy && x.urn === urn);
        assert.ok(found.length > 0, `no ${v.policy} on ${v.resource}; got:\n${show(analysis.violations.filter((x) => x.urn === urn))}`);
        // Only the setting turned off is reported among the database rules of that variant.
        const others = analysis.violations.filter((x) => DATABASE_RULE.test(x.policyName) && x.policyName !== v.policy && x.urn.includes(`::${v.name}-`));
        assert.deepEqual(others, [], show(others));
      });
    }
  });
});
