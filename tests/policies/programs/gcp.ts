// The Google Cloud part of the end-to-end programs: builders of compliant resources (`o`
// overrides top-level arguments), one compliant resource of every kind the GCP rules check, and
// a non-compliant case per GCP rule that changes one setting of a compliant resource.

import * as bigquery from "@pulumi/gcp/bigquery";
import * as cloudfunctions from "@pulumi/gcp/cloudfunctions";
import * as cloudrunv2 from "@pulumi/gcp/cloudrunv2";
import * as gcompute from "@pulumi/gcp/compute";
import * as dns from "@pulumi/gcp/dns";
import * as gkms from "@pulumi/gcp/kms";
import * as projects from "@pulumi/gcp/projects";
import * as pubsub from "@pulumi/gcp/pubsub";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as gsql from "@pulumi/gcp/sql";
import * as gstorage from "@pulumi/gcp/storage";
import { GCP_KMS_KEY, NonCompliantCase, TAGS } from "./common";

const SA = "serviceAccount:app@cloudfit-e2e.iam.gserviceaccount.com";
const metadata = { "block-project-ssh-keys": "true", "enable-oslogin": "TRUE" };
const sqlSettings = {
  tier: "db-custom-2-7680",
  deletionProtectionEnabled: true,
  ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/cloudfit-e2e/global/networks/app", sslMode: "ENCRYPTED_ONLY" },
  backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } },
  databaseFlags: [
    { name: "log_connections", value: "on" },
    { name: "log_disconnections", value: "on" },
  ],
};

/** Builders of compliant Google Cloud resources; `o` overrides top-level arguments. */
export const gcpCompliant = {
  gcsBucket: (name: string, o: Partial<gstorage.BucketArgs> = {}) =>
    new gstorage.Bucket(name, {
      location: "US-CENTRAL1",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      encryption: { defaultKmsKeyName: GCP_KMS_KEY },
      versioning: { enabled: true },
      logging: { logBucket: "cloudfit-e2e-logs" },
      labels: TAGS,
      ...o,
    }),
  gcpInstance: (name: string, o: Partial<gcompute.InstanceArgs> = {}) =>
    new gcompute.Instance(name, {
      machineType: "e2-standard-2",
      zone: "us-central1-a",
      bootDisk: { kmsKeySelfLink: GCP_KMS_KEY, initializeParams: { image: "debian-cloud/debian-12", size: 20 } },
      networkInterfaces: [{ network: "default" }],
      shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
      serviceAccount: { email: "app@cloudfit-e2e.iam.gserviceaccount.com", scopes: ["cloud-platform"] },
      metadata,
      labels: TAGS,
      ...o,
    }),
  firewall: (name: string, o: Partial<gcompute.FirewallArgs> = {}) =>
    new gcompute.Firewall(name, {
      network: "default",
      direction: "INGRESS",
      sourceRanges: ["0.0.0.0/0"],
      allows: [{ protocol: "tcp", ports: ["443"] }],
      ...o,
    }),
  sqlInstance: (name: string, settings: Record<string, unknown> = {}, o: Partial<gsql.DatabaseInstanceArgs> = {}) =>
    new gsql.DatabaseInstance(name, { databaseVersion: "POSTGRES_16", region: "us-central1", settings: { ...sqlSettings, ...settings }, ...o }),
  cryptoKey: (name: string, o: Partial<gkms.CryptoKeyArgs> = {}) =>
    new gkms.CryptoKey(name, { keyRing: "projects/cloudfit-e2e/locations/us-central1/keyRings/ring", rotationPeriod: "7776000s", labels: TAGS, ...o }),
  function: (name: string, o: Partial<cloudfunctions.FunctionArgs> = {}) =>
    new cloudfunctions.Function(name, {
      runtime: "nodejs20",
      region: "us-central1",
      triggerHttp: true,
      sourceArchiveBucket: "code",
      sourceArchiveObject: "fn.zip",
      environmentVariables: { BUCKET: "images" },
      labels: TAGS,
      ...o,
    }),
  sslPolicy: (name: string, o: Partial<gcompute.SSLPolicyArgs> = {}) =>
    new gcompute.SSLPolicy(name, { minTlsVersion: "TLS_1_2", profile: "MODERN", ...o }),
  forwardingRule: (name: string, o: Partial<gcompute.ForwardingRuleArgs> = {}) =>
    new gcompute.ForwardingRule(name, { region: "us-central1", ipProtocol: "TCP", portRange: "443", backendService: "svc", ...o }),
};

/** One compliant resource of every kind the GCP rules check. */
export function gcpCompliantProgram(): void {
  const c = gcpCompliant;
  c.gcsBucket("ok-gcs");
  new gstorage.BucketIAMMember("ok-gcs-readers", { bucket: "ok-gcs", role: "roles/storage.objectViewer", member: "group:readers@example.com" });
  c.gcpInstance("ok-gce");
  c.firewall("ok-fw");
  c.sqlInstance("ok-sql-instance");
  c.cryptoKey("ok-crypto-key");
  new gkms.CryptoKeyIAMMember("ok-crypto-user", { cryptoKeyId: "ok-crypto-key", role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: SA });
  c.function("ok-function");
  new cloudfunctions.FunctionIamMember("ok-function-invoker", { cloudFunction: "ok-function", role: "roles/cloudfunctions.invoker", member: SA });
  new cloudrunv2.Service("ok-run", { location: "us-central1", template: { containers: [{ image: "us-docker.pkg.dev/cloudrun/container/hello", envs: [{ name: "MODE", value: "prod" }] }] } });
  new cloudrunv2.ServiceIamMember("ok-run-invoker", { name: "ok-run", location: "us-central1", role: "roles/run.invoker", member: "group:devs@example.com" });
  new projects.IAMMember("ok-project-viewer", { project: "cloudfit-e2e", role: "roles/viewer", member: "group:auditors@example.com" });
  new pubsub.TopicIAMMember("ok-topic-publisher", { topic: "events", role: "roles/pubsub.publisher", member: SA });
  new bigquery.Dataset("ok-dataset", { datasetId: "sales", location: "US", accesses: [{ role: "OWNER", userByEmail: "owner@example.com" }], labels: TAGS });
  new gcompute.Network("ok-network", { autoCreateSubnetworks: false });
  new gcompute.Subnetwork("ok-subnetwork", { network: "ok-network", region: "us-central1", ipCidrRange: "10.2.0.0/20", logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5 } });
  new dns.ManagedZone("ok-zone", { dnsName: "example.com.", dnssecConfig: { state: "on" }, labels: TAGS });
  const policy = c.sslPolicy("ok-ssl-policy");
  new gcompute.TargetHttpsProxy("ok-https-proxy", { urlMap: "site", sslCertificates: ["cert"], sslPolicy: policy.id });
  const redirect = new gcompute.URLMap("ok-redirect-map", { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } });
  new gcompute.TargetHttpProxy("ok-http-proxy", { urlMap: redirect.id });
  new gcompute.VPNTunnel("ok-vpn-tunnel", { region: "us-central1", sharedSecret: "s", peerIp: "203.0.113.1", ikeVersion: 2, labels: TAGS });
  c.forwardingRule("ok-forwarding");
}

/** One case per GCP rule added for issue 10 (the original six are listed in index.ts). */
export const GCP_CASES: readonly NonCompliantCase[] = [
  { policy: "gcp-firewall-no-public-ingress", resource: "bad-fw-postgres", build: () => gcpCompliant.firewall("bad-fw-postgres", { allows: [{ protocol: "tcp", ports: ["5432"] }] }) },
  { policy: "gcp-storage-bucket-not-public", resource: "bad-gcs-public", build: () => new gstorage.BucketIAMMember("bad-gcs-public", { bucket: "ok-gcs", role: "roles/storage.objectViewer", member: "allUsers" }) },
  { policy: "gcp-storage-bucket-versioning", resource: "bad-gcs-versions", build: () => gcpCompliant.gcsBucket("bad-gcs-versions", { versioning: undefined }) },
  { policy: "gcp-storage-bucket-logging", resource: "bad-gcs-logs", build: () => gcpCompliant.gcsBucket("bad-gcs-logs", { logging: undefined }) },
  // The exposure found in public programs: a VM forwarding other hosts' traffic.
  { policy: "gcp-compute-ip-forwarding-disabled", resource: "bad-gce-forwarding", build: () => gcpCompliant.gcpInstance("bad-gce-forwarding", { canIpForward: true }) },
  { policy: "gcp-compute-no-default-service-account", resource: "bad-gce-default-sa", build: () => gcpCompliant.gcpInstance("bad-gce-default-sa", { serviceAccount: { email: "123456789012-compute@developer.gserviceaccount.com", scopes: ["cloud-platform"] } }) },
  { policy: "gcp-compute-block-project-ssh-keys", resource: "bad-gce-ssh-keys", build: () => gcpCompliant.gcpInstance("bad-gce-ssh-keys", { metadata: { "enable-oslogin": "TRUE" } }) },
  { policy: "gcp-compute-serial-port-disabled", resource: "bad-gce-serial", build: () => gcpCompliant.gcpInstance("bad-gce-serial", { metadata: { ...metadata, "serial-port-enable": "true" } }) },
  { policy: "gcp-compute-os-login-enabled", resource: "bad-gce-oslogin", build: () => gcpCompliant.gcpInstance("bad-gce-oslogin", { metadata: { "block-project-ssh-keys": "true" } }) },
  { policy: "gcp-compute-no-public-ip", resource: "bad-gce-public", build: () => gcpCompliant.gcpInstance("bad-gce-public", { networkInterfaces: [{ network: "default", accessConfigs: [{}] }] }) },
  { policy: "gcp-compute-startup-script-no-secrets", resource: "bad-gce-script", build: () => gcpCompliant.gcpInstance("bad-gce-script", { metadataStartupScript: "#!/bin/bash\nexport API_TOKEN=0123456789abcdef\n" }) },
  { policy: "gcp-sql-instance-no-public-networks", resource: "bad-sql-world", build: () => gcpCompliant.sqlInstance("bad-sql-world", { ipConfiguration: { ...sqlSettings.ipConfiguration, ipv4Enabled: true, authorizedNetworks: [{ name: "all", value: "0.0.0.0/0" }] } }) },
  { policy: "gcp-sql-instance-private-ip-only", resource: "bad-sql-public-ip", build: () => gcpCompliant.sqlInstance("bad-sql-public-ip", { ipConfiguration: { ...sqlSettings.ipConfiguration, ipv4Enabled: true } }) },
  { policy: "gcp-sql-instance-ssl-required", resource: "bad-sql-ssl", build: () => gcpCompliant.sqlInstance("bad-sql-ssl", { ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/cloudfit-e2e/global/networks/app" } }) },
  { policy: "gcp-sql-instance-backups", resource: "bad-sql-backups", build: () => gcpCompliant.sqlInstance("bad-sql-backups", { backupConfiguration: { enabled: false } }) },
  { policy: "gcp-sql-instance-deletion-protection", resource: "bad-sql-deletable", build: () => gcpCompliant.sqlInstance("bad-sql-deletable", { deletionProtectionEnabled: false }, { deletionProtection: false }) },
  { policy: "gcp-sql-instance-connection-logging", resource: "bad-sql-logging", build: () => gcpCompliant.sqlInstance("bad-sql-logging", { databaseFlags: [] }) },
  { policy: "gcp-sql-instance-supported-version", resource: "bad-sql-version", build: () => gcpCompliant.sqlInstance("bad-sql-version", {}, { databaseVersion: "MYSQL_5_7" }) },
  { policy: "gcp-kms-key-rotation", resource: "bad-crypto-rotation", build: () => gcpCompliant.cryptoKey("bad-crypto-rotation", { rotationPeriod: undefined }) },
  { policy: "gcp-kms-key-not-public", resource: "bad-crypto-public", build: () => new gkms.CryptoKeyIAMMember("bad-crypto-public", { cryptoKeyId: "ok-crypto-key", role: "roles/cloudkms.cryptoKeyDecrypter", member: "allAuthenticatedUsers" }) },
  // The exposure found in public programs: Cloud Functions invokable by allUsers.
  { policy: "gcp-cloudfunctions-not-public", resource: "bad-function-public", build: () => new cloudfunctions.FunctionIamMember("bad-function-public", { cloudFunction: "ok-function", role: "roles/cloudfunctions.invoker", member: "allUsers" }) },
  { policy: "gcp-cloudrun-not-public", resource: "bad-run-public", build: () => new cloudrunv2.ServiceIamMember("bad-run-public", { name: "ok-run", location: "us-central1", role: "roles/run.invoker", member: "allUsers" }) },
  { policy: "gcp-serverless-environment-no-secrets", resource: "bad-function-env", build: () => gcpCompliant.function("bad-function-env", { environmentVariables: { STRIPE_KEY: "sk_live_0123456789abcdefghijklmnop" } }) },
  { policy: "gcp-iam-no-public-members", resource: "bad-topic-public", build: () => new pubsub.TopicIAMMember("bad-topic-public", { topic: "events", role: "roles/pubsub.subscriber", member: "allUsers" }) },
  { policy: "gcp-iam-service-account-no-admin-roles", resource: "bad-sa-editor", build: () => new projects.IAMMember("bad-sa-editor", { project: "cloudfit-e2e", role: "roles/editor", member: SA }) },
  { policy: "gcp-iam-no-project-service-account-user", resource: "bad-sa-user", build: () => new projects.IAMMember("bad-sa-user", { project: "cloudfit-e2e", role: "roles/iam.serviceAccountUser", member: "group:deployers@example.com" }) },
  { policy: "gcp-iam-no-service-account-keys", resource: "bad-sa-key", build: () => new serviceaccount.Key("bad-sa-key", { serviceAccountId: "app" }) },
  { policy: "gcp-bigquery-dataset-not-public", resource: "bad-dataset", build: () => new bigquery.Dataset("bad-dataset", { datasetId: "open", location: "US", accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers" }], labels: TAGS }) },
  { policy: "gcp-network-custom-subnets", resource: "bad-network", build: () => new gcompute.Network("bad-network", {}) },
  { policy: "gcp-subnetwork-flow-logs", resource: "bad-subnetwork", build: () => new gcompute.Subnetwork("bad-subnetwork", { network: "ok-network", region: "us-central1", ipCidrRange: "10.3.0.0/20" }) },
  { policy: "gcp-dns-dnssec-enabled", resource: "bad-zone", build: () => new dns.ManagedZone("bad-zone", { dnsName: "example.org.", labels: TAGS }) },
  { policy: "gcp-ssl-policy-tls-1-2", resource: "bad-ssl-policy", build: () => gcpCompliant.sslPolicy("bad-ssl-policy", { minTlsVersion: "TLS_1_0", profile: "COMPATIBLE" }) },
  { policy: "gcp-lb-proxy-ssl-policy", resource: "bad-https-proxy", build: () => new gcompute.TargetHttpsProxy("bad-https-proxy", { urlMap: "site", sslCertificates: ["cert"] }) },
  {
    policy: "gcp-lb-http-redirects-to-https",
    resource: "bad-http-proxy",
    build: () => {
      const map = new gcompute.URLMap("bad-http-map", { defaultService: "projects/cloudfit-e2e/global/backendServices/site" });
      new gcompute.TargetHttpProxy("bad-http-proxy", { urlMap: map.id });
    },
  },
  { policy: "gcp-vpn-tunnel-ikev2-strong-ciphers", resource: "bad-vpn-tunnel", build: () => new gcompute.VPNTunnel("bad-vpn-tunnel", { region: "us-central1", sharedSecret: "s", peerIp: "203.0.113.1", ikeVersion: 1, labels: TAGS }) },
  { policy: "gcp-lb-no-admin-port-forwarding", resource: "bad-forwarding", build: () => gcpCompliant.forwardingRule("bad-forwarding", { portRange: "22" }) },
];
