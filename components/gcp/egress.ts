// GCP egress of one region: Cloud NAT on the network's Cloud Router for every subnetwork range,
// with automatically allocated addresses, logging translation errors.

import type * as pulumi from "@pulumi/pulumi";
import { RouterNat } from "@pulumi/gcp/compute";
import { gcpName } from "../tags";

/** Creates the Cloud NAT; returns its id. */
export function gcpEgress(
  name: string,
  region: string,
  routerName: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const nat = new RouterNat(
    gcpName(`${name}-nat`),
    {
      router: routerName,
      region,
      natIpAllocateOption: "AUTO_ONLY",
      sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    },
    opts,
  );
  return nat.id;
}
