// EC2 instances must encrypt their root volume and every EBS volume they declare inline.

import type { InstanceArgs } from "@pulumi/aws/ec2/instance";
import type * as awsInput from "@pulumi/aws/types/input";
import { asBool, asList, asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type RootDevice = awsInput.ec2.InstanceRootBlockDevice;
type EbsDevice = awsInput.ec2.InstanceEbsBlockDevice;

/** Every EC2 instance's root and inline EBS block devices set `encrypted` to true. */
export const requireInstanceDiskEncryption = resourceRule({
  name: "aws-ec2-instance-disks-encrypted",
  description: "EC2 instances must encrypt their root volume and every EBS block device they declare.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 2.2.1", "CKV_AWS_8"],
  types: ["aws:ec2/instance:Instance"],
  check: (ctx) => {
    const root = field<InstanceArgs>(ctx.props, "rootBlockDevice");
    // Without a rootBlockDevice, an instance launched from a launch template takes its root
    // volume from the template, which the launch template rule checks.
    const fromTemplate = isPresent(field<InstanceArgs>(ctx.props, "launchTemplate"));
    if (root === UNKNOWN) ctx.undecided("rootBlockDevice");
    else if (root !== undefined || !fromTemplate) {
      const encrypted = asBool(field<RootDevice>(root, "encrypted"));
      if (encrypted === UNKNOWN) ctx.undecided("rootBlockDevice.encrypted");
      else if (encrypted !== true) {
        ctx.report(
          `${ctx.label} should encrypt its root volume: set rootBlockDevice.encrypted to true.`,
        );
      }
    }
    const devices = asList(field<InstanceArgs>(ctx.props, "ebsBlockDevices"));
    if (devices === UNKNOWN) {
      ctx.undecided("ebsBlockDevices");
      return;
    }
    devices.forEach((device, i) => {
      const encrypted = asBool(field<EbsDevice>(device, "encrypted"));
      if (encrypted === UNKNOWN) {
        ctx.undecided(`ebsBlockDevices[${i}].encrypted`);
      } else if (encrypted !== true) {
        const deviceName = asString(field<EbsDevice>(device, "deviceName"));
        const which = `EBS volume ${typeof deviceName === "string" ? deviceName : i + 1}`;
        ctx.report(
          `${ctx.label} should encrypt its ${which}: set encrypted to true on ebsBlockDevices[${i}].`,
        );
      }
    });
  },
});
