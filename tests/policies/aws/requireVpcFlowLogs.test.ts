import * as assert from "assert";
import { requireVpcFlowLogs } from "../../../policies/aws/requireVpcFlowLogs";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const VPC = "aws:ec2/vpc:Vpc";
const vpc: StackResourceCase = { type: VPC, name: "main", props: { cidrBlock: "10.0.0.0/16" } };
const flowLog: StackResourceCase = {
  type: "aws:ec2/flowLog:FlowLog",
  name: "main-flows",
  props: { vpcId: UNKNOWN_VALUE, trafficType: "ALL", logDestination: "arn:aws:s3:::logs" },
  propertyDependencies: { vpcId: ["main"] },
};

describe("policies/aws/requireVpcFlowLogs", () => {
  it("passes a VPC with a flow log", async () => {
    assert.deepStrictEqual(await runStack(requireVpcFlowLogs, [vpc, flowLog]), { violations: [] });
  });

  it("reports a VPC without one", async () => {
    assert.deepStrictEqual(await runStack(requireVpcFlowLogs, [vpc]), {
      violations: [{ message: "VPC 'main' should record its traffic: add an ec2.FlowLog with vpcId set to this VPC, sending to CloudWatch Logs or S3.", urn: urnOf(VPC, "main") }],
    });
  });

  it("lets the runtime skip it in stacks without VPCs", () => {
    assert.equal((requireVpcFlowLogs.validateStack as { __pulumiType?: string }).__pulumiType, VPC);
  });
});
