// Application: a whole workload spec deployed from a plan (or placed by the optimizer first).
// Creates one provider per cloud-region used, then the network layer the plan needs (derived by
// buildTopology): a Network per cloud-region with services (with NAT), public balancers (Ingress)
// and internal balancers (ServiceEndpoint), every Service and Bucket, peerings and VPNs for the
// pairs of networks the spec's links cross, a private DNS zone per calling network, and a
// health-checked FrontDoor name per public service. A change of plan changes exactly these.

import * as pulumi from "@pulumi/pulumi";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { Zone } from "@pulumi/aws/route53";
import { buildCandidates } from "../optimizer/candidates";
import { evaluatePlan } from "../optimizer/evaluate";
import { NetworkOptions, parseNetworkOptions } from "../optimizer/network/options";
import { azureBgpAddresses, buildTopology, NetworkTopology } from "../optimizer/network/topology";
import { optimize, OptimizeOptions } from "../optimizer/optimize";
import type { Plan, PlanCost } from "../optimizer/plan";
import type { Cloud } from "../optimizer/spec";
import type { NormalizedSpec } from "../optimizer/spec";
import { Bucket } from "./bucket";
import { Database } from "./database";
import { databaseCallers } from "./database-callers";
import { badArg, catalog, OwnershipArgs, tagContext } from "./common";
import { PrivateDns } from "./discovery";
import { ServiceEndpoint } from "./endpoint";
import { FrontDoor } from "./frontdoor";
import type { ImageSet } from "./images";
import { Ingress } from "./ingress";
import { Network } from "./network";
import { Peering } from "./peering";
import { createRegionContext, RegionContext, regionKey } from "./providers";
import { AzurePools, Service } from "./service";
import { awsTags, SHARED_SERVICE, workloadTags } from "./tags";
import { VpnConnection, VpnGateway } from "./vpn";

/** Arguments of an Application. */
export interface ApplicationArgs extends OwnershipArgs {
  /** The validated workload spec (see validateSpec). */
  readonly spec: NormalizedSpec;
  /** Where every service and bucket of the spec goes. */
  readonly plan: Plan;
  /** Network layer settings (see parseNetworkOptions); default NAT on and no public domain. */
  readonly network?: NetworkOptions;
  /** Machine images per cloud and architecture; default the cloudfit:images config, then built-in images. */
  readonly images?: ImageSet;
  /** SSH public key of the Azure admin user; default cloudfit:adminSshPublicKey, then a key nobody holds. */
  readonly adminSshPublicKey?: string;
}

/** Arguments of Application.place: the spec, and optionally workloads to hold or a previous plan. */
export interface PlaceArgs extends Omit<ApplicationArgs, "plan"> {
  /** Optimizer options (hold, previous, solver, time limit). */
  readonly optimizer?: OptimizeOptions;
}

const NAME = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;

/** A workload spec deployed across clouds as networks, services, buckets and the network layer between them. */
export class Application extends pulumi.ComponentResource {
  /** The deployed plan. */
  public readonly placement: pulumi.Output<Plan>;
  /** Estimated monthly cost in USD: compute, disks, storage, internet egress and traffic. */
  public readonly monthlyCostUSD: pulumi.Output<number>;
  /** Estimated monthly cost per cloud in USD. */
  public readonly costPerCloud: pulumi.Output<Partial<Record<Cloud, number>>>;
  /** Estimated monthly cost per service in USD, traffic it sends included. */
  public readonly costPerService: pulumi.Output<Record<string, number>>;
  /** Estimated monthly cost per bucket in USD, traffic it sends included. */
  public readonly costPerBucket: pulumi.Output<Record<string, number>>;
  /** The network layer deployed, as plain data. */
  public readonly topology: NetworkTopology;
  /** Public names of the public services, by service. */
  public readonly frontDoors: pulumi.Output<Record<string, string>>;
  /** Name servers of the front door's hosted zone when cloudfit created it: delegate the domain to them. */
  public readonly nameServers: pulumi.Output<string[]>;
  /** Networks by "cloud:region". */
  public readonly networks: Readonly<Record<string, Network>>;
  /** Services by name. */
  public readonly services: Readonly<Record<string, Service>>;
  /** Buckets by name. */
  public readonly buckets: Readonly<Record<string, Bucket>>;
  /** Databases by name. */
  public readonly databases: Readonly<Record<string, Database>>;
  /** Estimated monthly cost per database in USD, traffic it sends included. */
  public readonly costPerDatabase: pulumi.Output<Record<string, number>>;
  /** Connection strings of the databases, by name (secret). */
  public readonly databaseConnections: pulumi.Output<Record<string, string>>;

  /** Places the spec with the optimizer, then creates the Application from the resulting plan. */
  static async place(
    name: string,
    args: PlaceArgs,
    opts?: pulumi.ComponentResourceOptions,
  ): Promise<Application> {
    const result = await optimize(args.spec, catalog(), args.optimizer ?? {});
    return new Application(name, { ...args, plan: result.plan }, opts);
  }

  constructor(name: string, args: ApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    const cost = validateApplicationArgs(name, args);
    const ctx = tagContext(args);
    const topology = buildTopology(
      args.spec,
      args.plan,
      args.network ?? parseNetworkOptions({}, ctx.application),
    );
    super("cloudfit:app:Application", name, {}, opts);

    const { spec, plan } = args;
    const own = { application: ctx.application, owner: ctx.owner, costCenter: ctx.costCenter };
    const shared = workloadTags(ctx, SHARED_SERVICE);
    const used = new Map<string, { cloud: Cloud; region: string }>();
    for (const s of spec.services)
      for (const g of plan.services[s.name].groups) used.set(regionKey(g.cloud, g.region), g);
    for (const b of spec.buckets)
      used.set(
        regionKey(plan.buckets[b.name].cloud, plan.buckets[b.name].region),
        plan.buckets[b.name],
      );
    for (const d of spec.databases ?? []) used.set(regionKey(plan.databases![d.name].cloud, plan.databases![d.name].region), plan.databases![d.name]);
    const regions: Record<string, RegionContext> = {};
    for (const key of [...used.keys()].sort()) {
      const { cloud, region } = used.get(key)!;
      regions[key] = createRegionContext(name, cloud, region, shared, this);
    }

    const networks: Record<string, Network> = {};
    for (const node of topology.networks) {
      const r = regions[node.key];
      networks[node.key] = new Network(
        `${name}-net-${node.cloud}-${node.region}`,
        {
          cloud: node.cloud,
          region: node.region,
          provider: r.provider,
          resourceGroupName: r.resourceGroupName,
          nat: node.nat,
          ingress: node.ingress.length > 0,
          endpoints: node.endpoints.length > 0,
          vpn: node.vpnGateway,
          ...own,
        },
        { parent: this },
      );
    }

    // The public zone of the front door and managed certificates, on Route 53 (a global service).
    let dns: { provider: AwsProvider; zoneId: pulumi.Input<string> } | undefined;
    let nameServers: pulumi.Output<string[]> = pulumi.output([]);
    if (topology.frontDoors.length > 0) {
      const awsKey = Object.keys(regions).find((k) => k.startsWith("aws:"));
      const provider =
        (awsKey ? (regions[awsKey].provider as AwsProvider) : undefined) ??
        new AwsProvider(`${name}-aws-dns`, { region: "us-east-1" }, { parent: this });
      let zoneId: pulumi.Input<string> | undefined = args.network?.zoneId;
      if (zoneId === undefined) {
        const zone = new Zone(
          `${name}-public-zone`,
          { name: topology.domain!, comment: "cloudfit front door", tags: awsTags(shared) },
          { parent: this, provider },
        );
        zoneId = zone.zoneId;
        nameServers = zone.nameServers.apply((n) => n ?? []);
      }
      dns = { provider, zoneId };
    }

    // Balancers in Azure come before the services: the scale sets join their pools.
    const ingresses: Record<string, Ingress> = {};
    const azurePools: Record<string, Record<string, { applicationGateway: pulumi.Output<string>[]; loadBalancer: pulumi.Output<string>[] }>> = {};
    const pool = (service: string, key: string) =>
      ((azurePools[service] ??= {})[key] ??= { applicationGateway: [], loadBalancer: [] });
    const balancers = (cloudFilter: (c: Cloud) => boolean, targetsOf: (service: string, key: string) => pulumi.Output<string>[] | undefined) => {
      for (const node of topology.networks.filter((n) => cloudFilter(n.cloud))) {
        const network = networks[node.key];
        if (node.ingress.length > 0) {
          const ingress = new Ingress(
            `${name}-ingress-${node.cloud}-${node.region}`,
            {
              network,
              backends: node.ingress.map((b) => ({ ...b, targets: targetsOf(b.service, node.key) })),
              healthCheckPath: topology.healthCheckPath,
              ...(dns ? { zoneId: dns.zoneId, dnsProvider: dns.provider } : {}),
              azureCertificate: args.network?.azureCertificate,
              ...own,
            },
            { parent: this },
          );
          ingresses[node.key] = ingress;
          for (const [service, id] of Object.entries(ingress.pools)) pool(service, node.key).applicationGateway.push(id);
        }
        for (const e of node.endpoints) {
          const endpoint = new ServiceEndpoint(
            `${name}-${e.service}-endpoint-${node.cloud}-${node.region}`,
            { network, endpoint: e, targets: targetsOf(e.service, node.key), ...own },
            { parent: this },
          );
          if (endpoint.poolId) pool(e.service, node.key).loadBalancer.push(endpoint.poolId);
        }
      }
    };
    balancers((c) => c === "azure", () => undefined);

    const services: Record<string, Service> = {};
    for (const s of spec.services) {
      const keys = new Set(plan.services[s.name].groups.map((g) => regionKey(g.cloud, g.region)));
      services[s.name] = new Service(
        `${name}-${s.name}`,
        {
          placement: plan.services[s.name],
          serviceName: s.name,
          diskGiB: s.diskGiB,
          ports: s.ports,
          publicPorts: s.publicPorts,
          regionIngress: topology.admits[s.name],
          networks: [...keys].sort().map((k) => networks[k]),
          azurePools: azurePools[s.name] as Record<string, AzurePools> | undefined,
          images: args.images,
          adminSshPublicKey: args.adminSshPublicKey,
          ...own,
        },
        { parent: this },
      );
    }
    // Balancers in AWS and GCP come after: they attach the services' groups.
    balancers((c) => c !== "azure", (service, key) => services[service].targets[key]);

    const buckets: Record<string, Bucket> = {};
    for (const b of spec.buckets) {
      const p = plan.buckets[b.name];
      const r = regions[regionKey(p.cloud, p.region)];
      buckets[b.name] = new Bucket(
        `${name}-${b.name}`,
        {
          placement: p,
          bucketName: b.name,
          storageGiB: b.storageGiB,
          internetEgressGiB: b.internetEgressGiB,
          provider: r.provider,
          resourceGroupName: r.resourceGroupName,
          ...own,
        },
        { parent: this },
      );
    }

    // Databases: in their region's network (a network of their own where no service runs),
    // admitting the networks of the services linked to them.
    const databases: Record<string, Database> = {};
    for (const d of spec.databases ?? []) {
      const p = plan.databases![d.name];
      const key = regionKey(p.cloud, p.region);
      networks[key] ??= new Network(
        `${name}-net-${p.cloud}-${p.region}`,
        { cloud: p.cloud, region: p.region, provider: regions[key].provider, resourceGroupName: regions[key].resourceGroupName, nat: "off", ...own },
        { parent: this },
      );
      databases[d.name] = new Database(
        `${name}-${d.name}`,
        { placement: p, database: d, network: networks[key], ingress: databaseCallers(spec, plan, d), ...own },
        { parent: this },
      );
    }

    // Connectivity: peering within a cloud, VPN across clouds, only for pairs a link crosses.
    const gateways: Record<string, VpnGateway> = {};
    for (const node of topology.networks.filter((n) => n.vpnGateway))
      gateways[node.key] = new VpnGateway(
        `${name}-vpn-${node.cloud}-${node.region}`,
        {
          network: networks[node.key],
          ...(node.cloud === "azure" ? { bgpAddresses: azureBgpAddresses(topology, node.key) } : {}),
          ...own,
        },
        { parent: this },
      );
    for (const c of topology.connections) {
      const slug = `${c.a.replace(":", "-")}-${c.b.replace(":", "-")}`;
      if (c.kind === "peering")
        new Peering(`${name}-peer-${slug}`, { a: networks[c.a], b: networks[c.b], ...own }, { parent: this });
      else
        new VpnConnection(
          `${name}-vpn-${slug}`,
          { connection: c, gateways: [gateways[c.a], gateways[c.b]], ...own },
          { parent: this },
        );
    }

    // Discovery: a private zone per network whose workloads call other services.
    for (const node of topology.networks.filter((n) => n.records.length > 0))
      new PrivateDns(
        `${name}-dns-${node.cloud}-${node.region}`,
        { network: networks[node.key], domain: topology.privateDomain, records: node.records, ...own },
        { parent: this },
      );

    // Front door: one health-checked, failing-over public name per public service.
    for (const f of topology.frontDoors)
      new FrontDoor(
        `${name}-${f.service}-frontdoor`,
        {
          service: f.service,
          name: f.name,
          zoneId: dns!.zoneId,
          provider: dns!.provider,
          healthCheckPath: topology.healthCheckPath,
          targets: f.targets.map((t) => ({ ...t, endpoint: ingresses[t.key].endpoint })),
          ...own,
        },
        { parent: this },
      );

    this.topology = topology;
    this.networks = networks;
    this.services = services;
    this.buckets = buckets;
    this.databases = databases;
    this.costPerDatabase = pulumi.output(Object.fromEntries(Object.entries(cost.databases ?? {}).map(([k, c]) => [k, c.total])));
    this.databaseConnections = pulumi.secret(
      pulumi.all(Object.fromEntries(Object.entries(databases).map(([k, db]) => [k, db.connectionString]))) as pulumi.Output<Record<string, string>>,
    );
    this.placement = pulumi.output(plan);
    this.frontDoors = pulumi.output(Object.fromEntries(topology.frontDoors.map((f) => [f.service, f.name])));
    this.nameServers = nameServers;
    this.monthlyCostUSD = pulumi.output(cost.total);
    this.costPerCloud = pulumi.output(cost.clouds);
    this.costPerService = pulumi.output(
      Object.fromEntries(Object.entries(cost.services).map(([k, c]) => [k, c.total])),
    );
    this.costPerBucket = pulumi.output(
      Object.fromEntries(Object.entries(cost.buckets).map(([k, c]) => [k, c.total])),
    );
    this.registerOutputs({
      placement: this.placement,
      monthlyCostUSD: this.monthlyCostUSD,
      costPerCloud: this.costPerCloud,
      costPerService: this.costPerService,
      costPerBucket: this.costPerBucket,
      costPerDatabase: this.costPerDatabase,
      databaseConnections: this.databaseConnections,
      frontDoors: this.frontDoors,
      nameServers: this.nameServers,
    });
  }
}

/** Checks an Application's args and returns the plan's cost. */
function validateApplicationArgs(name: string, args: ApplicationArgs): PlanCost {
  if (!NAME.test(name)) {
    badArg(
      "name",
      `${JSON.stringify(name)} cannot prefix cloud resource names. To fix: use up to 24 lowercase letters, digits and hyphens, starting with a letter.`,
    );
  }
  const { spec, plan } = args;
  for (const s of spec.services) {
    if (!plan.services[s.name])
      badArg(
        `plan.services.${s.name}`,
        `the spec has service ${s.name} but the plan does not place it. To fix: place it, e.g. with Application.place.`,
      );
  }
  for (const b of spec.buckets) {
    if (!plan.buckets[b.name])
      badArg(
        `plan.buckets.${b.name}`,
        `the spec has bucket ${b.name} but the plan does not place it. To fix: place it, e.g. with Application.place.`,
      );
  }
  for (const d of spec.databases ?? []) {
    if (!plan.databases?.[d.name])
      badArg(
        `plan.databases.${d.name}`,
        `the spec has database ${d.name} but the plan does not place it. To fix: place it, e.g. with Application.place.`,
      );
  }
  for (const n of Object.keys(plan.databases ?? {})) {
    if (!(spec.databases ?? []).some((d) => d.name === n))
      badArg(`plan.databases.${n}`, `the plan places ${n}, which the spec does not have. To fix: remove it from the plan.`);
  }
  for (const n of Object.keys(plan.services)) {
    if (!spec.services.some((s) => s.name === n))
      badArg(
        `plan.services.${n}`,
        `the plan places ${n}, which the spec does not have. To fix: remove it from the plan.`,
      );
  }
  for (const n of Object.keys(plan.buckets)) {
    if (!spec.buckets.some((b) => b.name === n))
      badArg(
        `plan.buckets.${n}`,
        `the plan places ${n}, which the spec does not have. To fix: remove it from the plan.`,
      );
  }
  try {
    return evaluatePlan(spec, plan, catalog(), buildCandidates(spec, catalog()).regionsOf);
  } catch (e) {
    return badArg(
      "plan",
      `${(e as Error).message} To fix: use instance types and regions from the price catalog.`,
    );
  }
}
