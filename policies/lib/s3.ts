// Type tokens of S3 buckets and the resources that configure them, and the linking of each
// bucket to its configuration resources, shared by the S3 stack rules.

import type { PolicyResource } from "@pulumi/policy";
import { LinkedConfigs, linkConfigs, resourcesOfType } from "./links";

/** S3 bucket types: the current `Bucket` and the deprecated `BucketV2` alias. */
export const S3_BUCKET_TYPES: readonly string[] = [
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
];

/** Server-side encryption configuration types, current and deprecated. */
export const S3_SSE_TYPES: readonly string[] = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/** Per-bucket public access block. */
export const S3_PUBLIC_ACCESS_BLOCK_TYPE = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

/** Account-wide public access block, which covers every bucket of the account. */
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPE =
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";

/** Properties of a bucket that hold its name or ID, for matching literal references. */
export const S3_BUCKET_ID_PROPS: readonly string[] = ["bucket", "id"];

/** Bucket versioning configuration types, current and deprecated. */
export const S3_VERSIONING_TYPES: readonly string[] = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
];

/** Bucket access logging configuration types, current and deprecated. */
export const S3_LOGGING_TYPES: readonly string[] = [
  "aws:s3/bucketLogging:BucketLogging",
  "aws:s3/bucketLoggingV2:BucketLoggingV2",
];

/** The buckets of a stack and, per bucket, its configurations of some types. */
export interface BucketConfigs extends LinkedConfigs {
  readonly buckets: readonly PolicyResource[];
}

/** Every bucket of a stack with the configurations of `configTypes` linked to it. */
export function bucketConfigs(
  resources: readonly PolicyResource[],
  configTypes: readonly string[],
): BucketConfigs {
  const buckets = resourcesOfType(resources, S3_BUCKET_TYPES);
  if (buckets.length === 0) return { buckets, byCandidate: new Map(), unlinked: 0 };
  return {
    buckets,
    ...linkConfigs(resources, buckets, S3_BUCKET_ID_PROPS, configTypes, "bucket"),
  };
}
