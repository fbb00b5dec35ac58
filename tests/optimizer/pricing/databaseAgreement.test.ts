// plan/preview agreement for databases: the resources the Database component emits, recorded as
// `preview` records a program and priced by the resource price rules, cost exactly what the
// optimizer's offer for that class, region, HA, replicas and storage says, on every cloud.

import * as assert from "assert";
import { recordProgram, toPricingResources } from "../../../cli/record";
import { Database } from "../../../components/database";
import { loadCatalog } from "../../../optimizer/catalog";
import { placedDatabaseOffer } from "../../../optimizer/database-offers";
import type { DatabasePlacement } from "../../../optimizer/plan";
import { estimateCosts } from "../../../optimizer/pricing";
import { validateSpec } from "../../../optimizer/validate";

const catalog = loadCatalog();

const CASES: { what: string; placement: DatabasePlacement; db: Record<string, unknown> }[] = [
  { what: "RDS PostgreSQL Multi-AZ with a replica, gp3 with IOPS above the baseline", placement: { cloud: "aws", region: "eu-central-1", instanceClass: "db.r6g.xlarge" }, db: { engine: "postgres", vcpu: 4, memoryGiB: 32, storageGiB: 500, iops: 16000, ha: "zone", readReplicas: 1 } },
  { what: "Azure PostgreSQL zone-redundant, 300 GiB on the 512 GiB size", placement: { cloud: "azure", region: "westeurope", instanceClass: "Standard_E4ds_v5" }, db: { engine: "postgres", vcpu: 4, memoryGiB: 32, storageGiB: 300, ha: "region" } },
  { what: "Azure MySQL with two replicas", placement: { cloud: "azure", region: "eastus", instanceClass: "Standard_D2ads_v5" }, db: { engine: "mysql", vcpu: 2, memoryGiB: 8, storageGiB: 100, readReplicas: 2 } },
  { what: "Cloud SQL PostgreSQL regional with a replica", placement: { cloud: "gcp", region: "europe-west4", instanceClass: "db-custom-4-16384" }, db: { engine: "postgres", vcpu: 4, memoryGiB: 16, storageGiB: 250, ha: "zone", readReplicas: 1 } },
  { what: "Cloud SQL MySQL on HDD", placement: { cloud: "gcp", region: "us-central1", instanceClass: "db-custom-2-8192" }, db: { engine: "mysql", vcpu: 2, memoryGiB: 8, storageGiB: 400, storageType: "hdd" } },
];

describe("plan and preview agree on databases", function () {
  this.timeout(120000);
  for (const c of CASES) {
    it(`prices the component's resources as the offer: ${c.what}`, async () => {
      const d = validateSpec({ services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: c.db } }, catalog).databases![0];
      const recorded = await recordProgram({
        program: () => new Database("orders", { placement: c.placement, database: d }),
        project: "agreement",
        stack: "test",
        config: { "cloudfit:owner": "data-team", "cloudfit:costCenter": "CC-1", "gcp:project": "p" },
      });
      const estimate = estimateCosts(toPricingResources(recorded), {}, catalog);
      const mine = estimate.resources.filter((e) => e.tags["cloudfit-service"] === "orders" && e.monthlyUSD);
      const dbTypes = /^(aws:rds\/instance:Instance|azure-native:dbfor(postgresql|mysql):Server|gcp:sql\/databaseInstance:DatabaseInstance)$/;
      const priced = mine.filter((e) => dbTypes.test(e.type));
      assert.strictEqual(priced.length, 1 + d.readReplicas);
      const offer = placedDatabaseOffer(catalog, d, c.placement)!;
      const sum = (kind: string) => priced.reduce((n, e) => n + e.components.filter((x) => x.kind === kind).reduce((m, x) => m + (x.monthlyUSD ?? 0), 0), 0);
      assert.ok(Math.abs(sum("compute") - offer.computeUSD) < 0.005, `compute ${sum("compute")} vs ${offer.computeUSD}`);
      assert.ok(Math.abs(sum("storage") - offer.storageUSD) < 0.005, `storage ${sum("storage")} vs ${offer.storageUSD}`);
      // Whatever else the database's resources cost is a component plan leaves apart on purpose:
      // usage-priced backups (no quantity without a usage file), the AWS key and the Azure private
      // DNS zone (a dollar or less a month each).
      const others = mine.flatMap((e) => e.components.filter((x) => !x.kind && x.monthlyUSD).map((x) => `${e.type}: ${x.name}`));
      const expected = { aws: ["aws:kms/key:Key: Customer managed key"], azure: ["azure-native:privatedns:PrivateZone: Hosted zone"], gcp: [] };
      assert.deepStrictEqual(others, expected[c.placement.cloud]);
    });
  }
});
