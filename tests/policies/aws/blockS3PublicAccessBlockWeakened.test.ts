import { blockS3PublicAccessBlockWeakened } from "../../../policies/aws/blockS3PublicAccessBlockWeakened";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

ruleCases(
  "policies/aws/blockS3PublicAccessBlockWeakened",
  blockS3PublicAccessBlockWeakened,
  { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "site-pab", props: { bucket: "site", ...all } },
  [
    {
      it: "reports a flag turned off",
      props: (b) => ({ ...b, blockPublicPolicy: false }),
      violations: ["S3 bucket public access block 'site-pab' should not lift the public access block: set blockPublicPolicy to true (unset means false)."],
    },
    {
      it: "reports flags left unset, which the resource sends as false",
      props: () => ({ bucket: "site", blockPublicAcls: true, ignorePublicAcls: true }),
      violations: ["S3 bucket public access block 'site-pab' should not lift the public access block: set blockPublicPolicy and restrictPublicBuckets to true (unset means false)."],
    },
    {
      it: "checks the account-wide block too",
      type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
      props: () => ({ ...all, restrictPublicBuckets: false }),
      violations: ["S3 account public access block 'site-pab' should not lift the public access block: set restrictPublicBuckets to true (unset means false)."],
    },
    {
      it: "defers to the update when a flag is not known yet",
      props: (b) => ({ ...b, ignorePublicAcls: UNKNOWN_VALUE }),
      notApplicable: deferred("S3 bucket public access block 'site-pab'", "ignorePublicAcls"),
    },
  ],
);
