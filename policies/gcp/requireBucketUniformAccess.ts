// Google Cloud Storage buckets must use uniform bucket-level access (IAM only, no object ACLs).

import type { BucketArgs } from "@pulumi/gcp/storage/bucket";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Every GCS bucket sets `uniformBucketLevelAccess` to true. */
export const requireBucketUniformAccess = resourceRule({
  name: "gcp-storage-bucket-uniform-access",
  description: "Google Cloud Storage buckets must use uniform bucket-level access.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 5.2", "CKV_GCP_29"],
  types: ["gcp:storage/bucket:Bucket"],
  check: (ctx) => {
    const uniform = asBool(field<BucketArgs>(ctx.props, "uniformBucketLevelAccess"));
    if (uniform === UNKNOWN) ctx.undecided("uniformBucketLevelAccess");
    else if (uniform !== true) {
      ctx.report(
        `${ctx.label} should use uniform bucket-level access: set uniformBucketLevelAccess to true.`,
      );
    }
  },
});
