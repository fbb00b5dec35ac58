// PrivateDns: service discovery for the workloads of one network. A private zone (default
// <application>.internal) visible only in that network, with a name per service its workloads call
// resolving to the service's internal balancers (the local one when the service runs in the same
// region, otherwise those of every region it runs in) and a name per region of it.
// AWS: Route 53 private hosted zone; Azure: Private DNS zone with a virtual network link; GCP:
// Cloud DNS private zone.

import * as pulumi from "@pulumi/pulumi";
import { PrivateRecordSet, PrivateZone, VirtualNetworkLink } from "@pulumi/azure-native/privatedns";
import { Record as Route53Record, Zone } from "@pulumi/aws/route53";
import { ManagedZone, RecordSet } from "@pulumi/gcp/dns";
import type { PrivateRecord } from "../optimizer/network/topology";
import { badArg, OwnershipArgs, tagContext } from "./common";
import type { Network } from "./network";
import { awsTags, azureTags, gcpLabels, gcpName, SHARED_SERVICE, workloadTags } from "./tags";

/** TTL of private records in seconds: short, so a balancer address change is seen quickly. */
export const PRIVATE_TTL = 30;

/** Arguments of a PrivateDns. */
export interface PrivateDnsArgs extends OwnershipArgs {
  /** The network whose workloads resolve these names. */
  readonly network: Network;
  /** The zone's domain, e.g. storefront.internal. */
  readonly domain: string;
  /** Records (from the network topology), at least one. */
  readonly records: readonly PrivateRecord[];
}

/** The private DNS zone of one network. */
export class PrivateDns extends pulumi.ComponentResource {
  /** The zone's domain. */
  public readonly domain: string;

  constructor(name: string, args: PrivateDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args.records?.length) badArg("records", "lists no record. To fix: pass the names the network's workloads resolve.");
    const tags = workloadTags(tagContext(args), SHARED_SERVICE);
    super("cloudfit:network:PrivateDns", name, {}, opts);
    const n = args.network;
    const o = { parent: this, provider: n.provider };
    const d = args.domain;
    if (n.cloud === "aws") {
      const zone = new Zone(
        `${name}-zone`,
        { name: d, vpcs: [{ vpcId: n.networkId, vpcRegion: n.region }], comment: `cloudfit service names for ${n.region}`, tags: awsTags(tags) },
        o,
      );
      for (const r of args.records)
        new Route53Record(`${name}-${r.name}`, { zoneId: zone.zoneId, name: `${r.name}.${d}`, type: "A", ttl: PRIVATE_TTL, records: [...r.addresses] }, o);
    } else if (n.cloud === "azure") {
      const rg = n.resourceGroupName!;
      const zone = new PrivateZone(`${name}-zone`, { resourceGroupName: rg, privateZoneName: d, location: "Global", tags: azureTags(tags) }, o);
      new VirtualNetworkLink(
        `${name}-link`,
        {
          resourceGroupName: rg,
          privateZoneName: zone.name,
          location: "Global",
          virtualNetwork: { id: n.networkId },
          registrationEnabled: false,
          tags: azureTags(tags),
        },
        o,
      );
      for (const r of args.records)
        new PrivateRecordSet(
          `${name}-${r.name}`,
          {
            resourceGroupName: rg,
            privateZoneName: zone.name,
            recordType: "A",
            relativeRecordSetName: r.name,
            ttl: PRIVATE_TTL,
            aRecords: r.addresses.map((ipv4Address) => ({ ipv4Address })),
          },
          o,
        );
    } else {
      const zone = new ManagedZone(
        gcpName(`${name}-zone`),
        {
          dnsName: `${d}.`,
          visibility: "private",
          privateVisibilityConfig: { networks: [{ networkUrl: n.resources.networkSelfLink! }] },
          description: `cloudfit service names for ${n.region}`,
          labels: gcpLabels(tags),
        },
        o,
      );
      for (const r of args.records)
        new RecordSet(
          gcpName(`${name}-${r.name}`),
          { managedZone: zone.name, name: `${r.name}.${d}.`, type: "A", ttl: PRIVATE_TTL, rrdatas: [...r.addresses] },
          o,
        );
    }
    this.domain = d;
    this.registerOutputs({ domain: d });
  }
}
