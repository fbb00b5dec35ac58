// Cloud Storage buckets should record usage logs in another bucket. Off by default, so advisory
// unless configured mandatory. (Cloud Audit Logs data-access logs are the other way to do it.)

import type { BucketArgs } from "@pulumi/gcp/storage/bucket";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Logging = gcpInput.storage.BucketLogging;

/** logging.logBucket names a bucket. */
export const requireBucketLogging = resourceRule({
  name: "gcp-storage-bucket-logging",
  description: "Google Cloud Storage buckets must record usage logs to a log bucket.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: ["CKV_GCP_62"],
  types: ["gcp:storage/bucket:Bucket"],
  check: (ctx) => {
    const logging = field<BucketArgs>(ctx.props, "logging");
    if (logging === UNKNOWN) return ctx.undecided("logging");
    if (isPresent(field<Logging>(logging, "logBucket"))) return;
    ctx.report(`${ctx.label} should record usage logs: set logging.logBucket to a log bucket.`);
  },
});
