// ElastiCache replication groups must encrypt data at rest and in transit. Neither is on by
// default for Redis OSS replication groups created through the API.

import type { ReplicationGroupArgs } from "@pulumi/aws/elasticache/replicationGroup";
import { joinAnd } from "../lib/messages";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** atRestEncryptionEnabled and transitEncryptionEnabled are both true. */
export const requireElastiCacheEncryption = resourceRule({
  name: "aws-elasticache-encrypted",
  description: "ElastiCache replication groups must encrypt data at rest and in transit.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AWS_29", "CKV_AWS_30"],
  types: ["aws:elasticache/replicationGroup:ReplicationGroup"],
  check: (ctx) => {
    const off: string[] = [];
    for (const key of ["atRestEncryptionEnabled", "transitEncryptionEnabled"] as const) {
      const v = asBool(field<ReplicationGroupArgs>(ctx.props, key));
      if (v === UNKNOWN) ctx.undecided(key);
      else if (v !== true) off.push(key);
    }
    if (off.length > 0) ctx.report(`${ctx.label} should encrypt its data: set ${joinAnd(off)} to true.`);
  },
});
