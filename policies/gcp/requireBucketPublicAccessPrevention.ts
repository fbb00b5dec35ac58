// Google Cloud Storage buckets must enforce public access prevention.

import type { BucketArgs } from "@pulumi/gcp/storage/bucket";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Every GCS bucket sets `publicAccessPrevention` to "enforced" (the default is "inherited"). */
export const requireBucketPublicAccessPrevention = resourceRule({
  name: "gcp-storage-bucket-public-access-prevented",
  description: "Google Cloud Storage buckets must enforce public access prevention.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS GCP 5.1", "CKV_GCP_114"],
  types: ["gcp:storage/bucket:Bucket"],
  check: (ctx) => {
    const prevention = asString(field<BucketArgs>(ctx.props, "publicAccessPrevention"));
    if (prevention === UNKNOWN) ctx.undecided("publicAccessPrevention");
    else if (prevention?.trim().toLowerCase() !== "enforced") {
      ctx.report(
        `${ctx.label} should enforce public access prevention: ` +
          `set publicAccessPrevention to "enforced".`,
      );
    }
  },
});
