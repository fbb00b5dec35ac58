// ServiceEndpoint: the internal balancer of one service in one cloud-region, at the fixed private
// address(es) the network topology gives it, so other services reach its replicas by a stable
// name in their private DNS zone. AWS: internal Network Load Balancer; Azure: Standard internal
// load balancer; GCP: internal passthrough Network Load Balancer.

import * as pulumi from "@pulumi/pulumi";
import type { Endpoint } from "../optimizer/network/topology";
import { awsEndpoint } from "./aws/endpoint";
import { azureEndpoint } from "./azure/endpoint";
import { badArg, OwnershipArgs, tagContext } from "./common";
import { gcpEndpoint } from "./gcp/endpoint";
import type { Network } from "./network";
import { workloadTags } from "./tags";

/** Arguments of a ServiceEndpoint. */
export interface ServiceEndpointArgs extends OwnershipArgs {
  /** The network of the region; built with endpoints on. */
  readonly network: Network;
  /** Service, ports and fixed addresses (from the network topology). */
  readonly endpoint: Endpoint;
  /** AWS: Auto Scaling group names; GCP: instance group URLs; unused on Azure (scale sets join the pool). */
  readonly targets?: readonly pulumi.Input<string>[];
}

/** The internal balancer of one service in one cloud-region. */
export class ServiceEndpoint extends pulumi.ComponentResource {
  /** The balancer's private addresses. */
  public readonly addresses: readonly string[];
  /** Azure: the backend pool id the service's scale sets join. */
  public readonly poolId?: pulumi.Output<string>;

  constructor(name: string, args: ServiceEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    const n = args.network;
    if (!n.parts.endpoints)
      badArg("network", `${n.cloud}:${n.region} was built without balancer subnets. To fix: create the Network with endpoints: true.`);
    if (!args.endpoint.ports.length) badArg("endpoint.ports", "lists no port. To fix: list the ports callers use.");
    const tags = workloadTags(tagContext(args), args.endpoint.service);
    super("cloudfit:network:ServiceEndpoint", name, {}, opts);
    const o = { parent: this, provider: n.provider };
    if (n.cloud === "aws") awsEndpoint(name, n, args.endpoint, args.targets ?? [], tags, o);
    else if (n.cloud === "azure") this.poolId = azureEndpoint(name, n, args.endpoint, tags, o);
    else gcpEndpoint(name, n, args.endpoint, args.targets ?? [], o);
    this.addresses = args.endpoint.addresses;
    this.registerOutputs({ addresses: this.addresses });
  }
}
