// Test harness: runs code under Pulumi's own mocks (pulumi.runtime.setMocks) inside a stack and
// records every resource registration with its type, name, inputs, provider and URN.

import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";

/** One registered resource as the mock monitor saw it. */
export interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  /** Provider reference "urn::id", when the resource has an explicit provider. */
  readonly provider?: string;
  readonly custom: boolean;
  /** Full URN; its type part lists the parent chain, e.g. "cloudfit:compute:Service$aws:ec2/...". */
  urn?: string;
}

/** What a run under mocks produced. */
export interface Run<T> {
  readonly resources: Recorded[];
  /** What the body returned, with every Output resolved (as stack outputs are). */
  readonly value: T;
}

/** A stable documentation-range public address (198.18.0.0/15) for a mocked resource. */
export function mockPublicIp(name: string, i = 0): string {
  const h = createHash("sha256").update(`${name}#${i}`).digest();
  return `198.${18 + (h[0] % 2)}.${h[1]}.${1 + (h[2] % 254)}`;
}

/**
 * Outputs a mocked resource reports: its inputs plus the computed values the components read
 * (names, self links, the public addresses of gateways and balancers, generated passwords).
 */
function mockState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const i = args.inputs ?? {};
  const computed: Record<string, unknown> = {};
  if (args.type === "gcp:compute/haVpnGateway:HaVpnGateway")
    computed.vpnInterfaces = [0, 1].map((id) => ({ id, ipAddress: mockPublicIp(args.name, id) }));
  if (args.type === "aws:ec2/vpnConnection:VpnConnection") {
    computed.tunnel1Address = mockPublicIp(args.name, 1);
    computed.tunnel2Address = mockPublicIp(args.name, 2);
  }
  if (args.type === "azure-native:network:PublicIPAddress") computed.ipAddress = mockPublicIp(args.name);
  if (args.type === "gcp:compute/address:Address") computed.address = i.address ?? mockPublicIp(args.name);
  if (args.type === "aws:lb/loadBalancer:LoadBalancer") {
    computed.dnsName = `${args.name}.elb.mock`;
    computed.zoneId = "ZMOCKELB";
  }
  if (args.type === "random:index/randomPassword:RandomPassword") computed.result = `pw-${args.name}`;
  if (args.type === "aws:rds/instance:Instance") {
    computed.address = `${args.name}.rds.mock`;
    computed.identifier = i.identifier ?? args.name;
  }
  if (/^azure-native:dbfor(postgresql|mysql):Server$/.test(args.type)) computed.fullyQualifiedDomainName = `${args.name}.db.mock`;
  if (args.type === "gcp:sql/databaseInstance:DatabaseInstance") computed.privateIpAddress = `10.99.0.${1 + (createHash("sha256").update(args.name).digest()[0] % 250)}`;
  if (args.type === "aws:route53/zone:Zone") computed.zoneId = `Z${createHash("sha256").update(args.name).digest("hex").slice(0, 12).toUpperCase()}`;
  return {
    ...i,
    ...computed,
    name: i.name ?? i.accountName ?? args.name,
    arn: `arn:mock:${args.type}:${args.name}`,
    selfLink: `https://mock.example/${args.name}`,
    bucket: i.bucket ?? args.name,
  };
}

// Pulumi's runtime keeps global state; install mocks once at load, then again for every run.
void pulumi.runtime.setMocks(
  { newResource: () => ({ id: undefined, state: {} }), call: (a) => a.inputs },
  "cloudfit",
  "test",
);

/**
 * Runs `fn` as the body of a stack under fresh mocks with the given config, waits for every
 * registration, and returns the recorded resources (the root Stack excluded) and fn's result.
 */
export async function runMocked<T = any>(
  fn: () => unknown,
  options: { project?: string; stack?: string; config?: Record<string, string> } = {},
): Promise<Run<T>> {
  const resources: Recorded[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          provider: args.provider,
          custom: args.custom ?? true,
        });
        return { id: `${args.name}-id`, state: mockState(args) };
      },
      call: (args) => args.inputs,
    },
    options.project ?? "cloudfit",
    options.stack ?? "test",
    false,
  );
  pulumi.runtime.setAllConfig({
    "cloudfit:owner": "platform-team",
    "cloudfit:costCenter": "CC-1234",
    ...(options.config ?? {}),
  });
  // The stack's outputs: whatever fn returns, with every Output in it resolved.
  const value = await pulumi.runtime.runInPulumiStack(async () => await fn());
  // Wait until the mock monitor has answered every registration.
  const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  await settings.waitForRPCs();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    resources: Map<string, { urn: string }>;
  };
  for (const urn of monitor.resources.keys()) {
    const parts = urn.split("::"); // "urn:pulumi:<stack>", project, qualified type, name
    const type = parts[2].split("$").pop();
    const name = parts.slice(3).join("::");
    const r = resources.find((x) => x.type === type && x.name === name);
    if (r) r.urn = urn;
  }
  return {
    resources: resources.filter((r) => r.type !== "pulumi:pulumi:Stack"),
    value: value as unknown as T,
  };
}

/** The resources of one type. */
export function ofType(resources: readonly Recorded[], type: string): Recorded[] {
  return resources.filter((r) => r.type === type);
}

/** The one resource with this type and name; throws when absent. */
export function named(resources: readonly Recorded[], type: string, name: string): Recorded {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) {
    const names = ofType(resources, type).map((x) => x.name);
    throw new Error(`No ${type} named ${name}; registered: ${names.join(", ") || "none"}`);
  }
  return r;
}

/** Counts resources per type, sorted by type. */
export function countByType(resources: readonly Recorded[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of [...resources].sort((a, b) => (a.type < b.type ? -1 : 1)))
    out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
}

/** The type part of a URN's parent chain, e.g. ["cloudfit:compute:Service", "aws:ec2/..."]. */
export function typeChain(r: Recorded): string[] {
  if (!r.urn) throw new Error(`${r.type} ${r.name} has no URN`);
  return r.urn.split("::")[2].split("$");
}
