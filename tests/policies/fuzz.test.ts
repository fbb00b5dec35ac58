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
  "policy", "assumeRolePolicy", "Statement", "Effect", "Principal", "Action", "NotAction", "Resource", "Condition",
  "inlinePolicies", "managedPolicyArns", "policyArn", "users", "principal", "sourceArn", "authorizationType",
  "userData", "userDataBase64", "associatePublicIpAddress", "networkInterfaces", "mapPublicIpOnLaunch", "group",
  "action", "ruleNo", "ruleNumber", "ruleAction", "egress", "cidrBlock", "backupRetentionPeriod", "deletionProtection",
  "enabledCloudwatchLogsExports", "autoMinorVersionUpgrade", "engine", "engineVersion", "family", "parameters",
  "environment", "variables", "imageScanningConfiguration", "scanOnPush", "imageTagMutability", "kmsMasterKeyId",
  "sqsManagedSseEnabled", "isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogFileValidation",
  "pointInTimeRecovery", "enabled", "atRestEncryptionEnabled", "transitEncryptionEnabled", "vpcConfig",
  "endpointPublicAccess", "publicAccessCidrs", "defaultActions", "redirect", "sslPolicy", "port", "listeners",
  "lbProtocol", "instancePort", "tunnel1IkeVersions", "tunnel1Phase1DhGroupNumbers", "failoverRoutingPolicies",
  "healthCheckId", "aliases", "evaluateTargetHealth", "osProfile", "linuxConfiguration",
  "disablePasswordAuthentication", "customData", "ipConfigurations", "publicIPAddress", "networkSecurityGroup",
  "enableIPForwarding", "networkRuleSet", "defaultAction", "publicNetworkAccess", "allowSharedKeyAccess",
  "minimalTlsVersion", "startIpAddress", "endIpAddress", "state", "retentionDays", "administrators", "network",
  "delegatedSubnetResourceId", "backupRetentionDays", "configurationName", "properties", "enablePurgeProtection",
  "enableSoftDelete", "softDeleteRetentionInDays", "networkAcls", "enableRbacAuthorization", "rotationPolicy",
  "lifetimeActions", "attributes", "expires", "httpsOnly", "siteConfig", "minTlsVersion", "ftpsState",
  "remoteDebuggingEnabled", "kind", "ipSecurityRestrictions", "enableNonSslPort", "adminUserEnabled",
  "anonymousPullEnabled", "networkAccessPolicy", "httpListeners", "requestRoutingRules", "frontendIPConfigurations",
  "inboundNatRules", "backendPort", "connectionType", "connectionProtocol", "ipsecPolicies", "dhGroup", "member",
  "members", "role", "policyData", "entity", "accesses", "specialGroup", "iamMember", "canIpForward",
  "serviceAccount", "email", "scopes", "metadata", "metadataStartupScript", "accessConfigs", "environmentVariables",
  "serviceConfig", "template", "containers", "envs", "settings", "ipConfiguration", "authorizedNetworks",
  "ipv4Enabled", "sslMode", "backupConfiguration", "backupRetentionSettings", "retainedBackups", "databaseFlags",
  "databaseVersion", "masterInstanceName", "rotationPeriod", "purpose", "autoCreateSubnetworks", "logConfig",
  "visibility", "dnssecConfig", "defaultKeySpecs", "algorithm", "profile", "ikeVersion", "cipherSuite",
  "loadBalancingScheme", "allPorts", "portRange", "targetTags", "versioning", "logging", "logBucket", "monitor",
];

/** String values the rules compare against, plus junk. */
const STRINGS = [
  "true", "false", "TRUE", "", " ", "*", "0.0.0.0/0", "::/0", "10.0.0.0/8", "/0", "0", "22", "3389", "20-30",
  "30-20", "0-65535", "99999", "-1", "tcp", "udp", "all", "icmp", "6", "Inbound", "Allow", "Internet", "Any",
  "aws:kms", "AES256", "required", "optional", "disabled", "TLS1_0", "TLS1_2", "Microsoft.Keyvault",
  "enforced", "inherited", "INGRESS", "EGRESS", "ingress", "eu-west-1", "us-east-1", "westeurope", "EU",
  "europe-west4-a", "global", "m7i.48xlarge", "Standard_D4s_v5", "n2-standard-8", "zones/a/machineTypes/x",
  "{\"tags\":{\"owner\":\"x\"}}", "{not json", "serverless", "Attach", "SYMMETRIC_DEFAULT", "\u0000", "🙂",
  "Allow", "Deny", "arn:aws:iam::aws:policy/AdministratorAccess", "iam:PassRole", "iam:*", "s3:*", "NONE",
  "AKIAIOSFODNN7EXAMPLE", "DB_PASSWORD=hunter2hunter2", "IyEvYmluL2Jhc2gK", "ELBSecurityPolicy-2016-08", "HTTP",
  "HTTPS", "redirect", "ikev1", "ikev2", "SHA1", "AES128", "allUsers", "allAuthenticatedUsers",
  "serviceAccount:1-compute@developer.gserviceaccount.com", "roles/editor", "POSTGRES_11", "MYSQL_5_7", "EXTERNAL",
  "0.0.0.0", "255.255.255.255", "Disabled", "Enabled", "functionapp", "Http", "AppGwSslPolicy20150501", "IPsec",
  "IKEv1", "DHGroup2", "TLS_1_0", "COMPATIBLE", "7776000s", "rsasha1", "postgres14", "mysql8.0", "GatewaySubnet",
  "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
  "{\"bindings\":[{\"role\":\"roles/owner\",\"members\":[\"allUsers\"]}]}",
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
    policy: { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["iam:PassRole", "s3:GetObject"], Resource: "*", Condition: { StringEquals: { "aws:SourceAccount": "1" } } }] },
    assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }),
    inlinePolicies: [{ name: "a", policy: JSON.stringify({ Statement: { Effect: "Allow", NotAction: "iam:*", Resource: "*" } }) }],
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    principal: "*",
    authorizationType: "NONE",
    userData: "DB_PASSWORD=hunter2hunter2",
    environment: { variables: { API_TOKEN: "ghp_0123456789abcdefghijABCDEFGHIJ012345" } },
    engine: "postgres",
    engineVersion: "11.2",
    family: "postgres14",
    parameters: [{ name: "rds.force_ssl", value: "0" }],
    backupRetentionPeriod: 1,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }],
    listeners: [{ lbProtocol: "http", lbPort: 22, instancePort: 3389 }],
    tunnel1IkeVersions: ["ikev1"],
    failoverRoutingPolicies: [{ type: "PRIMARY" }],
  },
  {
    osProfile: { adminPassword: "x", customData: "REJfUEFTU1dPUkQ9aHVudGVyMmh1bnRlcjI=", linuxConfiguration: { disablePasswordAuthentication: false } },
    ipConfigurations: [{ publicIPAddress: { id: "p" } }],
    networkRuleSet: { defaultAction: "Allow" },
    startIpAddress: "0.0.0.0",
    endIpAddress: "255.255.255.255",
    network: { publicNetworkAccess: "Enabled" },
    configurationName: "require_secure_transport",
    value: "off",
    properties: { enablePurgeProtection: false, enableSoftDelete: false, softDeleteRetentionInDays: 3, rotationPolicy: { lifetimeActions: [{ action: { type: "Notify" } }] } },
    kind: "functionapp",
    siteConfig: { minTlsVersion: "1.0", ftpsState: "AllAllowed", remoteDebuggingEnabled: true },
    httpListeners: [{ name: "h", protocol: "Http" }],
    requestRoutingRules: [{ httpListener: { id: "/httpListeners/h" } }],
    sslPolicy: { policyName: "AppGwSslPolicy20150501" },
    frontendIPConfigurations: [{ publicIPAddress: { id: "p" } }],
    inboundNatRules: [{ backendPort: 22 }],
    connectionType: "IPsec",
    ipsecPolicies: [{ ikeEncryption: "AES128", dhGroup: "DHGroup2" }],
  },
  {
    member: "allUsers",
    members: ["allAuthenticatedUsers", "serviceAccount:x"],
    role: "roles/editor",
    policyData: JSON.stringify({ bindings: [{ role: "roles/iam.serviceAccountUser", members: ["allUsers"] }] }),
    accesses: [{ specialGroup: "allAuthenticatedUsers" }],
    canIpForward: true,
    serviceAccount: { email: "1-compute@developer.gserviceaccount.com", scopes: ["cloud-platform"] },
    metadata: { "serial-port-enable": "true", "startup-script": "TOKEN=abcdefgh12345678" },
    settings: { ipConfiguration: { authorizedNetworks: [{ value: "0.0.0.0/0" }], sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" }, backupConfiguration: { enabled: true, backupRetentionSettings: { retainedBackups: 2 } }, databaseFlags: [{ name: "log_connections", value: "off" }] },
    databaseVersion: "POSTGRES_11",
    rotationPeriod: "99999999s",
    dnssecConfig: { state: "on", defaultKeySpecs: [{ algorithm: "rsasha1" }] },
    minTlsVersion: "TLS_1_0",
    ikeVersion: 1,
    cipherSuite: { phase1: { encryptions: ["AES-CBC-128"], dhs: ["MODP_1024"] } },
    portRange: "20-30",
    allPorts: true,
  },
  {
    mixedInstancesPolicy: {
      launchTemplate: { overrides: [{ instanceType: "m7i.large" }, { instanceType: "c7i.48xlarge" }] },
    },
    tags: [{ key: "owner", value: "a" }],
  },
];

/**
 * Configs of every rule, valid and not, keeping the settings a policy declares: undeclared
 * settings are refused with an error by design (tested in lib/rule.test.ts).
 */
function randomConfig(r: Rand, policy: { configSchema?: { properties: Record<string, unknown> } }): Record<string, unknown> {
  const known = Object.keys(policy.configSchema?.properties ?? {});
  const all = anyConfig(r);
  return Object.fromEntries(Object.entries(all).filter(([k]) => known.includes(k)));
}

/** Settings of every rule, valid and not, with junk keys. */
function anyConfig(r: Rand): Record<string, unknown> {
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
      publicPorts: [443],
      publicPortsByTag: { "role=edge": [8443], web: [8080] },
      allowedFunctions: ["public-*"],
      allowedBuckets: ["www-*"],
      allowedServices: ["api"],
      allowedApps: ["jobs"],
      allowedInstances: ["nat-*"],
      minimumDays: 14,
      minimumBackups: 10,
      maximumDays: 30,
      minimumLength: 16,
      reusePrevention: 12,
      minimumVersions: { postgres: "15", mysql: "8.4", postgresql: "14" },
    },
    {
      adminPorts: "22",
      publicPorts: "443",
      publicPortsByTag: { "": [1], x: "y", y: [70000] },
      allowedFunctions: "[",
      minimumDays: "many",
      maximumDays: 0,
      minimumVersions: { postgres: 15, mysql: "latest" },
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

/**
 * The types a policy is fuzzed on: every type it checks, plus a few seeded others to confirm it
 * skips them safely (all of them would cost minutes for no more coverage).
 */
function typesFor(r: Rand, policy: ResourceValidationPolicy, others: number): string[] {
  const own = TYPES.filter((t) => appliesTo(policy, t));
  const rest = TYPES.filter((t) => !appliesTo(policy, t));
  return [...own, ...Array.from({ length: others }, () => pick(r, rest))];
}

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
      for (const type of typesFor(r, policy, 4)) {
        // Most runs go to the types the rule checks; a few confirm it skips the others safely.
        const applicable = appliesTo(policy, type);
        for (let i = 0; i < (applicable ? 40 : 2); i++) {
          const props = (i % 3 === 2 ? randomObject(r, 0) : mutate(r, pick(r, BASELINES))) as Record<string, unknown>;
          const safeProps = props !== null && typeof props === "object" && !Array.isArray(props) ? props : {};
          const c = { type, name: "fuzz", props: safeProps, config: randomConfig(r, policy), provider: randomProvider(r) };
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
      for (const type of typesFor(r, policy, 2)) {
        for (let i = 0; i < (appliesTo(policy, type) ? 10 : 1); i++) {
          const props: Record<string, unknown> = {};
          for (const key of KEYS) if (r() < 0.25) props[key] = r() < 0.5 ? pick(r, odd) : randomValue(r, 1);
          const c = { type, props, plain: true, config: randomConfig(r, policy) };
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
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketLogging:BucketLogging",
      "aws:kms/key:Key",
      "aws:ec2/vpc:Vpc",
      "aws:ec2/flowLog:FlowLog",
      "azure-native:network:NetworkInterface",
      "azure-native:network:Subnet",
      "azure-native:network:VirtualNetwork",
      "azure-native:sql:Server",
      "azure-native:sql:ServerBlobAuditingPolicy",
      "azure-native:sql:ServerAzureADAdministrator",
      "gcp:compute/targetHttpProxy:TargetHttpProxy",
      "gcp:compute/uRLMap:URLMap",
    ];
    const base = {
      bucket: "b0",
      id: "b0",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      versioningConfiguration: { status: "Enabled" },
      targetBucket: "b0",
      vpcId: "b0",
      serverName: "b0",
      urlMap: "b0",
      state: "Enabled",
      retentionDays: 30,
      defaultUrlRedirect: { httpsRedirect: true },
      ipConfigurations: [{ name: "ip", publicIPAddress: { id: "p" }, subnet: { id: "s" } }],
      subnets: [{ name: "web", networkSecurityGroup: { id: "n" } }],
    };
    for (let i = 0; i < 150; i++) {
      const n = 1 + Math.floor(r() * 6);
      const names = Array.from({ length: n }, (_, j) => `r${j}`);
      const resources: StackResourceCase[] = names.map((name) => ({
        type: pick(r, kinds),
        name,
        props: (r() < 0.7 ? mutate(r, base) : randomObject(r, 0)) as Record<string, unknown>,
        propertyDependencies: (r() < 0.6
          ? { bucket: [pick(r, names)], rules: [pick(r, names)], ipConfigurations: [pick(r, names)], serverName: [pick(r, names)], urlMap: [pick(r, names)], vpcId: [pick(r, names)], targetBucket: [pick(r, names)] }
          : {}) as Record<string, string[]>,
        dependencies: r() < 0.5 ? [pick(r, names), pick(r, names)] : [],
      }));
      for (const policy of stackRules) {
        const outcome = await runStack(policy, resources, randomConfig(r, policy));
        for (const v of outcome.violations) assert.ok(v.message.length > 0);
        assert.ok(!(outcome.notApplicable ?? "").includes(RULE_FAILURE_MARK), `${policy.name}: ${outcome.notApplicable}`);
      }
    }
  });
});
