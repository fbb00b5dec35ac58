// The recorder: resources registered under Pulumi's mocks are captured from the real
// RegisterResourceRequest, with parents, providers and property dependencies, run after run.

import { strict as assert } from "assert";
import * as path from "path";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import {
  readStackConfig,
  recordProgram,
  recordProgramDir,
  seconds,
  toPricingResources,
} from "../../cli/record";

const FIXTURE = path.join(__dirname, "fixtures/bucket-program");

describe("recording a program under mocks", function () {
  this.timeout(60000);

  it("captures the property dependencies that link a resource to the ones its inputs came from", async () => {
    const recorded = await recordProgram({
      project: "rec",
      stack: "dev",
      config: { "aws:region": "us-east-1" },
      program: () => {
        const key = new kms.Key("key", { enableKeyRotation: true });
        const bucket = new s3.Bucket("logs");
        new s3.BucketServerSideEncryptionConfiguration("logs-sse", {
          bucket: bucket.id,
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: key.arn,
              },
            },
          ],
        });
      },
    });
    const byName = new Map(recorded.map((r) => [r.name, r]));
    const sse = byName.get("logs-sse")!;
    assert.deepEqual(sse.propertyDependencies, {
      bucket: [byName.get("logs")!.urn],
      rules: [byName.get("key")!.urn],
    });
    assert.equal(sse.props.bucket, "logs-id");
    // The key's ARN is not among the mocked outputs, so the preview sends Pulumi's unknown marker.
    assert.deepEqual(sse.props.rules, [
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: "aws:kms",
          kmsMasterKeyId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        },
      },
    ]);
    assert.equal(
      sse.type,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );
    assert.equal(sse.parent, "urn:pulumi:dev::rec::pulumi:pulumi:Stack::rec-dev");
  });

  it("adds the default provider the engine would create, configured from the stack configuration", async () => {
    const recorded = await recordProgram({
      project: "rec",
      stack: "dev",
      config: { "aws:region": "ap-southeast-1", "rec:other": "x" },
      program: () => {
        new s3.Bucket("a");
        const eu = new AwsProvider("eu", { region: "eu-west-1" });
        new s3.Bucket("b", {}, { provider: eu });
      },
    });
    const byName = new Map(recorded.map((r) => [r.name, r]));
    const def = recorded.find((r) => r.defaultProvider)!;
    assert.equal(def.urn, "urn:pulumi:dev::rec::pulumi:providers:aws::default_7_48_0");
    assert.deepEqual(def.props, { region: "ap-southeast-1", version: "7.48.0" });
    assert.equal(byName.get("a")!.provider, def.urn);
    assert.equal(byName.get("b")!.provider, byName.get("eu")!.urn);
    const pricing = toPricingResources(recorded);
    assert.equal(pricing.find((r) => r.name === "b")!.provider!.props.region, "eu-west-1");
    assert.equal(pricing.find((r) => r.name === "a")!.provider!.props.region, "ap-southeast-1");
  });

  it("runs one program after another without sharing resources or configuration", async () => {
    const first = await recordProgram({
      project: "one",
      stack: "s",
      config: { "one:n": "1" },
      program: () => new s3.Bucket("x"),
    });
    const second = await recordProgram({
      project: "two",
      stack: "t",
      config: {},
      program: () => new s3.Bucket("y"),
    });
    assert.deepEqual(
      first.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => r.urn),
      ["urn:pulumi:s::one::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::x"],
    );
    assert.deepEqual(
      second.filter((r) => r.type === "aws:s3/bucket:Bucket").map((r) => r.urn),
      ["urn:pulumi:t::two::pulumi:pulumi:Stack$aws:s3/bucket:Bucket::y"],
    );
    assert.ok(!second.some((r) => r.defaultProvider && "n" in r.props));
  });

  it("runs a program directory with its stack configuration, again on a second run", async () => {
    assert.deepEqual(readStackConfig(FIXTURE, "bucket-program", "dev"), {
      "aws:region": "eu-west-1",
      "bucket-program:bucketCount": "2",
    });
    for (let run = 0; run < 2; run++) {
      const recorded = await recordProgramDir(FIXTURE, "dev");
      assert.deepEqual(
        recorded
          .filter((r) => r.type.startsWith("aws:s3/"))
          .map((r) => r.name)
          .sort(),
        ["data-0", "data-0-sse", "data-1", "data-1-sse"],
      );
      assert.equal(recorded.find((r) => r.defaultProvider)!.props.region, "eu-west-1");
    }
    const more = await recordProgramDir(FIXTURE, "dev", { "bucket-program:bucketCount": "3" });
    assert.equal(more.filter((r) => r.type === "aws:s3/bucket:Bucket").length, 3);
  });

  it("names the directory and the fix when it is not a Pulumi project", async () => {
    await assert.rejects(
      recordProgramDir(__dirname, "dev"),
      (e: Error) => e.name === "ProgramError" && /Pulumi\.yaml.*To fix: pass --program/.test(e.message),
    );
  });

  it("reports a program that throws as a run error with the cause", async () => {
    await assert.rejects(
      recordProgram({
        project: "p",
        stack: "s",
        config: {},
        program: () => {
          throw new Error("boom");
        },
      }),
      (e: Error) =>
        e.name === "ProgramError" &&
        e.message === "The program of project 'p' (stack 's') threw an error: boom. To fix: correct the program (run with --debug for the stack trace).",
    );
  });

  it("converts custom timeouts to seconds as the engine does", () => {
    assert.deepEqual(
      [seconds("5m"), seconds("1h30m"), seconds("45s"), seconds("")],
      [300, 5400, 45, 0],
    );
  });
});
