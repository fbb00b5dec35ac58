// Service: a group of identical VMs, placed as one or more replica groups (cloud, region,
// instance type, count, spot). Emits each cloud's scaling group with its firewall, inside the
// region's Network; a region without a given Network gets its own. The instances never get public
// IPs and never admit the internet: public ports are served by an Ingress in front of them, and
// each port admits only the sources listed in `ingress` (peers' networks, balancers, health checks).

import * as pulumi from "@pulumi/pulumi";
import type { ReplicaGroup, ServicePlacement } from "../optimizer/plan";
import { CLOUDS, NormalizedService } from "../optimizer/spec";
import { isCidr } from "./addressing";
import { awsReplicaGroup, awsServiceFirewall } from "./aws/service";
import {
  azureReplicaGroup,
  azureServiceFirewall,
  ingressRulePriority,
  LOCKED_SSH_PUBLIC_KEY,
} from "./azure/service";
import { badArg, catalog, OwnershipArgs, standaloneMonthlyUSD, tagContext } from "./common";
import { gcpReplicaGroup, gcpServiceFirewall } from "./gcp/service";
import { azureImageReference, ImageSet, imageFor, MachineArch } from "./images";
import { Network } from "./network";
import { regionKey } from "./providers";
import { workloadTags } from "./tags";

/** Private sources admitted to one of the service's ports. */
export interface IngressRule {
  /** One of the service's ports. */
  readonly port: number;
  /** Source range, usually the network range of a linked service's region. */
  readonly cidr: string;
  /** Who the source is, for the rule's description; default the range. */
  readonly from?: string;
}

/** Azure backend pools of one region a service's scale sets join. */
export interface AzurePools {
  /** Application Gateway backend pool ids. */
  readonly applicationGateway?: readonly pulumi.Input<string>[];
  /** Load balancer backend pool ids. */
  readonly loadBalancer?: readonly pulumi.Input<string>[];
}

/** Arguments of a Service. */
export interface ServiceArgs extends OwnershipArgs {
  /** Where the replicas run: replica groups sorted by cloud, region and instance type. */
  readonly placement: ServicePlacement;
  /** Workload name used in tags and VM names; default the component name. */
  readonly serviceName?: string;
  /** Root disk per replica in GiB; default 20. */
  readonly diskGiB?: number;
  /** TCP ports the service listens on; default [8080]. */
  readonly ports?: readonly number[];
  /** Ports served to the internet through an Ingress (80 and 443 only); default none. The instances stay closed to the internet. */
  readonly publicPorts?: readonly number[];
  /** Sources admitted per port in every region: linked services' networks, balancers, health checks; default none. */
  readonly ingress?: readonly IngressRule[];
  /** Sources admitted per port in one region only, by "cloud:region"; default none. */
  readonly regionIngress?: Readonly<Record<string, readonly IngressRule[]>>;
  /** Azure: backend pools the scale sets join, by "cloud:region"; default none. */
  readonly azurePools?: Readonly<Record<string, AzurePools>>;
  /** Networks to run in, at most one per cloud-region; default a new Network per region, as a child. */
  readonly networks?: readonly Network[];
  /** Machine images per cloud and architecture; default the cloudfit:images config, then DEFAULT_IMAGES. */
  readonly images?: ImageSet;
  /** SSH public key of the Azure admin user; default cloudfit:adminSshPublicKey, then a key nobody holds. */
  readonly adminSshPublicKey?: string;
}

/** A group of identical VMs placed by cloudfit. */
export class Service extends pulumi.ComponentResource {
  /** Where the replicas run. */
  public readonly placement: pulumi.Output<ServicePlacement>;
  /** Estimated monthly cost of its compute and disks in USD (traffic is priced by Application). */
  public readonly monthlyCostUSD: pulumi.Output<number>;
  /** Networks the replicas run in, by "cloud:region". */
  public readonly networks: Readonly<Record<string, Network>>;
  /**
   * What balancers attach to, by "cloud:region": Auto Scaling group names (AWS), managed instance
   * group instance-group URLs (GCP), scale set ids (Azure).
   */
  public readonly targets: Readonly<Record<string, pulumi.Output<string>[]>>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const v = validateServiceArgs(name, args);
    const tags = workloadTags(tagContext(args), v.serviceName);
    super("cloudfit:compute:Service", name, {}, opts);

    const networks: Record<string, Network> = {};
    for (const g of v.groups) {
      const key = regionKey(g.cloud, g.region);
      networks[key] ??=
        args.networks?.find((n) => n.cloud === g.cloud && n.region === g.region) ??
        new Network(
          `${name}-net-${g.cloud}-${g.region}`,
          {
            cloud: g.cloud,
            region: g.region,
            application: args.application,
            owner: args.owner,
            costCenter: args.costCenter,
          },
          { parent: this },
        );
    }
    const firewalls: Record<string, pulumi.Output<string> | undefined> = {};
    for (const [key, network] of Object.entries(networks)) {
      const o = { parent: this, provider: network.provider };
      const rules = [...v.ingress, ...(args.regionIngress?.[key] ?? [])];
      if (network.cloud === "aws")
        firewalls[key] = awsServiceFirewall(name, network, rules, tags, o);
      else if (network.cloud === "azure")
        firewalls[key] = azureServiceFirewall(name, network, v.ports, rules, tags, o);
      else gcpServiceFirewall(name, v.serviceName, network, rules, o);
    }
    const targets: Record<string, pulumi.Output<string>[]> = {};
    v.groups.forEach((g, i) => {
      const key = regionKey(g.cloud, g.region);
      const network = networks[key];
      const o = { parent: this, provider: network.provider };
      const { arch, image } = v.images[i];
      const made: pulumi.Output<string>[] =
        g.cloud === "aws"
          ? [awsReplicaGroup(name, g, image, v.diskGiB, network, firewalls[key]!, tags, o).name]
          : g.cloud === "azure"
            ? azureReplicaGroup(
                name,
                v.serviceName,
                g,
                arch,
                image,
                v.diskGiB,
                v.sshKey,
                network,
                firewalls[key]!,
                args.azurePools?.[key] ?? {},
                tags,
                o,
              ).map((x) => x.id)
            : gcpReplicaGroup(name, v.serviceName, g, image, v.diskGiB, v.ports, network, tags, o).map(
                (x) => x.instanceGroup,
              );
      targets[key] = [...(targets[key] ?? []), ...made];
    });
    this.targets = targets;

    const placement: ServicePlacement = { groups: v.groups };
    this.placement = pulumi.output(placement);
    this.monthlyCostUSD = pulumi.output(serviceMonthlyUSD(v.serviceName, v.diskGiB, placement));
    this.networks = networks;
    this.registerOutputs({ placement: this.placement, monthlyCostUSD: this.monthlyCostUSD });
  }
}

/** Compute and disk cost of a service's placement, priced from the catalog. */
export function serviceMonthlyUSD(
  serviceName: string,
  diskGiB: number,
  placement: ServicePlacement,
): number {
  const service: NormalizedService = {
    name: serviceName,
    replicas: 0,
    vcpu: 0,
    memoryGiB: 0,
    arch: "any",
    diskGiB,
    spotReplicas: 0,
    residency: [],
    clouds: CLOUDS,
    regions: [],
    minClouds: 1,
    minRegions: 1,
    maxSharePerCloud: 1,
    ports: [],
    publicPorts: [],
  };
  const spec = {
    services: [service],
    buckets: [],
    links: [],
    clouds: CLOUDS,
    maxClouds: 3,
    quotas: {},
    allowBurstable: true,
  };
  return standaloneMonthlyUSD(spec, { services: { [serviceName]: placement }, buckets: {} });
}

interface ValidService {
  readonly serviceName: string;
  readonly groups: readonly ReplicaGroup[];
  readonly diskGiB: number;
  readonly ports: readonly number[];
  readonly publicPorts: readonly number[];
  readonly ingress: readonly IngressRule[];
  /** Architecture and image of each group, in group order. */
  readonly images: readonly { readonly arch: MachineArch; readonly image: string }[];
  readonly sshKey: string;
}

const isWhole = (n: unknown, min: number): n is number =>
  Number.isInteger(n) && (n as number) >= min;

/** Checks a Service's args; the first problem raises an InputPropertyError saying how to fix it. */
function validateServiceArgs(name: string, args: ServiceArgs): ValidService {
  const groups = args.placement?.groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    badArg(
      "placement.groups",
      "must list at least one replica group. To fix: pass { groups: [{ cloud, region, instanceType, count, spot }] }.",
    );
  }
  groups.forEach((g, i) => {
    const path = `placement.groups[${i}]`;
    if (!CLOUDS.includes(g.cloud))
      badArg(
        `${path}.cloud`,
        `must be aws, azure or gcp, got ${JSON.stringify(g.cloud)}. To fix: write one of them.`,
      );
    if (!catalog().offer(g.cloud, g.region, g.instanceType)) {
      const sample = [...catalog().offersIn(g.cloud, g.region)]
        .sort(
          (a, b) =>
            a.vcpus - b.vcpus ||
            a.memoryGiB - b.memoryGiB ||
            (a.instanceType < b.instanceType ? -1 : 1),
        )
        .slice(0, 3)
        .map((o) => o.instanceType);
      badArg(
        `${path}.instanceType`,
        `${g.instanceType} in ${g.cloud}:${g.region} is not in the price catalog. ` +
          `To fix: ${sample.length > 0 ? `use a type offered there, e.g. ${sample.join(", ")}` : `use a region the catalog has for ${g.cloud}`}.`,
      );
    }
    if (!isWhole(g.count, 1))
      badArg(
        `${path}.count`,
        `must be a whole number of at least 1, got ${g.count}. To fix: write e.g. 2.`,
      );
    if (!isWhole(g.spot, 0) || g.spot > g.count)
      badArg(
        `${path}.spot`,
        `must be a whole number from 0 to count (${g.count}), got ${g.spot}. To fix: write 0 for no spot.`,
      );
    if (
      groups.findIndex(
        (h) => h.cloud === g.cloud && h.region === g.region && h.instanceType === g.instanceType,
      ) !== i
    ) {
      badArg(
        path,
        `repeats ${g.instanceType} in ${g.cloud}:${g.region}. To fix: merge the two groups into one.`,
      );
    }
  });
  const diskGiB = args.diskGiB ?? 20;
  if (!(typeof diskGiB === "number" && diskGiB >= 1))
    badArg("diskGiB", `must be a number of at least 1, got ${diskGiB}. To fix: write e.g. 20.`);
  const ports = args.ports ?? [8080];
  ports.forEach((p, i) => {
    if (!isWhole(p, 1) || p > 65535)
      badArg(
        `ports[${i}]`,
        `must be a TCP port from 1 to 65535, got ${p}. To fix: write e.g. 8080.`,
      );
  });
  const publicPorts = args.publicPorts ?? [];
  publicPorts.forEach((p, i) => {
    if (p !== 80 && p !== 443) {
      badArg(
        `publicPorts[${i}]`,
        `only 80 and 443 may be opened to the internet, got ${p}. To fix: serve it on 80 or 443, or remove it.`,
      );
    }
  });
  const azureGroups = groups.some((g) => g.cloud === "azure");
  const ingress = args.ingress ?? [];
  const check = (r: IngressRule, path: string, azure: boolean) => {
    if (!ports.includes(r.port))
      badArg(
        `${path}.port`,
        `${r.port} is not one of the service's ports (${ports.join(", ")}). To fix: add it to ports.`,
      );
    if (!isCidr(r.cidr))
      badArg(
        `${path}.cidr`,
        `${JSON.stringify(r.cidr)} is not an IPv4 CIDR block. To fix: write e.g. 10.16.0.0/16.`,
      );
    if (azure && ingressRulePriority(r.cidr, ports.indexOf(r.port)) === undefined) {
      badArg(
        path,
        `Azure rule priorities come from the address plan, which has no slot for ${r.cidr} or port ${r.port}. ` +
          "To fix: admit a network range of the address plan (10.16.0.0/16 to 10.255.0.0/16), a balancer subnet or the Azure probe address, and list at most 16 ports.",
      );
    }
  };
  ingress.forEach((r, i) => check(r, `ingress[${i}]`, azureGroups));
  for (const [key, rules] of Object.entries(args.regionIngress ?? {}))
    rules.forEach((r, i) => check(r, `regionIngress.${key}[${i}]`, key.startsWith("azure:")));
  if (args.networks) {
    const seen = new Set<string>();
    args.networks.forEach((n, i) => {
      const key = regionKey(n.cloud, n.region);
      if (seen.has(key))
        badArg(
          `networks[${i}]`,
          `is a second network for ${key}. To fix: pass one network per cloud-region.`,
        );
      seen.add(key);
    });
  }
  const sorted = [...groups].sort((a, b) =>
    a.cloud !== b.cloud
      ? a.cloud < b.cloud
        ? -1
        : 1
      : a.region !== b.region
        ? a.region < b.region
          ? -1
          : 1
        : a.instanceType < b.instanceType
          ? -1
          : 1,
  );
  const config = new pulumi.Config("cloudfit");
  const imageSet = args.images ?? config.getObject<ImageSet>("images") ?? {};
  const images = sorted.map((g) => {
    const arch = catalog().offer(g.cloud, g.region, g.instanceType)!.arch;
    const image = imageFor(g.cloud, arch, imageSet);
    if (g.cloud === "azure" && !azureImageReference(image)) {
      badArg(
        `images.azure.${arch}`,
        `${JSON.stringify(image)} is not an Azure image reference. To fix: write "publisher:offer:sku:version".`,
      );
    }
    return { arch, image };
  });
  const sshKey = args.adminSshPublicKey ?? config.get("adminSshPublicKey") ?? LOCKED_SSH_PUBLIC_KEY;
  return {
    serviceName: args.serviceName ?? name,
    groups: sorted,
    diskGiB,
    ports,
    publicPorts,
    ingress,
    images,
    sshKey,
  };
}
