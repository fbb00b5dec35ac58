// EKS cluster API endpoints must not be reachable from the whole internet: either private only,
// or public with an allow-list of networks. The API default is a public endpoint open to all.

import type { ClusterArgs } from "@pulumi/aws/eks/cluster";
import type * as awsInput from "@pulumi/aws/types/input";
import { isWorldCidr } from "../lib/net";
import { asBool, asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type VpcConfig = awsInput.eks.ClusterVpcConfig;

/** The endpoint is private, or its public access is limited to named networks. */
export const restrictEksPublicEndpoint = resourceRule({
  name: "aws-eks-endpoint-not-public",
  description:
    "EKS cluster API endpoints must be private, or public only to listed networks (publicAccessCidrs without 0.0.0.0/0).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_38", "CKV_AWS_39"],
  types: ["aws:eks/cluster:Cluster"],
  check: (ctx) => {
    const vpc = field<ClusterArgs>(ctx.props, "vpcConfig");
    const publicAccess = asBool(field<VpcConfig>(vpc, "endpointPublicAccess"));
    if (publicAccess === UNKNOWN) return ctx.undecided("vpcConfig.endpointPublicAccess");
    if (publicAccess === false) return;
    const cidrs = asList(field<VpcConfig>(vpc, "publicAccessCidrs"));
    if (cidrs === UNKNOWN) return ctx.undecided("vpcConfig.publicAccessCidrs");
    const values = cidrs.map(asString);
    if (values.some((c) => c === UNKNOWN)) return ctx.undecided("vpcConfig.publicAccessCidrs");
    // No list means 0.0.0.0/0 (eks.Cluster vpcConfig docs).
    const open = values.length === 0 || values.some((c) => typeof c === "string" && isWorldCidr(c));
    if (!open) return;
    ctx.report(
      `${ctx.label} should not expose its API endpoint to the internet: set ` +
        `vpcConfig.endpointPublicAccess to false (with endpointPrivateAccess true), or list the ` +
        `allowed networks in vpcConfig.publicAccessCidrs.`,
    );
  },
});
