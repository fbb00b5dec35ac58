// Hand-written Pulumi programs for the end-to-end policy tests: a compliant baseline of every
// resource kind the pack checks, and a non-compliant case per rule that changes one setting of a
// compliant resource. Resources are declared with the real provider SDKs (the Cloudflare pool,
// whose SDK the project does not depend on, is registered by its type token).

import * as pulumi from "@pulumi/pulumi";
import { AWS_CASES, awsCompliant, awsCompliantProgram } from "./aws";
import { AZURE_CASES, azureCompliant, azureCompliantProgram } from "./azure";
import { NonCompliantCase } from "./common";
import { GCP_CASES, gcpCompliant, gcpCompliantProgram } from "./gcp";

export { PACK_CONFIG, STACK_CONFIG } from "./common";
export type { NonCompliantCase } from "./common";

/** Builders of compliant resources of the three clouds; `o` overrides top-level arguments. */
export const compliant = { ...awsCompliant, ...azureCompliant, ...gcpCompliant };

/** A Cloudflare load balancer pool, registered by its type token. */
class CloudflarePool extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("cloudflare:index/loadBalancerPool:LoadBalancerPool", name, props);
  }
}

function cloudflarePool(name: string, monitor: string | undefined): void {
  new CloudflarePool(name, { accountId: "0123", name, origins: [{ name: "eu", address: "eu.example.com" }], monitor });
}

/** One compliant resource of every kind the pack checks, within the test budget. */
export function compliantProgram(): void {
  awsCompliantProgram();
  azureCompliantProgram();
  gcpCompliantProgram();
  cloudflarePool("ok-pool", "monitor-1");
}

/** One case per rule of the pack (the budget has its own over-budget program). */
export const NON_COMPLIANT: readonly NonCompliantCase[] = [] = [
  {
    policy: "aws-ebs-volume-encrypted",
    resource: "bad-ebs",
    build: () => compliant.ebsVolume("bad-ebs", { encrypted: false }),
  },
  {
    policy: "aws-ec2-instance-disks-encrypted",
    resource: "bad-root",
    build: () =>
      compliant.instance("bad-root", { rootBlockDevice: { volumeSize: 20, encrypted: false } }),
  },
  {
    policy: "aws-ec2-launch-template-disks-encrypted",
    resource: "bad-lt",
    build: () =>
      compliant.launchTemplate("bad-lt", {
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { volumeSize: 20, encrypted: "false" } },
        ],
      }),
  },
  {
    policy: "aws-rds-storage-encrypted",
    resource: "bad-rds-storage",
    build: () => compliant.rdsInstance("bad-rds-storage", { storageEncrypted: false }),
  },
  {
    policy: "aws-rds-not-publicly-accessible",
    resource: "bad-rds-public",
    build: () => compliant.rdsInstance("bad-rds-public", { publiclyAccessible: true }),
  },
  {
    policy: "aws-security-group-no-public-admin-ports",
    resource: "bad-sg",
    // A port range that covers SSH.
    build: () =>
      compliant.securityGroup("bad-sg", {
        ingress: [{ protocol: "tcp", fromPort: 0, toPort: 1024, cidrBlocks: ["0.0.0.0/0"] }],
      }),
  },
  {
    policy: "aws-ec2-imdsv2-required",
    resource: "bad-imds",
    build: () => compliant.instance("bad-imds", { metadataOptions: { httpTokens: "optional" } }),
  },
  {
    policy: "aws-kms-key-rotation-enabled",
    resource: "bad-key",
    build: () => compliant.kmsKey("bad-key", { enableKeyRotation: false }),
  },
  {
    policy: "aws-s3-bucket-encrypted-with-kms",
    resource: "bad-s3-sse",
    build: () => compliant.bucket("bad-s3-sse", { sse: false }),
  },
  {
    policy: "aws-s3-bucket-public-access-blocked",
    resource: "bad-s3-pab",
    build: () => compliant.bucket("bad-s3-pab", { pab: false }),
  },
  {
    policy: "azure-storage-https-only",
    resource: "badhttps",
    build: () => compliant.storageAccount("badhttps", { enableHttpsTrafficOnly: false }),
  },
  {
    policy: "azure-storage-min-tls-1-2",
    resource: "badtls",
    build: () => compliant.storageAccount("badtls", { minimumTlsVersion: "TLS1_0" }),
  },
  {
    policy: "azure-storage-no-public-blob-access",
    resource: "badblob",
    build: () => compliant.storageAccount("badblob", { allowBlobPublicAccess: true }),
  },
  {
    policy: "azure-storage-encryption-keys",
    resource: "badkeys",
    build: () =>
      compliant.storageAccount("badkeys", {
        encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true },
      }),
  },
  {
    policy: "azure-vm-disks-encrypted",
    resource: "bad-vm",
    build: () => compliant.vm("bad-vm", { securityProfile: { encryptionAtHost: false } }),
  },
  {
    policy: "azure-vmss-disks-encrypted",
    resource: "bad-vmss",
    build: () =>
      compliant.scaleSet("bad-vmss", {
        virtualMachineProfile: {
          storageProfile: { osDisk: { createOption: "FromImage", diskSizeGB: 32 } },
        },
      }),
  },
  {
    policy: "azure-network-no-public-admin-ports",
    resource: "bad-nsg",
    build: () =>
      compliant.nsg("bad-nsg", {
        securityRules: [
          {
            name: "rdp",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourcePortRange: "*",
            destinationPortRange: "3389",
            sourceAddressPrefix: "Internet",
            destinationAddressPrefix: "*",
          },
        ],
      }),
  },
  {
    policy: "gcp-storage-bucket-uniform-access",
    resource: "bad-ubla",
    build: () => compliant.gcsBucket("bad-ubla", { uniformBucketLevelAccess: false }),
  },
  {
    policy: "gcp-storage-bucket-public-access-prevented",
    resource: "bad-pap",
    build: () => compliant.gcsBucket("bad-pap", { publicAccessPrevention: "inherited" }),
  },
  {
    policy: "gcp-storage-bucket-cmek",
    resource: "bad-gcs-key",
    build: () => compliant.gcsBucket("bad-gcs-key", { encryption: undefined }),
  },
  {
    policy: "gcp-compute-shielded-vm",
    resource: "bad-shielded",
    build: () =>
      compliant.gcpInstance("bad-shielded", {
        shieldedInstanceConfig: {
          enableSecureBoot: false,
          enableVtpm: true,
          enableIntegrityMonitoring: true,
        },
      }),
  },
  {
    policy: "gcp-compute-boot-disk-cmek",
    resource: "bad-boot-key",
    build: () =>
      compliant.gcpInstance("bad-boot-key", {
        bootDisk: { initializeParams: { image: "debian-cloud/debian-12", size: 20 } },
      }),
  },
  {
    policy: "gcp-firewall-no-public-admin-ports",
    resource: "bad-fw",
    build: () => compliant.firewall("bad-fw", { allows: [{ protocol: "tcp", ports: ["22"] }] }),
  },
  {
    policy: "compliance-allowed-regions",
    resource: "bad-region",
    build: () => compliant.instance("bad-region", { region: "ap-northeast-1" }),
  },
  {
    policy: "compliance-required-tags",
    resource: "bad-tags",
    build: () => compliant.ebsVolume("bad-tags", { tags: { owner: "nobody" } }),
  },
  {
    policy: "compliance-allowed-instance-types",
    resource: "bad-size",
    build: () => compliant.instance("bad-size", { instanceType: "m7i.4xlarge" }),
  },
  {
    policy: "cost-unpriced-resources",
    resource: "bad-unsized",
    build: () => compliant.bucket("bad-unsized", { tags: { team: "payments" } }),
  },
  ...AWS_CASES,
  ...AZURE_CASES,
  ...GCP_CASES,
  { policy: "dns-failover-pool-health-checked", resource: "bad-pool", build: () => cloudflarePool("bad-pool", undefined) },
];

/** Compliant resources whose monthly cost exceeds the test budget of $5,000. */
export function overBudgetProgram(): void {
  compliant.scaleSet("big-vmss", { sku: { name: "Standard_D8s_v5", capacity: 40 } });
  compliant.group(
    "big-group",
    compliant.launchTemplate("big-template", { instanceType: "m7i.2xlarge" }),
    { desiredCapacity: 20, maxSize: 20 },
  );
  compliant.gcpInstance("small-gce");
}
