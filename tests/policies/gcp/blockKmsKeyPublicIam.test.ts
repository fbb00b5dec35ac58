import { blockKmsKeyPublicIam } from "../../../policies/gcp/blockKmsKeyPublicIam";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/blockKmsKeyPublicIam",
  blockKmsKeyPublicIam,
  { type: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", name: "decrypt", props: { cryptoKeyId: "k", role: "roles/cloudkms.cryptoKeyDecrypter", member: "serviceAccount:app@p.iam.gserviceaccount.com" } },
  [
    {
      it: "reports a key anyone may use",
      props: (b) => ({ ...b, member: "allAuthenticatedUsers" }),
      violations: ["Cloud KMS crypto key IAM member 'decrypt' should not make the key public: member grants roles/cloudkms.cryptoKeyDecrypter to allAuthenticatedUsers; grant the role to named users, groups or service accounts instead."],
    },
  ],
);
