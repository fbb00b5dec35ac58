// GCP emitter of a service: per region firewall rules admitting only the listed sources on the
// service's ports to its instances (by network tag; never the internet), and per replica group a regional instance template
// (Shielded VM, no external IP) with a regional managed instance group at the placed size; spot
// replicas get their own SPOT template and group.

import type * as pulumi from "@pulumi/pulumi";
import { Firewall, RegionInstanceGroupManager, RegionInstanceTemplate } from "@pulumi/gcp/compute";
import type { ReplicaGroup } from "../../optimizer/plan";
import { cidrSlug } from "../addressing";
import type { Network } from "../network";
import { gcpLabels, gcpName, typeSlug } from "../tags";
import type { IngressRule } from "../service";

/** The network tag firewall rules use to target a service's instances. */
export function gcpServiceTag(service: string): string {
  return gcpName(`cloudfit-${service}`);
}

/** The named port of a service port on its instance groups, e.g. 8080 -> "tcp8080". */
export function gcpPortName(port: number): string {
  return `tcp${port}`;
}

/** Creates the service's firewall rules in one GCP region (one per port and source). */
export function gcpServiceFirewall(
  name: string,
  service: string,
  network: Network,
  ingress: readonly IngressRule[],
  opts: pulumi.CustomResourceOptions,
): void {
  const region = network.region;
  const rule = (port: number, source: string, slug: string, description: string) =>
    new Firewall(
      gcpName(`${name}-allow-${region}-${port}-${slug}`),
      {
        network: network.networkId,
        direction: "INGRESS",
        priority: 1000,
        allows: [{ protocol: "tcp", ports: [String(port)] }],
        sourceRanges: [source],
        targetTags: [gcpServiceTag(service)],
        description,
      },
      opts,
    );
  for (const r of ingress)
    rule(r.port, r.cidr, cidrSlug(r.cidr), `Port ${r.port} from ${r.from ?? r.cidr}`);
}

/** Creates the instance template(s) and managed instance group(s) of one GCP replica group. */
export function gcpReplicaGroup(
  name: string,
  service: string,
  group: ReplicaGroup,
  image: string,
  diskGiB: number,
  ports: readonly number[],
  network: Network,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): RegionInstanceGroupManager[] {
  const labels = gcpLabels(tags);
  const role = `${group.region}-${typeSlug(group.instanceType)}`;
  const subnetwork = network.subnetIds.apply((ids) => ids[0]);
  const template = (logical: string, spot: boolean) =>
    new RegionInstanceTemplate(
      gcpName(logical),
      {
        region: group.region,
        machineType: group.instanceType,
        disks: [
          {
            boot: true,
            autoDelete: true,
            sourceImage: image,
            diskSizeGb: diskGiB,
            diskType: "pd-balanced",
            labels,
          },
        ],
        // No accessConfigs: the instances get no external IP.
        networkInterfaces: [{ subnetwork }],
        shieldedInstanceConfig: {
          enableSecureBoot: true,
          enableVtpm: true,
          enableIntegrityMonitoring: true,
        },
        metadata: { "enable-oslogin": "TRUE", "block-project-ssh-keys": "true" },
        tags: [gcpServiceTag(service)],
        labels,
        scheduling: spot
          ? {
              provisioningModel: "SPOT",
              preemptible: true,
              automaticRestart: false,
              onHostMaintenance: "TERMINATE",
              instanceTerminationAction: "DELETE",
            }
          : { provisioningModel: "STANDARD", automaticRestart: true },
      },
      opts,
    );
  const manager = (logical: string, tpl: RegionInstanceTemplate, size: number) =>
    new RegionInstanceGroupManager(
      gcpName(logical),
      {
        region: group.region,
        baseInstanceName: gcpName(service).slice(0, 40),
        versions: [{ name: "primary", instanceTemplate: tpl.selfLink }],
        targetSize: size,
        // Balancers' backend services address the service ports by these names.
        namedPorts: ports.map((port) => ({ name: gcpPortName(port), port })),
      },
      opts,
    );
  const out: RegionInstanceGroupManager[] = [];
  if (group.count > group.spot) {
    out.push(
      manager(
        `${name}-mig-${role}`,
        template(`${name}-tpl-${role}`, false),
        group.count - group.spot,
      ),
    );
  }
  if (group.spot > 0) {
    out.push(
      manager(`${name}-spot-mig-${role}`, template(`${name}-spot-tpl-${role}`, true), group.spot),
    );
  }
  return out;
}
