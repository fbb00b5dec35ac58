// Fuzzes the two cost policies through the real @pulumi/policy runtime handler for AnalyzeStack
// (its deserializer and unknown-checking proxies), with random, partially unknown and secret
// properties and random property dependencies: neither policy may ever make the analysis fail.

import { strict as assert } from "assert";
import type { StackValidationPolicy } from "@pulumi/policy";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { HostResource, toAnalyzerResource } from "../../cli/analyzerProto";
import { HOURS_PER_MONTH, loadCatalog } from "../../optimizer/catalog";
import { costBudget, formatUSD, PRICED_TYPES, unpricedResources } from "../../policies/cost";

type Handler = (
  call: { request: analyzerpb.AnalyzeStackRequest },
  cb: (err: Error | null | undefined, resp?: analyzerpb.AnalyzeResponse) => void,
) => Promise<void>;

// The runtime's own AnalyzeStack handler, the function the served pack registers for the RPC.
const server = require("@pulumi/policy/server") as {
  makeAnalyzeStackRpcFun(
    name: string,
    version: string,
    level: string,
    policies: StackValidationPolicy[],
  ): Handler;
};

const UNKNOWNS = [
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];
const SECRET = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});
const KEYS = [
  "instanceType",
  "region",
  "zone",
  "location",
  "availabilityZone",
  "sku",
  "targetSize",
  "versions",
  "desiredCapacity",
  "minSize",
  "mixedInstancesPolicy",
  "launchTemplate",
  "labels",
  "tags",
  "machineType",
  "size",
  "diskSizeGB",
  "hardwareProfile",
  "virtualMachineProfile",
  "rootBlockDevice",
  "blockDeviceMappings",
  "bootDisk",
  "disks",
  "scheduling",
  "priority",
];
const SCALARS = [
  null,
  0,
  -1,
  2.5,
  3,
  1e12,
  "",
  "x",
  "m7i.large",
  "us-east-1",
  "eastus",
  "us-central1-a",
  "e2-standard-2",
  "Standard_D2s_v5",
  "SPOT",
  "spot",
  true,
  false,
];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function value(rand: () => number, depth: number): unknown {
  const r = rand();
  if (r < 0.15) return UNKNOWNS[Math.floor(rand() * UNKNOWNS.length)];
  if (r < 0.2) return SECRET(value(rand, depth + 1));
  if (depth < 3 && r < 0.35)
    return Array.from({ length: Math.floor(rand() * 3) }, () => value(rand, depth + 1));
  if (depth < 3 && r < 0.55) {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 3; i++) o[KEYS[Math.floor(rand() * KEYS.length)]] = value(rand, depth + 1);
    if (rand() < 0.3) o.name = value(rand, depth + 1);
    if (rand() < 0.3) o.capacity = value(rand, depth + 1);
    return o;
  }
  return SCALARS[Math.floor(rand() * SCALARS.length)];
}

function randomStack(rand: () => number, n: number): HostResource[] {
  const types = [...PRICED_TYPES, "aws:rds/instance:Instance", "aws:ec2/vpc:Vpc", "cloudfit:x:Y"];
  const out: HostResource[] = [
    {
      urn: "urn:prov",
      type: "pulumi:providers:aws",
      name: "default",
      props: { region: value(rand, 2) },
    },
  ];
  for (let i = 0; i < n; i++) {
    const props: Record<string, unknown> = {};
    for (const k of KEYS) if (rand() < 0.3) props[k] = value(rand, 0);
    const deps =
      rand() < 0.5 && out.length > 1
        ? {
            [KEYS[Math.floor(rand() * KEYS.length)]]: [
              out[1 + Math.floor(rand() * (out.length - 1))].urn,
            ],
          }
        : {};
    out.push({
      urn: `urn:r${i}`,
      type: types[Math.floor(rand() * types.length)],
      name: `r${i}`,
      props,
      provider: rand() < 0.7 ? "urn:prov" : undefined,
      propertyDependencies: deps,
    });
  }
  return out;
}

function analyzeStack(
  handler: Handler,
  resources: HostResource[],
): Promise<analyzerpb.AnalyzeResponse> {
  const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
  const req = new analyzerpb.AnalyzeStackRequest();
  req.setResourcesList(resources.map((r) => toAnalyzerResource(r, byUrn)));
  return new Promise((resolve, reject) =>
    handler({ request: req }, (err, resp) => (err ? reject(err) : resolve(resp!))),
  );
}

describe("cost policies under the policy runtime", () => {
  // The budget policy with a budget set, so that every run prices the stack and compares totals.
  const budgeted: StackValidationPolicy = {
    ...costBudget,
    validateStack: (args, report) =>
      costBudget.validateStack(
        {
          ...args,
          getConfig: <T extends object>() =>
            ({
              budgetUSD: 1,
              perCloud: { aws: 1 },
              perTag: { key: "team", budgets: { x: 1 } },
            }) as T,
        },
        report,
      ),
  };
  const handler = server.makeAnalyzeStackRpcFun("cloudfit", "0.1.0", "advisory", [
    budgeted,
    unpricedResources,
  ]);

  it("never fails the analysis on random, unknown and secret properties", async () => {
    const rand = rng(7);
    for (let round = 0; round < 150; round++) {
      const resp = await analyzeStack(handler, randomStack(rand, 12));
      for (const d of resp.getDiagnosticsList()) {
        assert.ok(["cost-monthly-budget", "cost-unpriced-resources"].includes(d.getPolicyname()));
        assert.ok(!d.getMessage().includes("can't run policy"), d.getMessage());
      }
    }
  });

  it("lists a resource whose price depends on an unknown value as unpriced", async () => {
    const resp = await analyzeStack(handler, [
      {
        urn: "urn:vm",
        type: "aws:ec2/instance:Instance",
        name: "vm",
        props: { instanceType: UNKNOWNS[0], region: "us-east-1" },
      },
    ]);
    const msgs = resp
      .getDiagnosticsList()
      .filter((d) => d.getPolicyname() === "cost-unpriced-resources");
    assert.equal(msgs.length, 1);
    assert.equal(msgs[0].getUrn(), "urn:vm");
    assert.match(
      msgs[0].getMessage(),
      /Resource 'vm' \(aws:ec2\/instance:Instance\) is not included in the monthly cost estimate: a value its price depends on is unknown until deployment/,
    );
  });

  it("prices a secret instance type like a plain one", async () => {
    const resp = await analyzeStack(handler, [
      {
        urn: "urn:vm",
        type: "aws:ec2/instance:Instance",
        name: "vm",
        props: { instanceType: SECRET("m7i.large"), region: "us-east-1" },
      },
    ]);
    const names = resp.getDiagnosticsList().map((d) => d.getPolicyname());
    assert.deepEqual(names, ["cost-monthly-budget", "cost-monthly-budget"]);
    const monthly =
      loadCatalog().offer("aws", "us-east-1", "m7i.large")!.onDemandHourlyUSD * HOURS_PER_MONTH;
    const message = resp.getDiagnosticsList()[0].getMessage();
    assert.ok(
      message.includes(`Estimated monthly cost of the stack is ${formatUSD(monthly)} (prices of ${loadCatalog().pricesOf}),`),
      message,
    );
  });

  it("counts the configured traffic and prices usage given inline, as the pack's configuration carries them", async () => {
    const config = {
      budgetUSD: 40,
      perCloud: { gcp: 5 },
      usage: { resources: { nat: { monthlyDataProcessedGB: 100 } } },
      traffic: { pricesOf: "2026-10-04", items: [{ workload: "api", cloud: "gcp", monthlyUSD: 12.5, detail: "traffic to linked workloads $12.50" }] },
    };
    const policy: StackValidationPolicy = {
      ...costBudget,
      validateStack: (args, report) => costBudget.validateStack({ ...args, getConfig: <T extends object>() => config as T }, report),
    };
    const h = server.makeAnalyzeStackRpcFun("cloudfit", "0.1.0", "mandatory", [policy]);
    const resp = await analyzeStack(h, [{ urn: "urn:nat", type: "aws:ec2/natGateway:NatGateway", name: "nat", props: { region: "us-east-1" } }]);
    const messages = resp.getDiagnosticsList().map((d) => d.getMessage());
    // NAT: 730 h x $0.045 + 100 GB x $0.045 = $37.35; with $12.50 of traffic the stack is at $49.85.
    assert.equal(messages.length, 2, messages.join("\n---\n"));
    assert.match(messages[0], /Estimated monthly cost of the stack is \$49\.85 \(prices of \d{4}-\d\d-\d\d\), over its budget of \$40\.00 by \$9\.85\./);
    assert.match(messages[0], /'api traffic' \(cloudfit:traffic:Workload\): \$12\.50\/month, traffic to linked workloads \$12\.50/);
    assert.match(messages[1], /Estimated monthly cost of Google Cloud resources is \$12\.50/);
  });
});
