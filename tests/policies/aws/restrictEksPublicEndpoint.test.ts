import { restrictEksPublicEndpoint } from "../../../policies/aws/restrictEksPublicEndpoint";
import { ruleCases } from "../ruleCases";

const FIX =
  "set vpcConfig.endpointPublicAccess to false (with endpointPrivateAccess true), or list the allowed networks in vpcConfig.publicAccessCidrs.";

ruleCases(
  "policies/aws/restrictEksPublicEndpoint",
  restrictEksPublicEndpoint,
  { type: "aws:eks/cluster:Cluster", name: "k8s", props: { roleArn: "r", vpcConfig: { subnetIds: ["s"], endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } } },
  [
    {
      it: "reports a public endpoint with no allow-list (open to all by default)",
      props: () => ({ roleArn: "r", vpcConfig: { subnetIds: ["s"] } }),
      violations: [`EKS cluster 'k8s' should not expose its API endpoint to the internet: ${FIX}`],
    },
    {
      it: "reports 0.0.0.0/0 in the allow-list",
      props: () => ({ roleArn: "r", vpcConfig: { subnetIds: ["s"], publicAccessCidrs: ["0.0.0.0/0"] } }),
      violations: [`EKS cluster 'k8s' should not expose its API endpoint to the internet: ${FIX}`],
    },
    { it: "passes a private endpoint", props: () => ({ roleArn: "r", vpcConfig: { subnetIds: ["s"], endpointPublicAccess: false, endpointPrivateAccess: true } }) },
  ],
);
