// Optional: Google Cloud Storage buckets encrypted with a customer-managed Cloud KMS key (CMEK).
// Off unless configured, because Google encrypts every bucket with its own keys already.

import type { BucketArgs } from "@pulumi/gcp/storage/bucket";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { boolSetting } from "../lib/config";
import { field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";

type Encryption = gcpInput.storage.BucketEncryption;

interface Config {
  readonly requireCustomerManagedKey: boolean;
}

/** When configured, every GCS bucket sets `encryption.defaultKmsKeyName`. */
export const requireBucketCmek = resourceRule<Config>({
  name: "gcp-storage-bucket-cmek",
  description:
    "Google Cloud Storage buckets must use a customer-managed Cloud KMS key when the pack's config requires it.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  configSchema: {
    properties: {
      requireCustomerManagedKey: {
        type: "boolean",
        default: false,
        description: "Require encryption.defaultKmsKeyName on every bucket.",
      },
    },
  },
  types: ["gcp:storage/bucket:Bucket"],
  config: (raw) => ({
    requireCustomerManagedKey: boolSetting(raw.requireCustomerManagedKey, false),
  }),
  check: (ctx) => {
    if (!ctx.config.requireCustomerManagedKey) return;
    // A key name not known yet (a key created in the same update) still counts as set.
    const key = field<Encryption>(field<BucketArgs>(ctx.props, "encryption"), "defaultKmsKeyName");
    if (!isPresent(key)) {
      ctx.report(
        `${ctx.label} should be encrypted with a customer-managed key: ` +
          `set encryption.defaultKmsKeyName to a Cloud KMS key.`,
      );
    }
  },
});
