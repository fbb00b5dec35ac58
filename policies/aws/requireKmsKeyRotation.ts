// Customer-managed KMS keys must rotate their key material automatically.

import type { KeyArgs } from "@pulumi/aws/kms/key";
import { asBool, asString, field, isPresent } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Every symmetric encryption KMS key sets `enableKeyRotation` to true. */
export const requireKmsKeyRotation = resourceRule({
  name: "aws-kms-key-rotation-enabled",
  description: "Symmetric encryption KMS keys must have automatic key rotation enabled.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS AWS 3.6", "CKV_AWS_7"],
  types: ["aws:kms/key:Key"],
  check: (ctx) => {
    const p = ctx.props;
    // AWS rotates only symmetric ENCRYPT_DECRYPT keys outside custom key stores
    // (docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
    const spec = asString(field<KeyArgs>(p, "customerMasterKeySpec"));
    const usage = asString(field<KeyArgs>(p, "keyUsage"));
    if (spec === UNKNOWN || usage === UNKNOWN) {
      return ctx.undecided("customerMasterKeySpec or keyUsage");
    }
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") return;
    if (usage !== undefined && usage !== "ENCRYPT_DECRYPT") return;
    const external = isPresent(field<KeyArgs>(p, "customKeyStoreId"));
    if (external || isPresent(field<KeyArgs>(p, "xksKeyId"))) return;
    const rotation = asBool(field<KeyArgs>(p, "enableKeyRotation"));
    if (rotation === UNKNOWN) ctx.undecided("enableKeyRotation");
    else if (rotation !== true) {
      ctx.report(`${ctx.label} should rotate automatically: set enableKeyRotation to true.`);
    }
  },
});
