import { requireCryptoKeyRotation } from "../../../policies/gcp/requireCryptoKeyRotation";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireCryptoKeyRotation",
  requireCryptoKeyRotation,
  { type: "gcp:kms/cryptoKey:CryptoKey", name: "data", props: { keyRing: "ring", rotationPeriod: "7776000s" } },
  [
    { it: "reports a key that never rotates", props: () => ({ keyRing: "ring" }), violations: ['Cloud KMS crypto key \'data\' should rotate at least every 90 days: rotationPeriod is unset, so it never rotates; set it to "7776000s" or less.'] },
    { it: "reports a yearly rotation", props: () => ({ keyRing: "ring", rotationPeriod: "31536000s" }), violations: ['Cloud KMS crypto key \'data\' should rotate at least every 90 days: rotationPeriod is "31536000s"; set it to "7776000s" or less.'] },
    { it: "skips asymmetric signing keys, which cannot rotate automatically", props: () => ({ keyRing: "ring", purpose: "ASYMMETRIC_SIGN" }) },
    { it: "uses the configured maximum", props: (b) => b, config: { maximumDays: 30 }, violations: ['Cloud KMS crypto key \'data\' should rotate at least every 30 days: rotationPeriod is "7776000s"; set it to "2592000s" or less.'] },
  ],
);
