// S3 buckets encrypted with a KMS key through a BucketServerSideEncryptionConfiguration. AWS
// encrypts every bucket with S3-managed keys (SSE-S3) by default since January 2023, so this
// rule asks for more than the default (keys the account controls, audits and can revoke) and
// is advisory unless configured mandatory. A stack rule, because the configuration is a
// separate resource linked to its bucket through the engine's property dependencies.

import type { PolicyResource } from "@pulumi/policy";
import type {
  BucketServerSideEncryptionConfigurationArgs as SseArgs,
} from "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration";
import type * as awsInput from "@pulumi/aws/types/input";
import { describeResource, quote } from "../lib/messages";
import { asList, asString, field, isPresent, pathOf } from "../lib/read";
import { stackRule } from "../lib/rule";
import { S3_SSE_TYPES, bucketConfigs } from "../lib/s3";
import { UNKNOWN } from "../lib/unknown";

type SseRule = awsInput.s3.BucketServerSideEncryptionConfigurationRule;
type SseDefault =
  awsInput.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault;

/** SSE algorithms that use KMS keys: SSE-KMS and dual-layer DSSE-KMS. */
const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** What one bucket's linked configurations say about KMS. */
type Verdict =
  | { kind: "kms" }
  | { kind: "unknown" }
  | { kind: "other"; config: string; algorithm: string };

function verdictOf(configs: readonly PolicyResource[]): Verdict {
  let unknown = false;
  let other: Verdict | undefined;
  for (const cfg of configs) {
    const rules = asList(field<SseArgs>(cfg.props, "rules"));
    if (rules === UNKNOWN) {
      unknown = true;
      continue;
    }
    for (const rule of rules) {
      const byDefault = field<SseRule>(rule, "applyServerSideEncryptionByDefault");
      const algorithm = asString(field<SseDefault>(byDefault, "sseAlgorithm"));
      if (algorithm === UNKNOWN) unknown = true;
      else if (algorithm !== undefined && KMS_ALGORITHMS.has(algorithm)) return { kind: "kms" };
      else other ??= { kind: "other", config: cfg.name, algorithm: algorithm ?? "none" };
    }
  }
  if (unknown) return { kind: "unknown" };
  return other ?? { kind: "other", config: configs[0]?.name ?? "", algorithm: "none" };
}

/** True when a bucket still uses the deprecated inline encryption property. */
function hasInlineEncryption(bucket: PolicyResource): boolean {
  return (
    isPresent(pathOf(bucket.props, "serverSideEncryptionConfiguration")) ||
    isPresent(pathOf(bucket.props, "serverSideEncryptionConfigurations"))
  );
}

/** Every S3 bucket has SSE-KMS through a BucketServerSideEncryptionConfiguration. */
export const requireS3Encryption = stackRule({
  name: "aws-s3-bucket-encrypted-with-kms",
  description:
    "S3 buckets must be encrypted with a KMS key (more than the default SSE-S3) through a BucketServerSideEncryptionConfiguration linked to the bucket.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CKV_AWS_145"],
  check: (ctx) => {
    const { buckets, byCandidate, unlinked } = bucketConfigs(ctx.resources, S3_SSE_TYPES);
    for (const bucket of buckets) {
      const label = describeResource(bucket.type, bucket.name);
      const configs = byCandidate.get(bucket.urn) ?? [];
      if (configs.length === 0) {
        if (unlinked > 0) {
          ctx.undecided(`${label}: the bucket of an encryption configuration is not known yet`);
        } else if (hasInlineEncryption(bucket)) {
          ctx.report(
            `${label} should be encrypted with KMS through a BucketServerSideEncryptionConfiguration: ` +
              `its inline serverSideEncryptionConfiguration is deprecated; move it to a ` +
              `BucketServerSideEncryptionConfiguration resource with sseAlgorithm "aws:kms".`,
            bucket.urn,
          );
        } else {
          ctx.report(
            `${label} is encrypted only with S3-managed keys (SSE-S3, the AWS default) and should ` +
              `use a KMS key: add a BucketServerSideEncryptionConfiguration for it whose rule sets ` +
              `sseAlgorithm to "aws:kms".`,
            bucket.urn,
          );
        }
        continue;
      }
      const verdict = verdictOf(configs);
      if (verdict.kind === "unknown") {
        ctx.undecided(`${label}: its encryption algorithm is not known yet`);
      } else if (verdict.kind === "other") {
        const algorithm = verdict.algorithm === "none" ? "no algorithm" : quote(verdict.algorithm);
        ctx.report(
          `${label} should be encrypted with KMS: its BucketServerSideEncryptionConfiguration ` +
            `'${verdict.config}' uses ${algorithm}; set sseAlgorithm to "aws:kms".`,
          bucket.urn,
        );
      }
    }
  },
});
