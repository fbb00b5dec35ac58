import * as assert from "assert";
import { requireS3AccessLogging } from "../../../policies/aws/requireS3AccessLogging";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const BUCKET = "aws:s3/bucket:Bucket";
const LOGGING = "aws:s3/bucketLogging:BucketLogging";
const data: StackResourceCase = { type: BUCKET, name: "data", props: { bucket: "data-1" } };
const logs: StackResourceCase = { type: BUCKET, name: "logs", props: { bucket: "logs-1" } };
const logging: StackResourceCase = {
  type: LOGGING,
  name: "data-logging",
  props: { bucket: UNKNOWN_VALUE, targetBucket: UNKNOWN_VALUE, targetPrefix: "data/" },
  propertyDependencies: { bucket: ["data"], targetBucket: ["logs"] },
  dependencies: ["data", "logs"],
};

describe("policies/aws/requireS3AccessLogging", () => {
  it("passes a logged bucket and exempts the bucket receiving its logs", async () => {
    assert.deepStrictEqual(await runStack(requireS3AccessLogging, [data, logs, logging]), { violations: [] });
  });

  it("reports a bucket without access logging", async () => {
    assert.deepStrictEqual(await runStack(requireS3AccessLogging, [data]), {
      violations: [
        { message: "S3 bucket 'data' should log requests: add a BucketLogging for it that sends its access logs to a log bucket.", urn: urnOf(BUCKET, "data") },
      ],
    });
  });

  it("links a logging configuration that names its buckets literally", async () => {
    const literal = { ...logging, props: { bucket: "data-1", targetBucket: "logs-1", targetPrefix: "d/" }, propertyDependencies: {}, dependencies: [] };
    assert.deepStrictEqual(await runStack(requireS3AccessLogging, [data, logs, literal]), { violations: [] });
  });
});
