// AWS storage price rules: S3 buckets (standard storage at the catalog's per-region price, the
// one `plan` charges, plus requests from the usage file), EFS file systems and ECR repositories.

import { RuleContext, Rules } from "../context";
import type { PricingResource } from "../types";
import { awsRegion } from "./aws-compute";
import { partsRule, storedGiB } from "./common";

/** An S3 bucket: stored GiB (tag, usage file or default) and requests from the usage file. */
function bucket(r: PricingResource, ctx: RuleContext) {
  const region = awsRegion(r, ctx);
  const stored = storedGiB(r, ctx);
  return {
    region,
    note: stored.how,
    components: [
      ctx.planStorage("aws", region, stored.gib, "Standard storage"),
      ctx.usageComponent(r, "PUT, COPY, POST, LIST requests", "aws.s3.put", region, "monthlyWriteRequests", { unit: "1k requests", scale: 1e-3 }),
      ctx.usageComponent(r, "GET, SELECT and other requests", "aws.s3.get", region, "monthlyReadRequests", { unit: "1k requests", scale: 1e-3 }),
    ],
  };
}



/** AWS storage rules by type token. */
export const awsStorageRules: Rules = {
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:efs/fileSystem:FileSystem": partsRule(awsRegion, [{ label: "Storage (standard)", key: "aws.efs.standard", unit: "GB-months", usageKey: "storageGiB" }]),
  "aws:ecr/repository:Repository": partsRule(awsRegion, [{ label: "Storage", key: "aws.ecr.storage", unit: "GB-months", usageKey: "storageGiB" }]),
};
