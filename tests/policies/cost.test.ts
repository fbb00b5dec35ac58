// The cost model: every billable type priced from the catalog (expected prices are computed here
// from the catalog, not copied), budgets and their exact message, and unpriced resources listed.
// Resources are registered with the real provider SDKs under Pulumi's mocks and recorded.

import { strict as assert } from "assert";
import * as autoscaling from "@pulumi/aws/autoscaling";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as ebs from "@pulumi/aws/ebs";
import * as ec2 from "@pulumi/aws/ec2";
import * as rds from "@pulumi/aws/rds";
import * as sfn from "@pulumi/aws/sfn";
import * as s3 from "@pulumi/aws/s3";
import * as kms from "@pulumi/aws/kms";
import * as azcompute from "@pulumi/azure-native/compute";
import * as azstorage from "@pulumi/azure-native/storage";
import * as gcompute from "@pulumi/gcp/compute";
import * as gstorage from "@pulumi/gcp/storage";
import { HOURS_PER_MONTH, loadCatalog } from "../../optimizer/catalog";
import { recordProgram, toPricingResources } from "../../cli/record";
import {
  checkBudgets,
  formatUSD,
  priceResources,
  PricingConfig,
  PricingResult,
} from "../../policies/cost";
import { onDemandCount } from "../../optimizer/pricing/rules/aws-compute";

const KMS_KEY_MONTHLY_USD = 1;

const catalog = loadCatalog();
const onDemand = (cloud: "aws" | "azure" | "gcp", region: string, type: string) =>
  catalog.offer(cloud, region, type)!.onDemandHourlyUSD * HOURS_PER_MONTH;
const spot = (cloud: "aws" | "azure" | "gcp", region: string, type: string) =>
  catalog.offer(cloud, region, type)!.spotHourlyUSD! * HOURS_PER_MONTH;
const disk = (cloud: "aws" | "azure" | "gcp", region: string, gib: number) =>
  catalog.diskPerGiBMonth(cloud, region) * gib;
const storage = (cloud: "aws" | "azure" | "gcp", region: string, gib: number) =>
  catalog.storagePerGiBMonth(cloud, region) * gib;
/** The unit price of a service price key in a region (its first tier). */
const svc = (key: string, region: string) => catalog.price(key, region)!.tiers[0][1];
/** The price of the size tier that holds a managed disk of `gib` GiB. */
const tier = (key: string, region: string, gib: number) =>
  catalog.price(key, region)!.tiers.find(([upto]) => upto === null || gib <= upto)![1];

async function price(
  program: () => unknown,
  pricing: PricingConfig = {},
  config: Record<string, string> = { "aws:region": "us-east-1" },
): Promise<PricingResult> {
  const recorded = await recordProgram({ project: "cost", stack: "test", config, program });
  return priceResources(toPricingResources(recorded), pricing);
}

function monthly(result: PricingResult, name: string): number {
  const p = result.priced.find((r) => r.name === name);
  assert.ok(p, `expected '${name}' to be priced; unpriced: ${JSON.stringify(result.unpriced)}`);
  return p.monthlyUSD;
}

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);
}

describe("cost model", function () {
  this.timeout(60000);

  describe("AWS", () => {
    it("prices a customer managed KMS key at its flat monthly fee", async () => {
      const result = await price(() => new kms.Key("data-key", { enableKeyRotation: true }));
      near(monthly(result, "data-key"), KMS_KEY_MONTHLY_USD);
      assert.deepEqual(result.unpriced, []);
    });

    it("prices an EC2 instance and its root volume in the region of aws:region", async () => {
      const r = await price(
        () =>
          new ec2.Instance("web", {
            instanceType: "m7i.large",
            ami: "ami-1",
            rootBlockDevice: { volumeSize: 20, volumeType: "gp3" },
          }),
      );
      near(
        monthly(r, "web"),
        onDemand("aws", "us-east-1", "m7i.large") + disk("aws", "us-east-1", 20),
      );
      assert.equal(r.priced[0].region, "us-east-1");
    });

    it("takes the region from an explicit provider resource", async () => {
      const r = await price(() => {
        const eu = new AwsProvider("eu", { region: "eu-west-1" });
        new ec2.Instance("web", { instanceType: "m7i.large", ami: "ami-1" }, { provider: eu });
      });
      near(monthly(r, "web"), onDemand("aws", "eu-west-1", "m7i.large"));
    });

    it("prices a spot instance at the catalog's spot price", async () => {
      const r = await price(
        () =>
          new ec2.Instance("batch", {
            instanceType: "m7i.large",
            ami: "ami-1",
            instanceMarketOptions: { marketType: "spot" },
          }),
      );
      near(monthly(r, "batch"), spot("aws", "us-east-1", "m7i.large"));
    });

    it("prices an Auto Scaling group as desiredCapacity instances of its launch template", async () => {
      const r = await price(() => {
        const lt = new ec2.LaunchTemplate("api-lt", {
          instanceType: "c7i.large",
          blockDeviceMappings: [
            { deviceName: "/dev/xvda", ebs: { volumeSize: 30, encrypted: "true" } },
          ],
        });
        new autoscaling.Group("api", {
          desiredCapacity: 3,
          minSize: 1,
          maxSize: 5,
          launchTemplate: { id: lt.id },
        });
      });
      near(
        monthly(r, "api"),
        3 * onDemand("aws", "us-east-1", "c7i.large") + disk("aws", "us-east-1", 90),
      );
      assert.ok(
        !r.priced.some((p) => p.name === "api-lt") && !r.unpriced.some((u) => u.name === "api-lt"),
      );
    });

    it("splits a mixed instances policy into on-demand base, on-demand share and spot", async () => {
      const r = await price(() => {
        const lt = new ec2.LaunchTemplate("mix-lt", { instanceType: "m7i.large" });
        new autoscaling.Group("mix", {
          desiredCapacity: 10,
          minSize: 0,
          maxSize: 10,
          mixedInstancesPolicy: {
            instancesDistribution: {
              onDemandBaseCapacity: 2,
              onDemandPercentageAboveBaseCapacity: 25,
            },
            launchTemplate: {
              launchTemplateSpecification: { launchTemplateId: lt.id },
              overrides: [{ instanceType: "c7i.large" }],
            },
          },
        });
      });
      assert.equal(onDemandCount(10, 2, 25), 4);
      near(
        monthly(r, "mix"),
        4 * onDemand("aws", "us-east-1", "c7i.large") + 6 * spot("aws", "us-east-1", "c7i.large"),
      );
    });

    it("uses minSize when an Auto Scaling group declares no desiredCapacity", async () => {
      const r = await price(() => {
        const lt = new ec2.LaunchTemplate("min-lt", { instanceType: "m7i.large" });
        new autoscaling.Group("min", { minSize: 2, maxSize: 4, launchTemplate: { id: lt.id } });
      });
      near(monthly(r, "min"), 2 * onDemand("aws", "us-east-1", "m7i.large"));
    });

    it("prices an EBS volume in the region of its availability zone", async () => {
      const r = await price(
        () => new ebs.Volume("data", { availabilityZone: "us-west-2a", size: 100 }),
      );
      // No type declared: the provider creates gp2.
      near(monthly(r, "data"), svc("aws.ebs.gp2", "us-west-2") * 100);
    });

    it("prices an RDS instance by its class, scaled from the catalog's anchor size, and its storage", async () => {
      const r = await price(() => {
        new rds.Instance("db", { instanceClass: "db.t3.micro", engine: "postgres", allocatedStorage: 20 });
        new rds.Instance("ha", { instanceClass: "db.m5.xlarge", engine: "mysql", allocatedStorage: 100, multiAz: true });
      });
      // Keys are quoted for db.t3.large and db.m5.large: micro is 1/8 of large, xlarge twice.
      near(monthly(r, "db"), (svc("aws.rds.postgres.t3", "us-east-1") / 8) * 730 + 20 * svc("aws.rds.gp2", "us-east-1"));
      near(monthly(r, "ha"), 2 * (svc("aws.rds.mysql.m5", "us-east-1") * 2 * 730 + 100 * svc("aws.rds.gp2", "us-east-1")));
    });

    it("prices an S3 bucket from its declared cloudfit-storage-gib tag", async () => {
      const r = await price(
        () => new s3.Bucket("logs", { tags: { "cloudfit-storage-gib": "500", team: "ops" } }),
      );
      near(monthly(r, "logs"), storage("aws", "us-east-1", 500));
      assert.equal(r.priced[0].tags.team, "ops");
    });
  });

  describe("Azure", () => {
    it("prices a VM with its OS and data disks in its location", async () => {
      const r = await price(
        () =>
          new azcompute.VirtualMachine("vm", {
            resourceGroupName: "rg",
            location: "westeurope",
            hardwareProfile: { vmSize: "Standard_D2s_v5" },
            storageProfile: {
              osDisk: { createOption: "FromImage", diskSizeGB: 64 },
              dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 128 }],
            },
          }),
      );
      // No storage account type declared: Premium SSD, billed by size tier (P6 for 64 GiB, P10 for 128).
      near(
        monthly(r, "vm"),
        onDemand("azure", "westeurope", "Standard_D2s_v5") +
          tier("azure.disk.premium", "westeurope", 64) +
          tier("azure.disk.premium", "westeurope", 128),
      );
    });

    it("prices a spot scale set as sku.capacity instances at the spot price", async () => {
      const r = await price(
        () =>
          new azcompute.VirtualMachineScaleSet("vmss", {
            resourceGroupName: "rg",
            location: "eastus",
            sku: { name: "Standard_D4s_v5", capacity: 4 },
            virtualMachineProfile: {
              priority: "Spot",
              storageProfile: { osDisk: { createOption: "FromImage", diskSizeGB: 32 } },
            },
          }),
      );
      near(
        monthly(r, "vmss"),
        4 * spot("azure", "eastus", "Standard_D4s_v5") + 4 * tier("azure.disk.premium", "eastus", 32),
      );
    });

    it("prices a managed disk and a storage account", async () => {
      const r = await price(
        () => {
          new azcompute.Disk("d", {
            resourceGroupName: "rg",
            location: "West Europe",
            diskSizeGB: 256,
            creationData: { createOption: "Empty" },
          });
          new azstorage.StorageAccount("sa", {
            resourceGroupName: "rg",
            location: "westeurope",
            kind: "StorageV2",
            sku: { name: "Standard_LRS" },
          });
        },
        { storageGiBDefault: 40 },
      );
      // Standard HDD by default, S15 for 256 GiB.
      near(monthly(r, "d"), tier("azure.disk.standard-hdd", "westeurope", 256));
      near(monthly(r, "sa"), storage("azure", "westeurope", 40));
    });
  });

  describe("Google Cloud", () => {
    it("prices an instance and its boot disk in the region of its zone", async () => {
      const r = await price(
        () =>
          new gcompute.Instance("vm", {
            machineType: "e2-standard-2",
            zone: "europe-west3-b",
            bootDisk: { initializeParams: { image: "debian-12", size: 50 } },
            networkInterfaces: [{ network: "default" }],
          }),
      );
      // No disk type declared: pd-standard, as the provider creates.
      near(
        monthly(r, "vm"),
        onDemand("gcp", "europe-west3", "e2-standard-2") + svc("gcp.disk.pd-standard", "europe-west3") * 50,
      );
    });

    it("prices a regional instance group manager as targetSize instances of its template", async () => {
      const r = await price(() => {
        const t = new gcompute.RegionInstanceTemplate("tpl", {
          region: "us-central1",
          machineType: "n2-standard-4",
          disks: [{ sourceImage: "debian-12", diskSizeGb: 20, boot: true }],
          networkInterfaces: [{ network: "default" }],
          scheduling: { provisioningModel: "SPOT", preemptible: true, automaticRestart: false },
          labels: { team: "search" },
        });
        new gcompute.RegionInstanceGroupManager("mig", {
          region: "us-central1",
          baseInstanceName: "mig",
          targetSize: 3,
          versions: [{ instanceTemplate: t.selfLink }],
        });
      });
      near(
        monthly(r, "mig"),
        3 * spot("gcp", "us-central1", "n2-standard-4") + svc("gcp.disk.pd-standard", "us-central1") * 60,
      );
      assert.equal(r.priced.find((p) => p.name === "mig")!.tags.team, "search");
    });

    it("prices a regional disk at twice the zonal rate and a bucket from its label", async () => {
      const r = await price(() => {
        new gcompute.Disk("zonal", { zone: "us-central1-a", size: 100 });
        new gcompute.RegionDisk("regional", {
          region: "us-central1",
          size: 100,
          replicaZones: ["us-central1-a", "us-central1-b"],
        });
        new gstorage.Bucket("b", {
          location: "US-CENTRAL1",
          labels: { "cloudfit-storage-gib": "250" },
        });
      });
      near(monthly(r, "zonal"), svc("gcp.disk.pd-standard", "us-central1") * 100);
      near(monthly(r, "regional"), 2 * monthly(r, "zonal"));
      near(monthly(r, "b"), storage("gcp", "us-central1", 250));
    });
  });

  describe("unpriced resources", () => {
    it("lists a bucket without a declared size instead of counting it as free", async () => {
      const r = await price(() => new s3.Bucket("unsized"));
      assert.deepEqual(r.priced, []);
      assert.equal(r.unpriced.length, 1);
      assert.match(r.unpriced[0].reason, /stored size unknown: declare a 'cloudfit-storage-gib' tag or label/);
      assert.match(r.unpriced[0].reason, /depends on usage: Standard storage \$0\.023 per GiB-month \(usage key storageGiB\)/);
    });

    it("lists a billable type without a price rule and skips types that cost nothing", async () => {
      const r = await price(() => {
        new ec2.SecurityGroup("sg", { ingress: [] });
        new sfn.StateMachine("flow", { definition: "{}", roleArn: "arn:aws:iam::1:role/x" });
      });
      assert.deepEqual(
        r.unpriced.map((u) => [u.name, u.reason]),
        [["flow", "type aws:sfn/stateMachine:StateMachine has no price rule; budget for it separately or add a rule under optimizer/pricing/rules"]],
      );
      assert.deepEqual(r.priced, []);
    });

    it("lists an instance whose type is unknown during preview", async () => {
      const r = await price(() => {
        const lt = new ec2.LaunchTemplate("lt", {});
        // The launch template's latestVersion is not among the mocked outputs, so it is unknown.
        new ec2.Instance("vm", {
          ami: "ami-1",
          instanceType: lt.latestVersion.apply((v) => `m7i.${v}`),
        });
      });
      assert.equal(r.unpriced.length, 1);
      assert.match(r.unpriced[0].reason, /unknown until deployment/);
    });

    it("lists a resource in a region the catalog does not cover", async () => {
      const r = await price(
        () =>
          new ec2.Instance("far", { instanceType: "m7i.large", ami: "ami-1", region: "sa-east-1" }),
      );
      assert.deepEqual(
        r.unpriced.map((u) => u.reason),
        ["region 'sa-east-1' is not in the aws price catalog"],
      );
    });

    it("never throws on random and partially unknown properties", () => {
      const types = [
        "aws:ec2/instance:Instance",
        "aws:autoscaling/group:Group",
        "azure-native:compute:VirtualMachineScaleSet",
        "gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager",
        "gcp:storage/bucket:Bucket",
      ];
      const values = [
        undefined,
        null,
        0,
        -3,
        1.5,
        "",
        "x",
        "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        [],
        {},
        [{}],
        { name: 1 },
        true,
      ];
      let seed = 42;
      const rand = (n: number) => ((seed = (seed * 16807) % 2147483647), seed % n);
      const pick = () => values[rand(values.length)];
      const keys = [
        "instanceType",
        "region",
        "zone",
        "location",
        "sku",
        "targetSize",
        "versions",
        "desiredCapacity",
        "mixedInstancesPolicy",
        "labels",
        "tags",
        "machineType",
      ];
      for (let i = 0; i < 500; i++) {
        const props: Record<string, unknown> = {};
        for (const k of keys)
          if (rand(2)) props[k] = rand(3) ? pick() : { name: pick(), capacity: pick(), 0: pick() };
        const type = types[rand(types.length)];
        const result = priceResources([
          {
            urn: `urn:${i}`,
            name: `r${i}`,
            type,
            props,
            provider: { type: "p", props: { region: pick() } },
          },
        ]);
        assert.equal(result.priced.length + result.unpriced.length, 1);
        for (const p of result.priced)
          assert.ok(Number.isFinite(p.monthlyUSD) && p.monthlyUSD >= 0);
      }
    });
  });

  describe("budgets", () => {
    it("reports the total, the budget, the excess and the five most expensive resources", async () => {
      const r = await price(() => {
        for (const [name, type] of [
          ["a", "m7i.large"],
          ["b", "c7i.large"],
          ["c", "m7i.xlarge"],
          ["d", "m7i.2xlarge"],
          ["e", "c7i.xlarge"],
          ["f", "c7i.2xlarge"],
        ]) {
          new ec2.Instance(name, { instanceType: type, ami: "ami-1" });
        }
        new s3.Bucket("unsized");
      });
      const cost = (t: string) => onDemand("aws", "us-east-1", t);
      const total = [
        "m7i.large",
        "c7i.large",
        "m7i.xlarge",
        "m7i.2xlarge",
        "c7i.xlarge",
        "c7i.2xlarge",
      ].reduce((s, t) => s + cost(t), 0);
      const [excess] = checkBudgets(r, { budgetUSD: 500 });
      const line = (i: number, name: string, t: string) =>
        `  ${i}. '${name}' (aws:ec2/instance:Instance, us-east-1): ${formatUSD(cost(t))}/month, ` +
        `Instance usage (Linux, on-demand, ${t}): 730 hours at $${catalog.offer("aws", "us-east-1", t)!.onDemandHourlyUSD} per hour = ${formatUSD(cost(t))}; root volume size not declared (image default, not included)`;
      const byCost = [
        ["d", "m7i.2xlarge"],
        ["f", "c7i.2xlarge"],
        ["c", "m7i.xlarge"],
        ["e", "c7i.xlarge"],
        ["a", "m7i.large"],
        ["b", "c7i.large"],
      ].sort((x, y) => cost(y[1]) - cost(x[1]) || x[0].localeCompare(y[0]));
      assert.equal(
        excess.message,
        [
          `Estimated monthly cost of the stack is ${formatUSD(total)} (prices of ${catalog.pricesOf}), over its budget of $500.00 by ${formatUSD(total - 500)}.`,
          "Most expensive resources:",
          ...byCost.slice(0, 5).map(([n, t], i) => line(i + 1, n, t)),
          "1 resource could not be priced and is not included (see cost-unpriced-resources).",
          "To fix: choose smaller or spot instances or lower capacities, or raise budgetUSD in the cost-monthly-budget policy configuration.",
        ].join("\n"),
      );
      assert.equal(excess.top.length, 5);
      assert.deepEqual(checkBudgets(r, { budgetUSD: Math.ceil(total) }), []);
    });

    it("checks budgets per cloud and per tag value", () => {
      const r: PricingResult = {
        priced: [
          {
            urn: "u1",
            name: "a",
            type: "t",
            cloud: "aws",
            region: "us-east-1",
            monthlyUSD: 300,
            detail: "d",
            tags: { team: "pay" },
          },
          {
            urn: "u2",
            name: "b",
            type: "t",
            cloud: "gcp",
            region: "us-central1",
            monthlyUSD: 200,
            detail: "d",
            tags: { team: "pay" },
          },
          {
            urn: "u3",
            name: "c",
            type: "t",
            cloud: "gcp",
            region: "us-central1",
            monthlyUSD: 50,
            detail: "d",
            tags: { team: "web" },
          },
        ],
        unpriced: [],
      };
      const found = checkBudgets(r, {
        perCloud: { aws: 400, gcp: 100 },
        perTag: { key: "team", budgets: { pay: 450, web: 60 } },
      });
      assert.deepEqual(
        found.map((e) => [e.scope, e.totalUSD, e.excessUSD]),
        [
          ["Google Cloud resources", 250, 150],
          ["resources tagged team=pay", 500, 50],
        ],
      );
      assert.match(found[1].message, /raise perTag\.budgets\.pay in the cost-monthly-budget/);
    });

    it("formats dollars with thousands separators and cents", () => {
      assert.deepEqual(
        [formatUSD(1234567.891), formatUSD(0), formatUSD(-5.5)],
        ["$1,234,567.89", "$0.00", "-$5.50"],
      );
    });
  });
});
