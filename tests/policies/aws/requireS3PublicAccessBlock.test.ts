import * as assert from "assert";
import { requireS3PublicAccessBlock } from "../../../policies/aws/requireS3PublicAccessBlock";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const bucketUrn = urnOf(BUCKET, "logs");

const bucket: StackResourceCase = { type: BUCKET, name: "logs", props: { bucket: "logs-1a2b3c" } };
const allFlags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function block(flags: Record<string, unknown>, links: Partial<StackResourceCase> = {}): StackResourceCase {
  return {
    type: BLOCK,
    name: "logs-pab",
    props: { bucket: UNKNOWN_VALUE, ...flags },
    propertyDependencies: { bucket: ["logs"] },
    dependencies: ["logs"],
    ...links,
  };
}

const MISSING =
  "S3 bucket 'logs' blocks public access only through the AWS default for new buckets: add a BucketPublicAccessBlock for it with all four flags set to true, so that the block is kept in code.";

describe("policies/aws/requireS3PublicAccessBlock", () => {
  it("is advisory: a bucket left at the AWS default is not exposed", () => {
    assert.equal(requireS3PublicAccessBlock.enforcementLevel, "advisory");
  });

  it("passes a bucket with a linked block setting all four flags", async () => {
    assert.deepStrictEqual(await runStack(requireS3PublicAccessBlock, [bucket, block(allFlags)]), { violations: [] });
  });

  it("reports a bucket without an explicit block, saying the default still applies", async () => {
    assert.deepStrictEqual(await runStack(requireS3PublicAccessBlock, [bucket]), { violations: [{ message: MISSING, urn: bucketUrn }] });
  });

  it("leaves a block that turns flags off to aws-s3-public-access-block-not-weakened", async () => {
    const outcome = await runStack(requireS3PublicAccessBlock, [bucket, block({ ...allFlags, blockPublicPolicy: false })]);
    assert.deepStrictEqual(outcome, { violations: [] });
  });

  it("accepts an account-wide block with all four flags in place of per-bucket blocks", async () => {
    const account: StackResourceCase = { type: ACCOUNT_BLOCK, name: "account", props: allFlags };
    assert.deepStrictEqual(await runStack(requireS3PublicAccessBlock, [bucket, account]), { violations: [] });
  });

  it("does not count an account-wide block that lifts a flag", async () => {
    const account: StackResourceCase = { type: ACCOUNT_BLOCK, name: "account", props: { ...allFlags, ignorePublicAcls: false } };
    assert.deepStrictEqual(await runStack(requireS3PublicAccessBlock, [bucket, account]), { violations: [{ message: MISSING, urn: bucketUrn }] });
  });

  it("defers to the update when a block's bucket cannot be linked yet", async () => {
    const outcome = await runStack(requireS3PublicAccessBlock, [bucket, block(allFlags, { propertyDependencies: {}, dependencies: [] })]);
    assert.deepStrictEqual(outcome, {
      violations: [],
      notApplicable:
        "Not every resource could be checked during preview (S3 bucket 'logs': the bucket of a public access block is not known yet); they are checked again when the update runs.",
    });
  });
});
