import * as assert from "assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { RULE_FAILURE_MARK, appliesTo, resourceRule } from "../../policies/lib/rule";
import { resourcePolicies, stackRules } from "../../policies/rules";
import {
  Outcome,
  StackResourceCase,
  UNKNOWN_SENTINELS,
  UNKNOWN_VALUE,
  ruleTypeTokens,
  runResource,
  runStack,
  secret,
} from "./harness";
import { compliantAccount } from "./azure/storageAccount";
import { compliantBucket } from "./gcp/bucket";
import { mulberry32 } from "../../bench/generate";

/** mulberry32: a small seeded generator, so every failure replays. */
const rng = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Property names the rules read, so random objects hit the interesting paths. */
const KEYS = [
  "encrypted", "rootBlockDevice", "ebsBlockDevices", "deviceName", "launchTemplate", "blockDeviceMappings",
  "ebs", "virtualName", "noDevice", "metadataOptions", "httpTokens", "httpEndpoint", "storageEncrypted",
  "engineMode", "replicateSourceDb", "kmsKeyId", "publiclyAccessible", "ingress", "protocol", "fromPort",
  "toPort", "cidrBlocks", "ipv6CidrBlocks", "type", "ipProtocol", "cidrIpv4", "cidrIpv6",
  "enableKeyRotation", "customerMasterKeySpec", "keyUsage", "customKeyStoreId", "enableHttpsTrafficOnly",
  "minimumTlsVersion", "allowBlobPublicAccess", "encryption", "keySource", "requireInfrastructureEncryption",
  "securityProfile", "encryptionAtHost", "storageProfile", "osDisk", "dataDisks", "managedDisk",
  "diskEncryptionSet", "id", "lun", "createOption", "virtualMachineProfile", "securityRules", "direction",
  "access", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationPortRange", "destinationPortRanges",
  "name", "uniformBucketLevelAccess", "publicAccessPrevention", "defaultKmsKeyName", "shieldedInstanceConfig",
  "enableSecureBoot", "enableVtpm", "enableIntegrityMonitoring", "bootDisk", "kmsKeySelfLink", "disks", "boot",
  "diskEncryptionKey", "sourceRanges", "allows", "ports", "disabled", "region", "location", "zone", "tags",
  "labels", "key", "value", "instanceType", "hardwareProfile", "vmSize", "sku", "machineType",
  "mixedInstancesPolicy", "overrides", "bucket", "rules", "applyServerSideEncryptionByDefault", "sseAlgorithm",
  "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets",
  "serverSideEncryptionConfiguration", "defaultTags", "defaultLabels", "length", "__proto__", "constructor",
];

/** String values the rules compare against, plus junk. */
const STRINGS = [
  "true", "false", "TRUE", "", " ", "*", "0.0.0.0/0", "::/0", "10.0.0.0/8", "/0", "0", "22", "3389", "20-30",
  "30-20", "0-65535", "99999", "-1", "tcp", "udp", "all", "icmp", "6", "Inbound", "Allow", "Internet", "Any",
  "aws:kms", "AES256", "required", "optional", "disabled", "TLS1_0", "TLS1_2", "Microsoft.Keyvault",
  "enforced", "inherited", "INGRESS", "EGRESS", "ingress", "eu-west-1", "us-east-1", "westeurope", "EU",
  "europe-west4-a", "global", "m7i.48xlarge", "Standard_D4s_v5", "n2-standard-8", "zones/a/machineTypes/x",
  "{\"tags\":{\"owner\":\"x\"}}", "{not json", "serverless", "Attach", "SYMMETRIC_DEFAULT", "\u0000", "🙂",
];

function randomValue(r: Rand, depth: number): unknown {
  const roll = r();
  if (roll < 0.12) return pick(r, UNKNOWN_SENTINELS);
  if (roll < 0.2) return null;
  if (roll < 0.3) return r() < 0.5;
  if (roll < 0.42) return pick(r, [0, 1, -1, 22, 3389, 65535, 70000, 1.5, -0.5, 1e21, 2 ** 53]);
  if (roll < 0.62) return pick(r, STRINGS);
  if (roll < 0.65) return secret(randomValue(r, depth + 1));
  if (depth >= 4) return pick(r, STRINGS);
  if (roll < 0.8) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  return randomObject(r, depth + 1);
}

function randomObject(r: Rand, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = Math.floor(r() * 6);
  for (let i = 0; i < n; i++) out[r() < 0.9 ? pick(r, KEYS) : `k${Math.floor(r() * 100)}`] = randomValue(r, depth);
  return out;
}

/** A copy of a value with random subtrees replaced by unknowns or random values. */
function mutate(r: Rand, value: unknown, depth = 0): unknown {
  const roll = r();
  if (roll < 0.15) return UNKNOWN_VALUE;
  if (roll < 0.22) return randomValue(r, depth + 2);
  if (Array.isArray(value)) return value.map((v) => mutate(r, v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (r() > 0.1) out[k] = mutate(r, v, depth + 1);
    return out;
  }
  return value;
}

/** Compliant-looking starting points, so mutations explore near the rules' happy paths. */
const BASELINES: Record<string, unknown>[] = [
  compliantAccount,
  compliantBucket,
  {
    encrypted: true,
    rootBlockDevice: { encrypted: true },
    ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }],
    metadataOptions: { httpTokens: "required" },
    instanceType: "m7i.large",
    region: "eu-west-1",
    tags: { owner: "a" },
  },
  {
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
    metadataOptions: { httpTokens: "required" },
  },
  {
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    type: "ingress",
    protocol: "-1",
    ipProtocol: "tcp",
    fromPort: 0,
    toPort: 65535,
    cidrIpv4: "0.0.0.0/0",
    cidrBlocks: ["::/0"],
  },
  {
    securityRules: [
      {
        name: "r",
        direction: "Inbound",
        access: "Allow",
        protocol: "*",
        sourceAddressPrefix: "*",
        destinationPortRanges: ["22", "3000-4000"],
      },
    ],
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefixes: ["Internet"],
    destinationPortRange: "*",
  },
  {
    securityProfile: { encryptionAtHost: false },
    storageProfile: {
      osDisk: { managedDisk: { diskEncryptionSet: { id: "x" } } },
      dataDisks: [{ lun: 1, managedDisk: {} }],
    },
    virtualMachineProfile: { securityProfile: { encryptionAtHost: true } },
    hardwareProfile: { vmSize: "Standard_D4s_v5" },
    sku: { name: "Standard_D2s_v5" },
  },
  {
    shieldedInstanceConfig: { enableSecureBoot: true },
    bootDisk: { kmsKeySelfLink: "k" },
    disks: [{ boot: true, diskEncryptionKey: { kmsKeySelfLink: "k" } }],
    machineType: "n2-standard-4",
    zone: "europe-west4-a",
    labels: { owner: "a" },
  },
  {
    direction: "INGRESS",
    sourceRanges: ["0.0.0.0/0"],
    allows: [{ protocol: "tcp", ports: ["22", "20-30"] }, { protocol: "all" }],
  },
  {
    storageEncrypted: true,
    publiclyAccessible: false,
    engineMode: "serverless",
    enableKeyRotation: true,
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
  },
  {
    mixedInstancesPolicy: {
      launchTemplate: { overrides: [{ instanceType: "m7i.large" }, { instanceType: "c7i.48xlarge" }] },
    },
    tags: [{ key: "owner", value: "a" }],
  },
];

/** Configs of every rule, valid and not. */
function randomConfig(r: Rand): Record<string, unknown> {
  return pick(r, [
    {},
    {
      adminPorts: [22, 5432],
      regions: ["eu-west-1"],
      continents: ["EU"],
      countries: ["DE"],
      keys: ["owner"],
      allowedTypes: ["m7i.*"],
      maxVcpus: 8,
      requireCustomerManagedKey: true,
      requireInfrastructureEncryption: true,
    },
    {
      adminPorts: "22",
      regions: "eu-west-1",
      continents: [1, null],
      keys: [""],
      allowedTypes: ["[", "*"],
      maxVcpus: -3,
      requireCustomerManagedKey: "yes",
    },
    randomObject(r, 2),
  ]);
}

function randomProvider(r: Rand) {
  if (r() < 0.3) return undefined;
  return {
    type: pick(r, ["pulumi:providers:aws", "pulumi:providers:gcp", "pulumi:providers:azure-native"]),
    props: mutate(r, {
      region: "eu-west-1",
      zone: "europe-west4-a",
      location: "westeurope",
      defaultTags: JSON.stringify({ tags: { owner: "a" } }),
      defaultLabels: { owner: "a" },
    }) as Record<string, unknown>,
  };
}

function assertSound(outcome: Outcome, context: string): void {
  for (const v of outcome.violations) assert.ok(typeof v === "string" && v.length > 0, `empty message ${context}`);
  assert.ok(!(outcome.notApplicable ?? "").includes(RULE_FAILURE_MARK), `${outcome.notApplicable} ${context}`);
}

const TYPES = [...ruleTypeTokens(), "random:index/randomString:RandomString", "pulumi:providers:aws", ""];

describe("policies fuzz", () => {
  it("detects a rule that throws, so the checks below can fail", async () => {
    const broken = resourceRule({
      name: "test-broken",
      description: "Throws on purpose.",
      enforcementLevel: "advisory",
      severity: "low",
      benchmarks: [],
      types: ["aws:ebs/volume:Volume"],
      check: () => {
        throw new TypeError("boom");
      },
    });
    const outcome = await runResource(broken, { type: "aws:ebs/volume:Volume", props: {} });
    assert.ok(outcome.notApplicable?.includes(RULE_FAILURE_MARK));
  });

  it("never lets a resource rule throw on random, partially unknown props of any type", async function () {
    this.timeout(60_000);
    const r = rng(20240611);
    const outcomes = { applicable: 0, violations: 0, notApplicable: 0 };
    for (const policy of resourcePolicies as ResourceValidationPolicy[]) {
      for (const type of TYPES) {
        // Most runs go to the types the rule checks; a few confirm it skips the others safely.
        const applicable = appliesTo(policy, type);
        for (let i = 0; i < (applicable ? 40 : 2); i++) {
          const props = (i % 3 === 2 ? randomObject(r, 0) : mutate(r, pick(r, BASELINES))) as Record<string, unknown>;
          const safeProps = props !== null && typeof props === "object" && !Array.isArray(props) ? props : {};
          const c = { type, name: "fuzz", props: safeProps, config: randomConfig(r), provider: randomProvider(r) };
          const outcome = await runResource(policy, c);
          assertSound(outcome, `${policy.name} ${type} ${JSON.stringify(c)}`);
          if (!applicable) continue;
          outcomes.applicable++;
          if (outcome.violations.length > 0) outcomes.violations++;
          if (outcome.notApplicable !== undefined) outcomes.notApplicable++;
        }
      }
    }
    // The inputs reach both findings and undecided values, not just the early exits.
    assert.ok(outcomes.violations > outcomes.applicable / 10, JSON.stringify(outcomes));
    assert.ok(outcomes.notApplicable > outcomes.applicable / 100, JSON.stringify(outcomes));
  });

  it("never lets a resource rule throw when called outside the runtime with plain, odd values", async () => {
    const r = rng(7);
    const odd: unknown[] = [undefined, NaN, Infinity, -Infinity, [], [[[]]], { length: 1e12 }, Object.create(null), "x".repeat(10_000)];
    for (const policy of resourcePolicies as ResourceValidationPolicy[]) {
      for (const type of TYPES) {
        for (let i = 0; i < (appliesTo(policy, type) ? 10 : 1); i++) {
          const props: Record<string, unknown> = {};
          for (const key of KEYS) props[key] = r() < 0.5 ? pick(r, odd) : randomValue(r, 1);
          const c = { type, props, plain: true, config: randomConfig(r) };
          assertSound(await runResource(policy, c), `${policy.name} ${type}`);
        }
      }
    }
  });

  it("never lets a stack rule throw on random stacks of buckets and their configuration", async () => {
    const r = rng(99);
    const kinds = [
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
      "aws:kms/key:Key",
    ];
    const base = {
      bucket: "b0",
      id: "b0",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    };
    for (let i = 0; i < 150; i++) {
      const n = 1 + Math.floor(r() * 6);
      const names = Array.from({ length: n }, (_, j) => `r${j}`);
      const resources: StackResourceCase[] = names.map((name) => ({
        type: pick(r, kinds),
        name,
        props: (r() < 0.7 ? mutate(r, base) : randomObject(r, 0)) as Record<string, unknown>,
        propertyDependencies: (r() < 0.6 ? { bucket: [pick(r, names)], rules: [pick(r, names)] } : {}) as Record<string, string[]>,
        dependencies: r() < 0.5 ? [pick(r, names), pick(r, names)] : [],
      }));
      for (const policy of stackRules) {
        const outcome = await runStack(policy, resources, randomConfig(r));
        for (const v of outcome.violations) assert.ok(v.message.length > 0);
        assert.ok(!(outcome.notApplicable ?? "").includes(RULE_FAILURE_MARK), `${policy.name}: ${outcome.notApplicable}`);
      }
    }
  });
});
