import { blockS3PublicAcl } from "../../../policies/aws/blockS3PublicAcl";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

ruleCases(
  "policies/aws/blockS3PublicAcl",
  blockS3PublicAcl,
  { type: "aws:s3/bucket:Bucket", name: "site", props: { acl: "private", tags: { team: "web" } } },
  [
    {
      it: "reports a public-read canned ACL",
      props: (b) => ({ ...b, acl: "public-read" }),
      violations: ['S3 bucket \'site\' should not be public through its ACL: acl is "public-read"; use "private" and grant access through a bucket policy naming the principals.'],
    },
    {
      it: "reports an inline grant to every authenticated AWS account",
      props: (b) => ({ ...b, grants: [{ type: "Group", uri: AUTHENTICATED, permissions: ["READ"] }] }),
      violations: ["S3 bucket 'site' should not be public through its ACL: grants[0] grants access to the AuthenticatedUsers group; remove that grant and name the principals in a bucket policy instead."],
    },
    {
      it: "reports a BucketAclV2 access control policy granting AllUsers",
      type: "aws:s3/bucketAclV2:BucketAclV2",
      props: () => ({
        bucket: "site",
        accessControlPolicy: { owner: { id: "o" }, grants: [{ grantee: { type: "CanonicalUser", id: "o" }, permission: "FULL_CONTROL" }, { grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
      }),
      violations: ["S3 bucket ACL 'site' should not be public through its ACL: accessControlPolicy.grants[1] grants access to the AllUsers group; remove that grant and name the principals in a bucket policy instead."],
    },
    {
      it: "passes a log-delivery canned ACL",
      type: "aws:s3/bucketAclV2:BucketAclV2",
      props: () => ({ bucket: "logs", acl: "log-delivery-write" }),
    },
    {
      it: "defers to the update when the ACL is not known yet",
      props: (b) => ({ ...b, acl: UNKNOWN_VALUE }),
      notApplicable: deferred("S3 bucket 'site'", "acl"),
    },
  ],
);
