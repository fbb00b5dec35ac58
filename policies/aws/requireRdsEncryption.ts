// RDS instances and clusters must encrypt their storage.

import type { ClusterArgs } from "@pulumi/aws/rds/cluster";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { asBool, asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";

/** Every RDS instance and cluster sets `storageEncrypted` to true. */
export const requireRdsEncryption = resourceRule({
  name: "aws-rds-storage-encrypted",
  description: "RDS database instances and clusters must encrypt their storage.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 2.3.1", "CKV_AWS_16", "CKV_AWS_96"],
  types: [RDS_INSTANCE, RDS_CLUSTER],
  check: (ctx) => {
    const encrypted = asBool(field<InstanceArgs & ClusterArgs>(ctx.props, "storageEncrypted"));
    if (encrypted === UNKNOWN) {
      ctx.undecided("storageEncrypted");
      return;
    }
    if (encrypted === true) return;
    if (ctx.type === RDS_CLUSTER && encrypted === undefined) {
      // Serverless (v1) clusters are encrypted by default (aws.rds.Cluster storageEncrypted docs).
      const mode = asString(field<ClusterArgs>(ctx.props, "engineMode"));
      if (mode === UNKNOWN) return ctx.undecided("engineMode");
      if (mode === "serverless") return;
    }
    if (ctx.type === RDS_INSTANCE && encrypted === undefined) {
      // A cross-region read replica ignores storageEncrypted and is encrypted by its kmsKeyId.
      const replica = isPresent(field<InstanceArgs>(ctx.props, "replicateSourceDb"));
      if (replica && isPresent(field<InstanceArgs>(ctx.props, "kmsKeyId"))) return;
    }
    ctx.report(`${ctx.label} should encrypt its storage: set storageEncrypted to true.`);
  },
});
