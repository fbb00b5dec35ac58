import { blockS3BucketPolicyPublic } from "../../../policies/aws/blockS3BucketPolicyPublic";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";
import { accountStatement, policyJson, publicStatement } from "./policyDocuments";

const LABEL = "S3 bucket policy 'site'";

ruleCases(
  "policies/aws/blockS3BucketPolicyPublic",
  blockS3BucketPolicyPublic,
  { type: "aws:s3/bucketPolicy:BucketPolicy", name: "site", props: { bucket: "site", policy: policyJson(accountStatement(["s3:GetObject"])) } },
  [
    {
      it: "reports a statement letting anyone read objects",
      props: (b) => ({ ...b, policy: policyJson(publicStatement(["s3:GetObject"])) }),
      violations: [
        `${LABEL} should not grant access to anyone: policy statement 'Public' allows s3:GetObject to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
    {
      it: "accepts reads limited to a CloudFront distribution by aws:SourceArn",
      props: (b) => ({
        ...b,
        policy: policyJson(publicStatement(["s3:GetObject"], { Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::1:distribution/E1" } } })),
      }),
    },
    {
      it: "checks the deprecated inline policy of a bucket",
      type: "aws:s3/bucket:Bucket",
      props: () => ({ policy: policyJson(publicStatement(["s3:PutObject"])) }),
      violations: [
        `S3 bucket 'site' should not grant access to anyone: policy statement 'Public' allows s3:PutObject to Principal "*" with no condition limiting the caller; name the accounts or services allowed as principals, or add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition.`,
      ],
    },
    {
      it: "defers to the update when a statement's effect is not known yet",
      props: (b) => ({ ...b, policy: { Statement: [{ Effect: UNKNOWN_VALUE, Principal: "*", Action: "s3:*" }] } }),
      notApplicable: deferred(LABEL, "policy (statement 1)"),
    },
  ],
);
