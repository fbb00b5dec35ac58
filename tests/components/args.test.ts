import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Application } from "../../components/application";
import { Bucket } from "../../components/bucket";
import { Network } from "../../components/network";
import { Service, ServiceArgs } from "../../components/service";
import { loadCatalog } from "../../optimizer/catalog";
import { validateSpec } from "../../optimizer/validate";
import { Recorded, runMocked } from "./harness";

const group = {
  cloud: "aws" as const,
  region: "eu-central-1",
  instanceType: "m7g.large",
  count: 2,
  spot: 0,
};

/** Runs `fn` under mocks; asserts it fails with an InputPropertyError for `path` whose reason matches. */
async function rejectsArg(
  fn: () => unknown,
  path: string,
  reason: RegExp,
  config?: Record<string, string>,
): Promise<Recorded[]> {
  let recorded: Recorded[] = [];
  await assert.rejects(
    runMocked(() => fn(), { config }).then((r) => (recorded = r.resources)),
    (e: unknown) => {
      assert.ok(
        pulumi.InputPropertyError.isInstance(e),
        `expected an InputPropertyError, got ${e}`,
      );
      assert.strictEqual(e.propertyPath, path);
      assert.match(e.reason, reason);
      assert.match(e.reason, /To fix: /);
      return true;
    },
  );
  return recorded;
}

const service = (args: Partial<ServiceArgs>) => () =>
  void new Service("api", { placement: { groups: [group] }, ...args });

describe("component arguments", () => {
  it("rejects an instance type the catalog does not offer in the region, naming some that it does", async () => {
    await rejectsArg(
      service({ placement: { groups: [{ ...group, instanceType: "m9.huge" }] } }),
      "placement.groups[0].instanceType",
      /m9\.huge in aws:eu-central-1 is not in the price catalog\. To fix: use a type offered there, e\.g\. t2\.nano, /,
    );
  });

  it("rejects more spot replicas than the group has", async () => {
    await rejectsArg(
      service({ placement: { groups: [{ ...group, spot: 3 }] } }),
      "placement.groups[0].spot",
      /from 0 to count \(2\), got 3/,
    );
  });

  it("rejects an empty placement", async () => {
    await rejectsArg(
      service({ placement: { groups: [] } }),
      "placement.groups",
      /at least one replica group/,
    );
  });

  it("refuses to open an admin port to the internet", async () => {
    await rejectsArg(
      service({ publicPorts: [22] }),
      "publicPorts[0]",
      /only 80 and 443 may be opened to the internet, got 22/,
    );
  });

  it("rejects ingress on a port the service does not listen on", async () => {
    await rejectsArg(
      service({ ingress: [{ port: 5432, cidr: "10.16.0.0/16" }] }),
      "ingress[0].port",
      /5432 is not one of the service's ports \(8080\)/,
    );
  });

  it("rejects an Azure ingress source outside the address plan", async () => {
    await rejectsArg(
      service({
        placement: {
          groups: [
            {
              cloud: "azure",
              region: "westeurope",
              instanceType: "Standard_D2s_v5",
              count: 1,
              spot: 0,
            },
          ],
        },
        ingress: [{ port: 8080, cidr: "192.168.0.0/16" }],
      }),
      "ingress[0]",
      /no slot for 192\.168\.0\.0\/16/,
    );
  });

  it("needs an owner from args or config before creating anything", async () => {
    const recorded = await rejectsArg(service({}), "owner", /cloudfit:owner is not set/, {
      "cloudfit:owner": "",
    });
    assert.deepStrictEqual(recorded, []);
  });

  it("names both the owner and the cost centre in one error when both are missing", async () => {
    const recorded = await rejectsArg(
      service({}),
      "owner and costCenter",
      /^no owner was given and cloudfit:owner is not set; no cost centre was given and cloudfit:costCenter is not set\. To fix: pass owner, or run `pulumi config set cloudfit:owner <team>`; and pass costCenter, or run `pulumi config set cloudfit:costCenter <code>`\.$/,
      { "cloudfit:owner": "", "cloudfit:costCenter": "" },
    );
    assert.deepStrictEqual(recorded, []);
  });

  it("rejects a bucket in a region cloudfit does not know", async () => {
    await rejectsArg(
      () => void new Bucket("logs", { placement: { cloud: "gcp", region: "mars-north1" } }),
      "placement.region",
      /one of africa-south1, asia-east1, .*asia-northeast1/,
    );
  });

  it("rejects a network range that is not a /16", async () => {
    await rejectsArg(
      () => void new Network("n", { cloud: "aws", region: "eu-central-1", cidr: "10.40.0.0/20" }),
      "cidr",
      /^10\.40\.0\.0\/20 is not a \/16;/,
    );
  });

  it("rejects a network in a region outside the address plan without a cidr", async () => {
    await rejectsArg(
      () => void new Network("n", { cloud: "aws", region: "eu-central-1", cidr: "10.1.0.0/33" }),
      "cidr",
      /not an IPv4 CIDR block/,
    );
  });

  it("rejects an application plan that leaves a service of the spec unplaced", async () => {
    const spec = validateSpec(
      {
        services: {
          api: { replicas: 2, vcpu: 2, memoryGiB: 4 },
          web: { replicas: 1, vcpu: 1, memoryGiB: 2 },
        },
      },
      loadCatalog(),
    );
    const plan = { services: { api: { groups: [group] } }, buckets: {} };
    await rejectsArg(
      () => void new Application("shop", { spec, plan }),
      "plan.services.web",
      /does not place it/,
    );
  });
});
