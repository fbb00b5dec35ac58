// The offline answers to data sources: deterministic, shaped as each SDK's result type, derived
// from the call's inputs and its provider's region, and documented in the README table.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { invokeRegion, invokeTableMarkdown, OFFLINE_INVOKES } from "../../../cli/program/invokes";
import { offlineMocks } from "../../../cli/program/mocks";

const ctx = (region: string, settings: Record<string, string> = {}) => ({
  region,
  setting: (k: string) => settings[k],
  project: "shop",
  stack: "dev",
  organization: "organization",
});
const answer = (token: string, inputs: Record<string, unknown>, c = ctx("us-east-1")) => OFFLINE_INVOKES.get(token)!.answer(inputs, c);

describe("offline invoke answers", () => {
  it("answers the data sources programs call first, for each cloud", () => {
    const tokens = [...OFFLINE_INVOKES.keys()];
    for (const t of [
      "aws:index/getAvailabilityZones:getAvailabilityZones",
      "aws:ec2/getAmi:getAmi",
      "aws:index/getCallerIdentity:getCallerIdentity",
      "aws:index/getRegion:getRegion",
      "aws:ec2/getVpc:getVpc",
      "aws:ec2/getSubnets:getSubnets",
      "aws:index/getPartition:getPartition",
      "azure-native:authorization:getClientConfig",
      "gcp:organizations/getProject:getProject",
      "gcp:compute/getZones:getZones",
      "gcp:compute/getImage:getImage",
      "gcp:organizations/getClientConfig:getClientConfig",
    ]) {
      assert.ok(tokens.includes(t), `${t} is not answered offline`);
    }
    // Every token is a real function token of the installed SDKs.
    for (const t of tokens) {
      const [pkg] = t.split(":");
      const sdk = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`));
      const module = t.split(":")[1].split("/")[0];
      const dir = module === "index" ? sdk : path.join(sdk, module);
      const found = fs.readdirSync(dir).some((f) => f.endsWith(".js") && fs.readFileSync(path.join(dir, f), "utf8").includes(`"${t}"`));
      assert.ok(found, `${t} is not a function of @pulumi/${pkg}`);
    }
  });

  it("gives a region's zones and zone ids, minus excluded ones, the same on every call", () => {
    const a = answer("aws:index/getAvailabilityZones:getAvailabilityZones", { state: "available" }, ctx("us-west-2"));
    assert.deepEqual(a.names, ["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"]);
    assert.deepEqual(a.zoneIds, ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"]);
    const ex = answer("aws:index/getAvailabilityZones:getAvailabilityZones", { excludeNames: ["eu-west-1b"] }, ctx("eu-west-1"));
    assert.deepEqual(ex.names, ["eu-west-1a", "eu-west-1c"]);
    assert.deepEqual(ex.zoneIds, ["euw1-az1", "euw1-az3"]);
    assert.deepEqual(answer("aws:index/getAvailabilityZones:getAvailabilityZones", {}, ctx("ap-southeast-2")).zoneIds, ["apse2-az1", "apse2-az2", "apse2-az3"]);
  });

  it("derives AMI ids from the filters and region, and reads the architecture and owner", () => {
    const inputs = { owners: ["099720109477"], mostRecent: true, filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*"] }] };
    const a = answer("aws:ec2/getAmi:getAmi", inputs);
    assert.match(String(a.id), /^ami-[0-9a-f]{17}$/);
    assert.equal(a.id, answer("aws:ec2/getAmi:getAmi", inputs).id);
    assert.notEqual(a.id, answer("aws:ec2/getAmi:getAmi", inputs, ctx("eu-west-1")).id);
    assert.equal(a.architecture, "arm64");
    assert.equal(a.ownerId, "099720109477");
    assert.equal(a.name, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20250115");
    assert.equal(answer("aws:ec2/getAmi:getAmi", { owners: ["amazon"], filters: [{ name: "name", values: ["al2023-ami-*"] }] }).ownerId, "137112412989");
  });

  it("answers identity, region and partition for the call's region", () => {
    assert.deepEqual(answer("aws:index/getCallerIdentity:getCallerIdentity", {}), {
      id: "123456789012",
      accountId: "123456789012",
      userId: "AIDACLOUDFITOFFLINE",
      arn: "arn:aws:iam::123456789012:user/cloudfit-offline",
    });
    const r = answer("aws:index/getRegion:getRegion", {}, ctx("eu-central-1"));
    assert.deepEqual([r.name, r.description, r.endpoint], ["eu-central-1", "Europe (Frankfurt)", "ec2.eu-central-1.amazonaws.com"]);
    assert.equal(answer("aws:index/getPartition:getPartition", {}, ctx("cn-north-1")).partition, "aws-cn");
    assert.equal(answer("aws:elb/getServiceAccount:getServiceAccount", {}, ctx("eu-west-1")).arn, "arn:aws:iam::156460612806:root");
  });

  it("answers the default VPC with its documented CIDR and one subnet per zone", () => {
    const vpc = answer("aws:ec2/getVpc:getVpc", { default: true }, ctx("us-east-2"));
    assert.equal(vpc.cidrBlock, "172.31.0.0/16");
    assert.match(String(vpc.id), /^vpc-[0-9a-f]{17}$/);
    const subnets = answer("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc.id] }] }, ctx("us-east-2"));
    assert.equal((subnets.ids as string[]).length, 3);
    assert.equal(new Set(subnets.ids as string[]).size, 3);
  });

  it("renders IAM policy documents as the provider does", () => {
    const doc = answer("aws:iam/getPolicyDocument:getPolicyDocument", {
      statements: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
        { sid: "Read", effect: "Deny", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["*"], conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] },
      ],
    });
    assert.deepEqual(JSON.parse(String(doc.json)), {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } },
        { Sid: "Read", Effect: "Deny", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ],
    });
    assert.equal(doc.minifiedJson, JSON.stringify(JSON.parse(String(doc.json))));
  });

  it("answers Azure's client config from the provider's settings, or GUIDs derived from the project", () => {
    const own = answer("azure-native:authorization:getClientConfig", {}, ctx("westeurope", { subscriptionId: "11111111-2222-3333-4444-555555555555" }));
    assert.equal(own.subscriptionId, "11111111-2222-3333-4444-555555555555");
    const derived = answer("azure-native:authorization:getClientConfig", {}, ctx("westeurope"));
    for (const k of ["subscriptionId", "tenantId", "clientId", "objectId"]) assert.match(String(derived[k]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const keys = answer("azure-native:storage:listStorageAccountKeys", { resourceGroupName: "rg", accountName: "acct" }).keys as { keyName: string; value: string }[];
    assert.deepEqual(keys.map((k) => k.keyName), ["key1", "key2"]);
    assert.equal(Buffer.from(keys[0].value, "base64").length, 64);
  });

  it("answers GCP's project, zones and images from the provider's settings", () => {
    const c = ctx("europe-west1", { project: "acme-data" });
    const p = answer("gcp:organizations/getProject:getProject", {}, c);
    assert.equal(p.projectId, "acme-data");
    assert.match(String(p.number), /^[1-9]\d{11}$/);
    assert.deepEqual(answer("gcp:compute/getZones:getZones", {}, c).names, ["europe-west1-b", "europe-west1-c", "europe-west1-d"]);
    assert.deepEqual(answer("gcp:compute/getZones:getZones", { region: "us-central1" }, c).names, ["us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f"]);
    const img = answer("gcp:compute/getImage:getImage", { family: "debian-12", project: "debian-cloud" }, c);
    assert.equal(img.selfLink, "https://www.googleapis.com/compute/v1/projects/debian-cloud/global/images/debian-12-v20250115");
    const agent = answer("gcp:storage/getProjectServiceAccount:getProjectServiceAccount", {}, c);
    assert.equal(agent.emailAddress, `service-${p.number}@gs-project-accounts.iam.gserviceaccount.com`);
    assert.equal(answer("gcp:organizations/getProject:getProject", {}, ctx("us-central1")).projectId, "shop-dev");
  });

  it("takes the region from the call, its explicit provider, or the stack, per cloud", () => {
    const stack = (k: string) => ({ region: "eu-west-2", location: "uksouth" })[k];
    assert.equal(invokeRegion("aws:ec2/getAmi:getAmi", {}, stack), "eu-west-2");
    assert.equal(invokeRegion("aws:ec2/getAmi:getAmi", { region: "sa-east-1" }, stack), "sa-east-1");
    assert.equal(invokeRegion("aws:ec2/getAmi:getAmi", {}, () => undefined), "us-east-1");
    assert.equal(invokeRegion("azure-native:resources:getResourceGroup", {}, stack), "uksouth");
    assert.equal(invokeRegion("gcp:compute/getZones:getZones", {}, () => undefined), "us-central1");

    const { mocks, log } = offlineMocks({ project: "p", stack: "s", organization: "o", config: { "aws:region": "us-east-1" } });
    mocks.newResource({ type: "pulumi:providers:aws", name: "west", inputs: { region: "us-west-1" }, custom: true });
    const viaProvider = mocks.call({ token: "aws:index/getRegion:getRegion", inputs: {}, provider: "urn:pulumi:s::p::pulumi:providers:aws::west::west-id" }) as Record<string, unknown>;
    const viaStack = mocks.call({ token: "aws:index/getRegion:getRegion", inputs: {} }) as Record<string, unknown>;
    assert.deepEqual([viaProvider.name, viaStack.name], ["us-west-1", "us-east-1"]);
    mocks.call({ token: "aws:ec2/getInstanceType:getInstanceType", inputs: { instanceType: "m7i.large" } });
    assert.deepEqual(log.lookups(), [{ token: "aws:index/getRegion:getRegion", calls: 2, regions: ["us-east-1", "us-west-1"] }]);
    assert.deepEqual(log.unknownInvokes(), ["aws:ec2/getInstanceType:getInstanceType"]);
  });

  it("is documented in the README, row for row", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
    const start = readme.indexOf("<!-- offline-invokes:start -->");
    const end = readme.indexOf("<!-- offline-invokes:end -->");
    assert.ok(start >= 0 && end > start, "README.md has no offline-invokes section");
    const table = readme.slice(start, end).split("\n").slice(1).join("\n");
    assert.equal(table, invokeTableMarkdown(), "README's table of offline invokes is stale. To fix: run `npx ts-node --transpile-only cli/program/invokes/readme.ts`.");
  });
});
