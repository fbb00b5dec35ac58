// GCP internal balancer of one service in one region: an internal passthrough Network Load
// Balancer (regional TCP backend service over the service's instance groups, health-checked on its
// first port) with a fixed address in the balancer subnetwork, reachable from peered and VPN
// networks in any region (global access). Client IPs are preserved, so the service's firewall
// rules still decide who gets in.

import type * as pulumi from "@pulumi/pulumi";
import { ForwardingRule, RegionBackendService, RegionHealthCheck } from "@pulumi/gcp/compute";
import type { Endpoint } from "../../optimizer/network/topology";
import type { Network } from "../network";
import { gcpName } from "../tags";

/** Creates the internal passthrough Network Load Balancer of one service in one region. */
export function gcpEndpoint(
  name: string,
  network: Network,
  endpoint: Endpoint,
  targets: readonly pulumi.Input<string>[],
  opts: pulumi.CustomResourceOptions,
): void {
  const region = network.region;
  const hc = new RegionHealthCheck(
    gcpName(`${name}-hc`),
    {
      region,
      checkIntervalSec: 10,
      timeoutSec: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 3,
      tcpHealthCheck: { port: endpoint.ports[0] },
    },
    opts,
  );
  const bs = new RegionBackendService(
    gcpName(`${name}-bs`),
    {
      region,
      loadBalancingScheme: "INTERNAL",
      protocol: "TCP",
      healthChecks: hc.id,
      backends: targets.map((group) => ({ group, balancingMode: "CONNECTION" })),
    },
    opts,
  );
  new ForwardingRule(
    gcpName(`${name}-fr`),
    {
      region,
      loadBalancingScheme: "INTERNAL",
      ipProtocol: "TCP",
      ipAddress: endpoint.addresses[0],
      ports: endpoint.ports.map(String),
      network: network.networkId,
      subnetwork: network.resources.balancerSubnetIds[0],
      backendService: bs.id,
      allowGlobalAccess: true,
    },
    opts,
  );
}
