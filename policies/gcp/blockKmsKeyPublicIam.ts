// Cloud KMS keys and key rings must not be usable by allUsers or allAuthenticatedUsers.

import { publicMemberRule } from "../lib/publicMembers";

/** No key or key ring IAM grant names allUsers or allAuthenticatedUsers. */
export const blockKmsKeyPublicIam = publicMemberRule({
  name: "gcp-kms-key-not-public",
  description: "Google Cloud KMS keys and key rings must not grant any role to allUsers or allAuthenticatedUsers.",
  severity: "critical",
  benchmarks: ["CIS GCP 1.9", "CKV_GCP_112", "CKV2_GCP_6", "CKV2_GCP_8"],
  types: [
    "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy",
    "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding",
    "gcp:kms/keyRingIAMMember:KeyRingIAMMember",
    "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy",
  ],
  subject: "the key",
});
