// Azure internal balancer of one service in one region: a Standard internal load balancer with a
// static private frontend address in the balancer subnet, a TCP probe and rule per port, and one
// backend pool the service's scale sets join. Client IPs are preserved, so the service's NSG still
// decides who gets in.

import type * as pulumi from "@pulumi/pulumi";
import { LoadBalancer } from "@pulumi/azure-native/network";
import type { Endpoint } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { azureTags } from "../tags";
import { selfReferencing } from "./ids";

/** Creates the internal load balancer; returns the backend pool id. */
export function azureEndpoint(
  name: string,
  network: Network,
  endpoint: Endpoint,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const rg = network.resourceGroupName!;
  const { resourceName: lbName, sub } = selfReferencing(name, "loadBalancers", rg, opts);
  const lb = new LoadBalancer(
    `${name}-ilb`,
    {
      resourceGroupName: rg,
      location: network.region,
      loadBalancerName: lbName,
      sku: { name: "Standard", tier: "Regional" },
      frontendIPConfigurations: [
        {
          name: "vip",
          privateIPAddress: endpoint.addresses[0],
          privateIPAllocationMethod: "Static",
          privateIPAddressVersion: "IPv4",
          subnet: { id: network.resources.balancerSubnetIds[0] },
        },
      ],
      backendAddressPools: [{ name: "pool" }],
      probes: endpoint.ports.map((port) => ({
        name: `tcp-${port}`,
        protocol: "Tcp",
        port,
        intervalInSeconds: 5,
        probeThreshold: 2,
      })),
      loadBalancingRules: endpoint.ports.map((port) => ({
        name: `tcp-${port}`,
        protocol: "Tcp",
        frontendPort: port,
        backendPort: port,
        frontendIPConfiguration: sub("frontendIPConfigurations", "vip"),
        backendAddressPool: sub("backendAddressPools", "pool"),
        probe: sub("probes", `tcp-${port}`),
        enableFloatingIP: false,
        idleTimeoutInMinutes: 4,
        disableOutboundSnat: true,
      })),
      tags: azureTags(tags),
    },
    opts,
  );
  return lb.id.apply((id) => `${id}/backendAddressPools/pool`);
}
