// FrontDoor: the public name of one public service, <service>.<domain>, failing over across every
// cloud-region it runs in. Route 53 weighted records (weight = the region's replicas, TTL 30 s),
// one per region, each guarded by an HTTPS health check of that region's balancer (every 10 s,
// unhealthy after 3 failures) and pointing at the region's own name, <service>-<cloud>-<region>.
// Route 53 answers only with healthy regions (with all of them when none is healthy).

import * as pulumi from "@pulumi/pulumi";
import { HealthCheck, Record as DnsRecord } from "@pulumi/aws/route53";
import { FRONT_DOOR } from "../optimizer/network/failover";
import { badArg, OwnershipArgs, tagContext } from "./common";
import type { IngressEndpoint } from "./ingress";
import { awsTags, workloadTags } from "./tags";

/** One region the service runs in, behind its balancer. */
export interface FrontDoorTarget {
  /** "cloud:region", the record's set identifier. */
  readonly key: string;
  /** Name of the region's balancer, <service>-<cloud>-<region>.<domain>. */
  readonly regionalName: string;
  /** Routing weight, e.g. the replicas in the region. */
  readonly weight: number;
  /** The region's balancer. */
  readonly endpoint: IngressEndpoint;
}

/** Arguments of a FrontDoor. */
export interface FrontDoorArgs extends OwnershipArgs {
  /** Service name, for tags. */
  readonly service: string;
  /** The public name, e.g. web.example.com. */
  readonly name: string;
  /** Route 53 hosted zone of the name's domain. */
  readonly zoneId: pulumi.Input<string>;
  /** AWS provider of the Route 53 resources. */
  readonly provider: pulumi.ProviderResource;
  /** One target per region, at least one. */
  readonly targets: readonly FrontDoorTarget[];
  /** HTTP path the health checks request; default "/". */
  readonly healthCheckPath?: string;
}

/** The public, health-checked, failing-over name of one service. */
export class FrontDoor extends pulumi.ComponentResource {
  /** The public name. */
  public readonly hostName: string;

  constructor(name: string, args: FrontDoorArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args.targets?.length) badArg("targets", "lists no region. To fix: pass one target per region the service runs in.");
    const t = awsTags(workloadTags(tagContext(args), args.service));
    super("cloudfit:network:FrontDoor", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    for (const target of args.targets) {
      const slug = target.key.replace(":", "-");
      const e = target.endpoint;
      new DnsRecord(
        `${name}-${slug}`,
        e.kind === "alias"
          ? { zoneId: args.zoneId, name: target.regionalName, type: "A", aliases: [{ name: e.dnsName, zoneId: e.zoneId, evaluateTargetHealth: true }] }
          : { zoneId: args.zoneId, name: target.regionalName, type: "A", ttl: FRONT_DOOR.ttlS, records: [e.ipAddress] },
        o,
      );
      const check = new HealthCheck(
        `${name}-${slug}-health`,
        {
          type: "HTTPS",
          fqdn: target.regionalName,
          port: 443,
          resourcePath: args.healthCheckPath ?? "/",
          enableSni: true,
          requestInterval: FRONT_DOOR.requestIntervalS,
          failureThreshold: FRONT_DOOR.failureThreshold,
          measureLatency: false,
          tags: { ...t, Name: target.regionalName },
        },
        o,
      );
      new DnsRecord(
        `${name}-${slug}-weighted`,
        {
          zoneId: args.zoneId,
          name: args.name,
          type: "CNAME",
          ttl: FRONT_DOOR.ttlS,
          setIdentifier: target.key,
          weightedRoutingPolicies: [{ weight: target.weight }],
          healthCheckId: check.id,
          records: [target.regionalName],
        },
        o,
      );
    }
    this.hostName = args.name;
    this.registerOutputs({ hostName: this.hostName });
  }
}
