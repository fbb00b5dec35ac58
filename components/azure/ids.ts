// Shared pieces of the Azure emitters: the ids of sub-resources that a resource's own definition
// refers to (a gateway's listeners name its ports, certificates and pools by id before the gateway
// exists), and the Standard static public IPs that NAT, balancers and VPN gateways use.

import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization";
import { PublicIPAddress } from "@pulumi/azure-native/network";
import { azureTags, shortHash } from "../tags";

/** The subscription id: config azure-native:subscriptionId, else the provider's credentials. */
export function subscriptionId(opts: pulumi.InvokeOptions = {}): pulumi.Output<string> {
  const configured = new pulumi.Config("azure-native").get("subscriptionId");
  return configured ? pulumi.output(configured) : getClientConfigOutput(opts).subscriptionId;
}

/** A network resource whose definition refers to its own sub-resources by id. */
export interface SelfReferencing {
  /** The fixed resource name to create it with. */
  readonly resourceName: string;
  /** The id of one of its sub-resources, e.g. sub("probes", "probe-web"). */
  sub(kind: string, item: string): { id: pulumi.Output<string> };
}

/**
 * Names a network resource of `type` (e.g. applicationGateways) after `logical`, at most 80
 * characters, and gives the ids of its sub-resources.
 */
export function selfReferencing(
  logical: string,
  type: string,
  resourceGroupName: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): SelfReferencing {
  const resourceName = `${logical.slice(0, 60)}-${shortHash(logical)}`;
  const subscription = subscriptionId({ parent: opts.parent, provider: opts.provider });
  const id = pulumi.interpolate`/subscriptions/${subscription}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/${type}/${resourceName}`;
  return { resourceName, sub: (kind, item) => ({ id: pulumi.interpolate`${id}/${kind}/${item}` }) };
}

/** A Standard, static, IPv4 public IP (zone-redundant when `zones` are given). */
export function azurePublicIp(
  logical: string,
  region: string,
  resourceGroupName: pulumi.Input<string>,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
  zones?: string[],
): PublicIPAddress {
  return new PublicIPAddress(
    logical,
    {
      resourceGroupName,
      location: region,
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
      ...(zones ? { zones } : {}),
      tags: azureTags(tags),
    },
    opts,
  );
}
