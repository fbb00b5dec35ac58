// S3 buckets must not be opened to everyone (or every AWS account) through ACLs: no canned ACL
// "public-read", "public-read-write" or "authenticated-read", and no grant to the AllUsers or
// AuthenticatedUsers groups, on the bucket itself or through a BucketAclV2.

import type { BucketArgs } from "@pulumi/aws/s3/bucket";
import type { BucketAclV2Args } from "@pulumi/aws/s3/bucketAclV2";
import type * as awsInput from "@pulumi/aws/types/input";
import { quote } from "../lib/messages";
import { Read, asList, asString, field } from "../lib/read";
import { ResourceContext, resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Grant = awsInput.s3.BucketGrant;
type AclGrant = awsInput.s3.BucketAclV2AccessControlPolicyGrant;
type Grantee = awsInput.s3.BucketAclV2AccessControlPolicyGrantGrantee;
type AclPolicy = awsInput.s3.BucketAclV2AccessControlPolicy;

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const ACL_TYPES = ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"];

/** Canned ACLs that open a bucket to everyone or to every AWS account. */
const PUBLIC_CANNED = new Set(["public-read", "public-read-write", "authenticated-read"]);

/** The group URIs of everyone and of every authenticated AWS account. */
const PUBLIC_GROUP = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

function checkCanned(ctx: ResourceContext<unknown>, acl: Read): void {
  const value = asString(acl);
  if (value === UNKNOWN) return ctx.undecided("acl");
  if (typeof value === "string" && PUBLIC_CANNED.has(value.trim())) {
    ctx.report(
      `${ctx.label} should not be public through its ACL: acl is ${quote(value)}; use "private" ` +
        `and grant access through a bucket policy naming the principals.`,
    );
  }
}

function checkGrants(ctx: ResourceContext<unknown>, grants: Read, path: string, grantee: (g: Read) => Read): void {
  const list = asList(grants);
  if (list === UNKNOWN) return ctx.undecided(path);
  list.forEach((g, i) => {
    const uri = asString(field<Grantee>(grantee(g), "uri"));
    if (uri === UNKNOWN) return ctx.undecided(`${path}[${i}]`);
    const m = typeof uri === "string" ? PUBLIC_GROUP.exec(uri.trim()) : null;
    if (!m) return;
    ctx.report(
      `${ctx.label} should not be public through its ACL: ${path}[${i}] grants access to the ` +
        `${m[1]} group; remove that grant and name the principals in a bucket policy instead.`,
    );
  });
}

/** No public canned ACL and no grant to AllUsers or AuthenticatedUsers. */
export const blockS3PublicAcl = resourceRule({
  name: "aws-s3-bucket-no-public-acl",
  description:
    "S3 buckets must not grant access to everyone or to every AWS account through a canned ACL or an ACL grant.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CKV_AWS_20", "CKV_AWS_57", "CKV2_AWS_43"],
  types: [...BUCKET_TYPES, ...ACL_TYPES],
  check: (ctx) => {
    if (BUCKET_TYPES.includes(ctx.type)) {
      checkCanned(ctx, field<BucketArgs>(ctx.props, "acl"));
      checkGrants(ctx, field<BucketArgs>(ctx.props, "grants"), "grants", (g) => g as Grant);
      return;
    }
    checkCanned(ctx, field<BucketAclV2Args>(ctx.props, "acl"));
    const policy = field<BucketAclV2Args>(ctx.props, "accessControlPolicy");
    checkGrants(ctx, field<AclPolicy>(policy, "grants"), "accessControlPolicy.grants", (g) =>
      field<AclGrant>(g, "grantee"),
    );
  },
});
