import * as assert from "assert";
import { requireS3Encryption } from "../../../policies/aws/requireS3Encryption";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const KEY = "aws:kms/key:Key";
const bucketUrn = urnOf(BUCKET, "logs");

const key: StackResourceCase = { type: KEY, name: "logs-key", props: { enableKeyRotation: true, arn: UNKNOWN_VALUE } };
const bucket: StackResourceCase = { type: BUCKET, name: "logs", props: { bucket: "logs-1a2b3c", id: UNKNOWN_VALUE } };

/** An encryption configuration whose `bucket` input came from the bucket, as the engine records it. */
function sse(algorithm: unknown, extra: Partial<StackResourceCase> = {}): StackResourceCase {
  return {
    type: SSE,
    name: "logs-sse",
    props: {
      bucket: UNKNOWN_VALUE,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm, kmsMasterKeyId: UNKNOWN_VALUE }, bucketKeyEnabled: true }],
    },
    propertyDependencies: { bucket: ["logs"], rules: ["logs-key"] },
    dependencies: ["logs", "logs-key"],
    ...extra,
  };
}

describe("policies/aws/requireS3Encryption", () => {
  it("passes a bucket linked to an SSE-KMS configuration through its property dependencies", async () => {
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key, bucket, sse("aws:kms")]), { violations: [] });
  });

  it("accepts dual-layer DSSE-KMS", async () => {
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key, bucket, sse("aws:kms:dsse")]), {
      violations: [],
    });
  });

  it("is advisory: a bucket left at the AWS default is encrypted with SSE-S3", () => {
    assert.equal(requireS3Encryption.enforcementLevel, "advisory");
  });

  it("reports a bucket with no encryption configuration, saying SSE-S3 still applies", async () => {
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key, bucket]), {
      violations: [
        {
          message:
            "S3 bucket 'logs' is encrypted only with S3-managed keys (SSE-S3, the AWS default) and should use a KMS key: add a BucketServerSideEncryptionConfiguration for it whose rule sets sseAlgorithm to \"aws:kms\".",
          urn: bucketUrn,
        },
      ],
    });
  });

  it("reports a bucket whose configuration uses SSE-S3 (AES256)", async () => {
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key, bucket, sse("AES256")]), {
      violations: [
        {
          message:
            "S3 bucket 'logs' should be encrypted with KMS: its BucketServerSideEncryptionConfiguration 'logs-sse' uses \"AES256\"; set sseAlgorithm to \"aws:kms\".",
          urn: bucketUrn,
        },
      ],
    });
  });

  it("does not count the deprecated inline encryption property", async () => {
    const inline: StackResourceCase = {
      ...bucket,
      props: { ...bucket.props, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } },
    };
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key, inline]), {
      violations: [
        {
          message:
            "S3 bucket 'logs' should be encrypted with KMS through a BucketServerSideEncryptionConfiguration: its inline serverSideEncryptionConfiguration is deprecated; move it to a BucketServerSideEncryptionConfiguration resource with sseAlgorithm \"aws:kms\".",
          urn: bucketUrn,
        },
      ],
    });
  });

  it("links a configuration that names an existing bucket literally", async () => {
    const literal = sse("aws:kms", { props: { bucket: "logs-1a2b3c", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, propertyDependencies: {}, dependencies: [] });
    assert.deepStrictEqual(await runStack(requireS3Encryption, [bucket, literal]), { violations: [] });
  });

  it("does not let one bucket's configuration cover another bucket", async () => {
    const other: StackResourceCase = { type: BUCKET, name: "assets", props: { bucket: "assets-9z" } };
    const outcome = await runStack(requireS3Encryption, [key, bucket, other, sse("aws:kms")]);
    assert.deepStrictEqual(outcome.violations.map((v) => v.urn), [urnOf(BUCKET, "assets")]);
  });

  it("defers to the update when a configuration's bucket cannot be linked yet", async () => {
    const unlinked = sse("aws:kms", { propertyDependencies: {}, dependencies: [] });
    assert.deepStrictEqual(await runStack(requireS3Encryption, [bucket, unlinked]), {
      violations: [],
      notApplicable:
        "Not every resource could be checked during preview (S3 bucket 'logs': the bucket of an encryption configuration is not known yet); they are checked again when the update runs.",
    });
  });

  it("passes a stack without buckets", async () => {
    assert.deepStrictEqual(await runStack(requireS3Encryption, [key]), { violations: [] });
  });
});
