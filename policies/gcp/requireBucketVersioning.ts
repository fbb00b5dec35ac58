// Cloud Storage buckets should keep object versions so that overwritten or deleted objects can be
// recovered. Off by default, so advisory unless configured mandatory.

import type { BucketArgs } from "@pulumi/gcp/storage/bucket";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Versioning = gcpInput.storage.BucketVersioning;

/** versioning.enabled is true. */
export const requireBucketVersioning = resourceRule({
  name: "gcp-storage-bucket-versioning",
  description: "Google Cloud Storage buckets must enable object versioning.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_GCP_78"],
  types: ["gcp:storage/bucket:Bucket"],
  check: (ctx) => {
    const on = asBool(field<Versioning>(field<BucketArgs>(ctx.props, "versioning"), "enabled"));
    if (on === UNKNOWN) ctx.undecided("versioning.enabled");
    else if (on !== true) ctx.report(`${ctx.label} should keep object versions: set versioning.enabled to true.`);
  },
});
