// Cloud Storage buckets must not be readable or writable by allUsers or allAuthenticatedUsers,
// through IAM or legacy ACLs, unless the config lists the bucket as public on purpose (a public
// website's assets, say).

import { publicMemberRule } from "../lib/publicMembers";

/** No bucket IAM grant or ACL entity names allUsers or allAuthenticatedUsers. */
export const blockBucketPublicIam = publicMemberRule({
  name: "gcp-storage-bucket-not-public",
  description:
    "Google Cloud Storage buckets must not grant access to allUsers or allAuthenticatedUsers through IAM or ACLs, unless the config allows the bucket.",
  severity: "critical",
  benchmarks: ["CIS GCP 5.1", "CKV_GCP_28"],
  types: [
    "gcp:storage/bucketIAMBinding:BucketIAMBinding",
    "gcp:storage/bucketIAMMember:BucketIAMMember",
    "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
    "gcp:storage/bucketAccessControl:BucketAccessControl",
    "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
  ],
  subject: "the bucket",
  targetProps: ["bucket"],
  allowList: { setting: "allowedBuckets", what: "Buckets" },
});
