import { requireElastiCacheEncryption } from "../../../policies/aws/requireElastiCacheEncryption";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireElastiCacheEncryption",
  requireElastiCacheEncryption,
  { type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "cache", props: { description: "c", atRestEncryptionEnabled: true, transitEncryptionEnabled: true } },
  [
    {
      it: "reports a group left at the defaults",
      props: () => ({ description: "c" }),
      violations: ["ElastiCache replication group 'cache' should encrypt its data: set atRestEncryptionEnabled and transitEncryptionEnabled to true."],
    },
  ],
);
