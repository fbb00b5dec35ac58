// Every VPC should record its traffic with a flow log, for incident investigation. Off by
// default, so advisory unless configured mandatory. A stack rule anchored on VPCs: the runtime
// skips it in stacks without one.

import { linkConfigs, resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { stackRule } from "../lib/rule";

const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

/** Every VPC has a FlowLog whose vpcId points at it. */
export const requireVpcFlowLogs = stackRule({
  name: "aws-vpc-flow-logs-enabled",
  description: "Every VPC must have a flow log recording its traffic.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS AWS 3.7", "CKV2_AWS_11"],
  anchorType: VPC,
  check: (ctx) => {
    const vpcs = resourcesOfType(ctx.resources, [VPC]);
    if (vpcs.length === 0) return;
    const { byCandidate, unlinked } = linkConfigs(ctx.resources, vpcs, ["id"], [FLOW_LOG], "vpcId");
    for (const vpc of vpcs) {
      if ((byCandidate.get(vpc.urn) ?? []).length > 0) continue;
      const label = describeResource(vpc.type, vpc.name);
      if (unlinked > 0) {
        ctx.undecided(`${label}: the VPC of a flow log is not known yet`);
        continue;
      }
      ctx.report(
        `${label} should record its traffic: add an ec2.FlowLog with vpcId set to this VPC, ` +
          `sending to CloudWatch Logs or S3.`,
        vpc.urn,
      );
    }
  },
});
