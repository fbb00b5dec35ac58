// S3 bucket policies must not grant access to anyone on the internet.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a bucket policy allows Principal "*" without a limiting condition. */
export const blockS3BucketPolicyPublic = publicPolicyRule({
  name: "aws-s3-bucket-policy-not-public",
  description:
    "S3 bucket policies must not allow any action to Principal \"*\" without a condition limiting the caller.",
  severity: "critical",
  benchmarks: ["CKV_AWS_70"],
  policyProperty: {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:s3/bucket:Bucket": "policy",
    "aws:s3/bucketV2:BucketV2": "policy",
  },
});
