// Offline answers to the Google Cloud data sources programs call before creating resources: the
// project and client, zones and regions, images, networks and the Google-managed service accounts
// programs grant roles to. Project numbers and ids are derived from the project id.

import { digits, hexId, Inputs, OfflineInvoke } from "./values";

// Zones of regions that do not have exactly a, b and c. Source: Google Cloud, "Regions and zones"
// (cloud.google.com/compute/docs/regions-zones#available).
const ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-central1": "abcf",
  "us-east1": "bcd",
  "europe-west1": "bcd",
};

// The default (auto mode) VPC subnet range per region. Source: Google Cloud, "VPC networks",
// auto mode IPv4 ranges (cloud.google.com/vpc/docs/subnets#ip-ranges).
const AUTO_SUBNETS: Readonly<Record<string, string>> = {
  "us-central1": "10.128.0.0/20",
  "europe-west1": "10.132.0.0/20",
  "us-west1": "10.138.0.0/20",
  "asia-east1": "10.140.0.0/20",
  "us-east1": "10.142.0.0/20",
  "asia-northeast1": "10.146.0.0/20",
  "asia-southeast1": "10.148.0.0/20",
  "us-east4": "10.150.0.0/20",
  "australia-southeast1": "10.152.0.0/20",
  "europe-west2": "10.154.0.0/20",
  "europe-west3": "10.156.0.0/20",
  "southamerica-east1": "10.158.0.0/20",
  "asia-south1": "10.160.0.0/20",
  "northamerica-northeast1": "10.162.0.0/20",
  "europe-west4": "10.164.0.0/20",
  "europe-north1": "10.166.0.0/20",
  "us-west2": "10.168.0.0/20",
};

/** Regions getRegions lists (those of the table above, which all exist; sorted). */
const REGIONS = Object.keys(AUTO_SUBNETS).sort();

/** GKE versions answered for getEngineVersions: a fixed, plausible set (not the live channel). */
const GKE = { latest: "1.32.2-gke.1297002", default: "1.31.6-gke.1020000", stable: "1.30.9-gke.1127000" };

interface GcpContext {
  readonly region: string;
  setting(k: string): string | undefined;
  readonly project: string;
  readonly stack: string;
}

/** The project of a call: its `project` input, its provider's, or one derived from the Pulumi project and stack. */
export function gcpProject(inputs: Inputs, ctx: GcpContext): string {
  const derived = `${ctx.project}-${ctx.stack}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/^[^a-z]+/, "p-").slice(0, 30).replace(/-+$/, "");
  return (inputs.project as string | undefined) ?? (inputs.projectId as string | undefined) ?? ctx.setting("project") ?? derived;
}

const projectNumber = (project: string) => digits(12, "gcp-project", project);
const link = (project: string, rest: string) => `https://www.googleapis.com/compute/v1/projects/${project}/${rest}`;

function zonesOf(region: string): string[] {
  return [...(ZONE_LETTERS[region] ?? "abc")].map((l) => `${region}-${l}`);
}

/** Google Cloud data sources answered offline. */
export const GCP_INVOKES: readonly OfflineInvoke[] = [
  {
    token: "gcp:organizations/getProject:getProject",
    returns: "The provider's `project` (or one derived from the Pulumi project and stack) with a derived 12-digit project number.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      return { ...inputs, id: `projects/${p}`, projectId: p, name: p, number: projectNumber(p), orgId: digits(12, "org", p), folderId: "", billingAccount: "", autoCreateNetwork: true, deletionPolicy: "PREVENT", labels: {}, effectiveLabels: {}, pulumiLabels: {}, tags: {} };
    },
  },
  {
    token: "gcp:organizations/getClientConfig:getClientConfig",
    returns: "The provider's project, region and zone (us-central1 and its `-a` zone when unset) and an offline access token.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      return { id: `projects/${p}/regions/${ctx.region}/zones/${ctx.setting("zone") ?? `${ctx.region}-a`}`, project: p, region: ctx.region, zone: ctx.setting("zone") ?? `${ctx.region}-a`, accessToken: `ya29.offline-${hexId("", 24, p)}`, defaultLabels: {} };
    },
  },
  {
    token: "gcp:compute/getZones:getZones",
    returns: "The region's zones as Google lists them (`us-central1-a`…; a, b, c unless the region differs).",
    answer(inputs, ctx) {
      const region = (inputs.region as string | undefined) ?? ctx.region;
      const p = gcpProject(inputs, ctx);
      return { ...inputs, id: `projects/${p}/regions/${region}`, project: p, region, names: zonesOf(region) };
    },
  },
  {
    token: "gcp:compute/getRegions:getRegions",
    returns: "Seventeen long-standing regions (us-central1, europe-west1, …), sorted.",
    answer: (inputs, ctx) => ({ ...inputs, id: `projects/${gcpProject(inputs, ctx)}`, project: gcpProject(inputs, ctx), names: REGIONS }),
  },
  {
    token: "gcp:compute/getImage:getImage",
    returns: "The named image, or `<family>-v20250115` for a family, in the asked-for image project, with its self link.",
    answer(inputs, ctx) {
      const p = (inputs.project as string | undefined) ?? gcpProject(inputs, ctx);
      const name = (inputs.name as string | undefined) ?? `${inputs.family ?? "image"}-v20250115`;
      return {
        ...inputs, id: `projects/${p}/global/images/${name}`, name, project: p, family: inputs.family ?? "", selfLink: link(p, `global/images/${name}`),
        imageId: digits(19, "image", p, name), status: "READY", diskSizeGb: 10, archiveSizeBytes: 0, creationTimestamp: "2025-01-15T00:00:00.000-08:00",
        description: `${name} (looked up offline)`, labels: {}, licenses: [], sourceDisk: "", sourceDiskId: "", sourceImageId: "", labelFingerprint: "", imageEncryptionKeySha256: "", sourceDiskEncryptionKeySha256: "",
      };
    },
  },
  {
    token: "gcp:compute/getNetwork:getNetwork",
    returns: "The network's id and self link in the project, no subnetworks listed.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      return { ...inputs, id: `projects/${p}/global/networks/${inputs.name}`, project: p, selfLink: link(p, `global/networks/${inputs.name}`), numericId: digits(19, "network", p, inputs.name), gatewayIpv4: "", description: "", internalIpv6Range: "", subnetworksSelfLinks: [] };
    },
  },
  {
    token: "gcp:compute/getSubnetwork:getSubnetwork",
    returns: "The subnetwork's self link; its range is the region's auto-mode range (10.128.0.0/20 in us-central1).",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      const region = (inputs.region as string | undefined) ?? ctx.region;
      const name = (inputs.name as string | undefined) ?? "default";
      return { ...inputs, id: `projects/${p}/regions/${region}/subnetworks/${name}`, name, project: p, region, selfLink: link(p, `regions/${region}/subnetworks/${name}`), network: link(p, "global/networks/default"), ipCidrRange: AUTO_SUBNETS[region] ?? "10.128.0.0/20", gatewayAddress: (AUTO_SUBNETS[region] ?? "10.128.0.0/20").replace(/0\/20$/, "1"), privateIpGoogleAccess: false, secondaryIpRanges: [], description: "" };
    },
  },
  {
    token: "gcp:compute/getDefaultServiceAccount:getDefaultServiceAccount",
    returns: "`<project number>-compute@developer.gserviceaccount.com`.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      const email = `${projectNumber(p)}-compute@developer.gserviceaccount.com`;
      return { ...inputs, id: `projects/${p}/serviceAccounts/${email}`, project: p, email, member: `serviceAccount:${email}`, name: `projects/${p}/serviceAccounts/${email}`, displayName: "Compute Engine default service account", uniqueId: digits(21, "sa", p) };
    },
  },
  {
    token: "gcp:storage/getProjectServiceAccount:getProjectServiceAccount",
    returns: "Cloud Storage's agent `service-<project number>@gs-project-accounts.iam.gserviceaccount.com`.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      const email = `service-${projectNumber(p)}@gs-project-accounts.iam.gserviceaccount.com`;
      return { ...inputs, id: email, project: p, emailAddress: email, member: `serviceAccount:${email}` };
    },
  },
  {
    token: "gcp:container/getEngineVersions:getEngineVersions",
    returns: `A fixed GKE version set: latest ${GKE.latest}, default ${GKE.default}, stable ${GKE.stable}.`,
    answer(inputs, ctx) {
      const valid = [GKE.latest, GKE.default, GKE.stable];
      return {
        ...inputs, id: `projects/${gcpProject(inputs, ctx)}/locations/${inputs.location ?? ctx.region}`, latestMasterVersion: GKE.latest, latestNodeVersion: GKE.latest,
        defaultClusterVersion: GKE.default, validMasterVersions: valid, validNodeVersions: valid,
        releaseChannelDefaultVersion: { RAPID: GKE.latest, REGULAR: GKE.default, STABLE: GKE.stable },
        releaseChannelLatestVersion: { RAPID: GKE.latest, REGULAR: GKE.default, STABLE: GKE.stable },
        releaseChannelUpgradeTargetVersion: { RAPID: GKE.latest, REGULAR: GKE.default, STABLE: GKE.stable },
      };
    },
  },
  {
    token: "gcp:organizations/getIAMPolicy:getIAMPolicy",
    returns: "`policyData` rendered from the bindings as the provider renders it.",
    answer(inputs) {
      const bindings = (Array.isArray(inputs.bindings) ? inputs.bindings : []).map((b: Inputs) => ({ role: b.role, members: [...(b.members ?? [])].sort(), ...(b.condition ? { condition: b.condition } : {}) }));
      return { ...inputs, id: hexId("", 10, bindings), policyData: JSON.stringify({ bindings }) };
    },
  },
  {
    token: "gcp:kms/getKMSKeyRing:getKMSKeyRing",
    returns: "The key ring's id in the project and location.",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      return { ...inputs, id: `projects/${p}/locations/${inputs.location}/keyRings/${inputs.name}`, project: p };
    },
  },
  {
    token: "gcp:secretmanager/getSecretVersion:getSecretVersion",
    returns: "`secretData` = `offline:<secret>` for version `latest` (or the asked-for version).",
    answer(inputs, ctx) {
      const p = gcpProject(inputs, ctx);
      const version = (inputs.version as string | undefined) ?? "1";
      return { ...inputs, id: `projects/${projectNumber(p)}/secrets/${inputs.secret}/versions/${version}`, name: `projects/${projectNumber(p)}/secrets/${inputs.secret}/versions/${version}`, project: p, version, secretData: `offline:${inputs.secret}`, enabled: true, createTime: "2025-01-15T00:00:00Z", destroyTime: "" };
    },
  },
];
