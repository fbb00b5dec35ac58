// Cloud KMS symmetric keys must rotate automatically at least every 90 days (configurable).

import type { CryptoKeyArgs } from "@pulumi/gcp/kms/cryptoKey";
import { positiveIntSetting } from "../lib/config";
import { quote } from "../lib/messages";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const DAY_SECONDS = 86_400;

/** A duration written as "7776000s" (the API's form) or "7776000.5s", in seconds. */
function seconds(value: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Symmetric encryption keys set rotationPeriod to at most the configured number of days. */
export const requireCryptoKeyRotation = resourceRule<{ maximumDays: number }>({
  name: "gcp-kms-key-rotation",
  description: "Google Cloud KMS symmetric encryption keys must rotate automatically at least every 90 days (configurable).",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: ["CIS GCP 1.10", "CKV_GCP_43"],
  configSchema: {
    properties: {
      maximumDays: { type: "integer", minimum: 1, maximum: 3650, default: 90, description: "Longest rotation period allowed, in days." },
    },
  },
  types: ["gcp:kms/cryptoKey:CryptoKey"],
  config: (raw) => ({ maximumDays: positiveIntSetting(raw.maximumDays) ?? 90 }),
  check: (ctx) => {
    // Only symmetric ENCRYPT_DECRYPT keys (the default purpose) rotate automatically.
    const purpose = asString(field<CryptoKeyArgs>(ctx.props, "purpose"));
    if (purpose === UNKNOWN) return ctx.undecided("purpose");
    if (purpose !== undefined && purpose.toUpperCase() !== "ENCRYPT_DECRYPT") return;
    const period = asString(field<CryptoKeyArgs>(ctx.props, "rotationPeriod"));
    if (period === UNKNOWN) return ctx.undecided("rotationPeriod");
    const limit = ctx.config.maximumDays * DAY_SECONDS;
    const s = period === undefined ? undefined : seconds(period);
    if (s !== undefined && s <= limit) return;
    const now = period === undefined ? "unset, so it never rotates" : quote(period);
    ctx.report(
      `${ctx.label} should rotate at least every ${ctx.config.maximumDays} days: rotationPeriod is ` +
        `${now}; set it to "${limit}s" or less.`,
    );
  },
});
