// Azure egress of one region: a Standard NAT gateway with a zone-redundant static public IP; the
// network attaches it to the workload subnet (which has default outbound access off).

import type * as pulumi from "@pulumi/pulumi";
import { NatGateway } from "@pulumi/azure-native/network";
import { azurePublicIp } from "./ids";
import { azureTags } from "../tags";

/** Creates the NAT gateway and its public IP; returns the NAT gateway id. */
export function azureEgress(
  name: string,
  region: string,
  resourceGroupName: pulumi.Input<string>,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const t = azureTags(tags);
  const ip = azurePublicIp(`${name}-nat-ip`, region, resourceGroupName, tags, opts);
  const nat = new NatGateway(
    `${name}-nat`,
    {
      resourceGroupName,
      location: region,
      sku: { name: "Standard" },
      publicIpAddresses: [{ id: ip.id }],
      idleTimeoutInMinutes: 4,
      tags: t,
    },
    opts,
  );
  return nat.id;
}
