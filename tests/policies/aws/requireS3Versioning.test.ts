import * as assert from "assert";
import { requireS3Versioning } from "../../../policies/aws/requireS3Versioning";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
const bucket: StackResourceCase = { type: BUCKET, name: "data", props: { bucket: "data-1" } };
const urn = urnOf(BUCKET, "data");

function versioning(status: unknown): StackResourceCase {
  return { type: VERSIONING, name: "data-versioning", props: { bucket: UNKNOWN_VALUE, versioningConfiguration: { status } }, propertyDependencies: { bucket: ["data"] } };
}

describe("policies/aws/requireS3Versioning", () => {
  it("passes a bucket with versioning enabled through a BucketVersioning", async () => {
    assert.deepStrictEqual(await runStack(requireS3Versioning, [bucket, versioning("Enabled")]), { violations: [] });
  });

  it("accepts the deprecated inline versioning setting", async () => {
    const inline = { ...bucket, props: { ...bucket.props, versioning: { enabled: true } } };
    assert.deepStrictEqual(await runStack(requireS3Versioning, [inline]), { violations: [] });
  });

  it("reports a bucket without versioning", async () => {
    assert.deepStrictEqual(await runStack(requireS3Versioning, [bucket]), {
      violations: [{ message: 'S3 bucket \'data\' should keep object versions: add a BucketVersioning for it with versioningConfiguration.status "Enabled".', urn }],
    });
  });

  it("reports suspended versioning", async () => {
    assert.deepStrictEqual(await runStack(requireS3Versioning, [bucket, versioning("Suspended")]), {
      violations: [{ message: 'S3 bucket \'data\' should keep object versions: its BucketVersioning status is "Suspended"; set versioningConfiguration.status to "Enabled".', urn }],
    });
  });

  it("defers to the update when the status is not known yet", async () => {
    const outcome = await runStack(requireS3Versioning, [bucket, versioning(UNKNOWN_VALUE)]);
    assert.deepStrictEqual(outcome, {
      violations: [],
      notApplicable: "Not every resource could be checked during preview (S3 bucket 'data': its versioning status is not known yet); they are checked again when the update runs.",
    });
  });
});
