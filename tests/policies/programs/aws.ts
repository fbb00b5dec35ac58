// The AWS part of the end-to-end programs: builders of compliant resources (`o` overrides
// top-level arguments), one compliant resource of every kind the AWS rules check, and a
// non-compliant case per AWS rule that changes one setting of a compliant resource.

import * as autoscaling from "@pulumi/aws/autoscaling";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as ebs from "@pulumi/aws/ebs";
import * as ec2 from "@pulumi/aws/ec2";
import * as ecr from "@pulumi/aws/ecr";
import * as efs from "@pulumi/aws/efs";
import * as eks from "@pulumi/aws/eks";
import * as elasticache from "@pulumi/aws/elasticache";
import * as elb from "@pulumi/aws/elb";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import * as lb from "@pulumi/aws/lb";
import * as rds from "@pulumi/aws/rds";
import * as route53 from "@pulumi/aws/route53";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import { NonCompliantCase, TAGS, policyJson } from "./common";

const ACCOUNT = { AWS: "arn:aws:iam::111122223333:root" };
const allow = (actions: string[], principal: unknown = ACCOUNT) => ({ Effect: "Allow", Principal: principal, Action: actions, Resource: "*" });
const tunnels = Object.fromEntries(
  [1, 2].flatMap((n) => [
    [`tunnel${n}IkeVersions`, ["ikev2"]],
    [`tunnel${n}Phase1EncryptionAlgorithms`, ["AES256-GCM-16"]],
    [`tunnel${n}Phase2EncryptionAlgorithms`, ["AES256-GCM-16"]],
    [`tunnel${n}Phase1IntegrityAlgorithms`, ["SHA2-384"]],
    [`tunnel${n}Phase2IntegrityAlgorithms`, ["SHA2-384"]],
    [`tunnel${n}Phase1DhGroupNumbers`, [20]],
    [`tunnel${n}Phase2DhGroupNumbers`, [20]],
  ]),
);
const blockAll = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** Builders of compliant AWS resources; `o` overrides top-level arguments. */
export const awsCompliant = {
  ebsVolume: (name: string, o: Partial<ebs.VolumeArgs> = {}) =>
    new ebs.Volume(name, { availabilityZone: "us-east-1a", size: 20, encrypted: true, tags: TAGS, ...o }),
  instance: (name: string, o: Partial<ec2.InstanceArgs> = {}) =>
    new ec2.Instance(name, {
      ami: "ami-0c55b159cbfafe1f0",
      instanceType: "m7i.large",
      rootBlockDevice: { volumeSize: 20, encrypted: true },
      metadataOptions: { httpTokens: "required" },
      userData: "#!/bin/bash\ndnf install -y nginx\n",
      tags: TAGS,
      ...o,
    }),
  launchTemplate: (name: string, o: Partial<ec2.LaunchTemplateArgs> = {}) =>
    new ec2.LaunchTemplate(name, {
      instanceType: "m7i.large",
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, encrypted: "true" } }],
      metadataOptions: { httpTokens: "required" },
      tags: TAGS,
      ...o,
    }),
  group: (name: string, lt: ec2.LaunchTemplate, o: Partial<autoscaling.GroupArgs> = {}) =>
    new autoscaling.Group(name, {
      desiredCapacity: 2,
      minSize: 1,
      maxSize: 4,
      availabilityZones: ["us-east-1a"],
      launchTemplate: { id: lt.id, version: "$Latest" },
      tags: [{ key: "team", value: "payments", propagateAtLaunch: true }],
      ...o,
    }),
  rdsInstance: (name: string, o: Partial<rds.InstanceArgs> = {}) =>
    new rds.Instance(name, {
      instanceClass: "db.t3.micro",
      engine: "postgres",
      engineVersion: "16.4",
      allocatedStorage: 20,
      username: "app",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      publiclyAccessible: false,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      tags: TAGS,
      ...o,
    }),
  rdsCluster: (name: string, o: Partial<rds.ClusterArgs> = {}) =>
    new rds.Cluster(name, {
      engine: "aurora-postgresql",
      engineVersion: "16.4",
      masterUsername: "app",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      backupRetentionPeriod: 14,
      deletionProtection: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      tags: TAGS,
      ...o,
    }),
  parameterGroup: (name: string, o: Partial<rds.ParameterGroupArgs> = {}) =>
    new rds.ParameterGroup(name, { family: "postgres14", parameters: [{ name: "rds.force_ssl", value: "1" }], tags: TAGS, ...o }),
  securityGroup: (name: string, o: Partial<ec2.SecurityGroupArgs> = {}) =>
    new ec2.SecurityGroup(name, {
      ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
      tags: TAGS,
      ...o,
    }),
  kmsKey: (name: string, o: Partial<kms.KeyArgs> = {}) =>
    new kms.Key(name, { enableKeyRotation: true, policy: policyJson(allow(["kms:*"])), tags: TAGS, ...o }),
  /** A bucket with KMS encryption, a public access block, versioning and access logging. */
  bucket: (name: string, o: { sse?: boolean; pab?: Partial<s3.BucketPublicAccessBlockArgs> | false; versioning?: boolean; logTo?: s3.Bucket | false; tags?: Record<string, string> } = {}) => {
    const bucket = new s3.Bucket(name, { tags: o.tags ?? TAGS });
    if (o.sse !== false) {
      new s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" } }],
      });
    }
    if (o.pab !== false) new s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: bucket.id, ...blockAll, ...(o.pab ?? {}) });
    if (o.versioning !== false) {
      new s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    }
    if (o.logTo) new s3.BucketLogging(`${name}-logging`, { bucket: bucket.id, targetBucket: o.logTo.id, targetPrefix: `${name}/` });
    return bucket;
  },
  vpc: (name: string, flowLog = true) => {
    const vpc = new ec2.Vpc(name, { cidrBlock: "10.0.0.0/16", tags: TAGS });
    if (flowLog) {
      new ec2.FlowLog(`${name}-flows`, { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs" });
    }
    return vpc;
  },
  lambda: (name: string, o: Partial<lambda.FunctionArgs> = {}) =>
    new lambda.Function(name, {
      role: "arn:aws:iam::111122223333:role/thumbnails",
      runtime: "nodejs20.x",
      handler: "index.handler",
      s3Bucket: "code",
      s3Key: "thumbnails.zip",
      environment: { variables: { BUCKET: "images", DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" } },
      tags: TAGS,
      ...o,
    }),
  httpsListener: (name: string, o: Partial<lb.ListenerArgs> = {}) =>
    new lb.Listener(name, {
      loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1",
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/1",
      defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/1" }],
      ...o,
    }),
  trail: (name: string, o: Partial<cloudtrail.TrailArgs> = {}) =>
    new cloudtrail.Trail(name, {
      s3BucketName: "trail-logs",
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
      kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/trail",
      tags: TAGS,
      ...o,
    }),
  vpn: (name: string, o: Partial<ec2.VpnConnectionArgs> = {}) =>
    new ec2.VpnConnection(name, { customerGatewayId: "cgw-1", vpnGatewayId: "vgw-1", type: "ipsec.1", ...tunnels, tags: TAGS, ...o }),
  failoverRecord: (name: string, o: Partial<route53.RecordArgs> = {}) =>
    new route53.Record(name, {
      zoneId: "Z123",
      name: "api.example.com",
      type: "A",
      ttl: 60,
      records: ["203.0.113.10"],
      setIdentifier: "primary",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
      healthCheckId: "hc-1",
      ...o,
    }),
};

/** One compliant resource of every kind the AWS rules check. */
export function awsCompliantProgram(): void {
  const c = awsCompliant;
  c.ebsVolume("ok-volume");
  c.instance("ok-instance");
  c.group("ok-group", c.launchTemplate("ok-template"));
  c.rdsInstance("ok-db");
  c.rdsCluster("ok-aurora");
  c.parameterGroup("ok-pg-params");
  c.securityGroup("ok-sg");
  c.kmsKey("ok-key");
  const logs = c.bucket("ok-logs");
  c.bucket("ok-bucket", { logTo: logs });
  new s3.BucketPolicy("ok-bucket-policy", { bucket: "ok-bucket", policy: policyJson(allow(["s3:GetObject"])) });
  const vpc = c.vpc("ok-vpc");
  new ec2.Subnet("ok-subnet", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: false, tags: TAGS });
  new ec2.DefaultSecurityGroup("ok-default-sg", { vpcId: vpc.id, tags: TAGS });
  new ec2.NetworkAcl("ok-nacl", {
    vpcId: vpc.id,
    ingress: [
      { ruleNo: 100, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 101, action: "deny", protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 200, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
    ],
    tags: TAGS,
  });
  new ec2.AmiLaunchPermission("ok-ami-share", { imageId: "ami-1", accountId: "111122223333" });
  new ecr.Repository("ok-repo", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", tags: TAGS });
  new ecr.RepositoryPolicy("ok-repo-policy", { repository: "ok-repo", policy: policyJson(allow(["ecr:BatchGetImage"])) });
  new sns.Topic("ok-topic", { kmsMasterKeyId: "alias/aws/sns", tags: TAGS });
  new sns.TopicPolicy("ok-topic-policy", { arn: "arn:aws:sns:us-east-1:111122223333:ok", policy: policyJson(allow(["sns:Publish"])) });
  new sqs.Queue("ok-queue", { tags: TAGS });
  new sqs.QueuePolicy("ok-queue-policy", { queueUrl: "https://sqs.us-east-1.amazonaws.com/1/ok", policy: policyJson(allow(["sqs:SendMessage"])) });
  c.lambda("ok-fn");
  new lambda.Permission("ok-fn-s3", { action: "lambda:InvokeFunction", function: "ok-fn", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" });
  new lambda.FunctionUrl("ok-fn-url", { functionName: "ok-fn", authorizationType: "AWS_IAM" });
  new iam.Policy("ok-policy", { policy: policyJson({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::data/*" }) });
  new iam.Role("ok-role", {
    assumeRolePolicy: policyJson({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
    inlinePolicies: [{ name: "read", policy: policyJson({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/app-*" }) }],
    tags: TAGS,
  });
  new iam.AccountPasswordPolicy("ok-passwords", { minimumPasswordLength: 14, passwordReusePrevention: 24 });
  c.trail("ok-trail");
  new dynamodb.Table("ok-table", { attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true }, tags: TAGS });
  new elasticache.ReplicationGroup("ok-cache", { description: "cache", nodeType: "cache.t4g.small", atRestEncryptionEnabled: true, transitEncryptionEnabled: true, tags: TAGS });
  new efs.FileSystem("ok-efs", { encrypted: true, tags: TAGS });
  new eks.Cluster("ok-eks", { roleArn: "arn:aws:iam::1:role/eks", vpcConfig: { subnetIds: ["subnet-1"], endpointPrivateAccess: true, endpointPublicAccess: false }, tags: TAGS });
  c.httpsListener("ok-https");
  c.httpsListener("ok-http-redirect", { port: 80, protocol: "HTTP", sslPolicy: undefined, certificateArn: undefined, defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] });
  new elb.LoadBalancer("ok-classic", { availabilityZones: ["us-east-1a"], listeners: [{ lbPort: 443, lbProtocol: "https", instancePort: 8443, instanceProtocol: "https", sslCertificateId: "arn:aws:acm:us-east-1:1:certificate/1" }], tags: TAGS });
  c.vpn("ok-vpn");
  c.failoverRecord("ok-failover");
}

/** One case per AWS rule added for issue 10 (the original ten are listed in index.ts). */
export const AWS_CASES: readonly NonCompliantCase[] = [
  {
    policy: "aws-security-group-no-public-ingress",
    resource: "bad-sg-mysql",
    // The exposure found in public programs: an RDS security group opening 3306 to the world.
    build: () => awsCompliant.securityGroup("bad-sg-mysql", { ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["0.0.0.0/0"] }] }),
  },
  {
    policy: "aws-s3-bucket-policy-not-public",
    resource: "bad-bucket-policy",
    build: () => new s3.BucketPolicy("bad-bucket-policy", { bucket: "ok-bucket", policy: policyJson(allow(["s3:GetObject"], "*")) }),
  },
  { policy: "aws-kms-key-policy-not-public", resource: "bad-key-policy", build: () => awsCompliant.kmsKey("bad-key-policy", { policy: policyJson(allow(["kms:Decrypt"], "*")) }) },
  {
    policy: "aws-ecr-repository-policy-not-public",
    resource: "bad-repo-policy",
    // The exposure found in public programs: anyone may push images and delete the repository.
    build: () => new ecr.RepositoryPolicy("bad-repo-policy", { repository: "ok-repo", policy: policyJson(allow(["ecr:PutImage", "ecr:DeleteRepository"], "*")) }),
  },
  { policy: "aws-sns-topic-policy-not-public", resource: "bad-topic-policy", build: () => new sns.TopicPolicy("bad-topic-policy", { arn: "arn:aws:sns:us-east-1:1:t", policy: policyJson(allow(["sns:Publish"], "*")) }) },
  { policy: "aws-sqs-queue-policy-not-public", resource: "bad-queue-policy", build: () => new sqs.QueuePolicy("bad-queue-policy", { queueUrl: "https://sqs/q", policy: policyJson(allow(["sqs:ReceiveMessage"], { AWS: "*" })) }) },
  { policy: "aws-lambda-not-public", resource: "bad-fn-permission", build: () => new lambda.Permission("bad-fn-permission", { action: "lambda:InvokeFunction", function: "ok-fn", principal: "*" }) },
  { policy: "aws-iam-no-admin-policies", resource: "bad-admin-policy", build: () => new iam.Policy("bad-admin-policy", { policy: policyJson({ Effect: "Allow", Action: "*", Resource: "*" }) }) },
  { policy: "aws-iam-no-privilege-escalation", resource: "bad-escalation", build: () => new iam.Policy("bad-escalation", { policy: policyJson({ Effect: "Allow", Action: ["iam:PassRole", "iam:CreateAccessKey"], Resource: "*" }) }) },
  { policy: "aws-iam-role-trust-not-public", resource: "bad-trust", build: () => new iam.Role("bad-trust", { assumeRolePolicy: policyJson(allow(["sts:AssumeRole"], "*")), tags: TAGS }) },
  { policy: "aws-iam-user-no-direct-policies", resource: "bad-user-policy", build: () => new iam.UserPolicy("bad-user-policy", { user: "deploy", policy: policyJson({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }) },
  { policy: "aws-iam-no-user-access-keys", resource: "bad-access-key", build: () => new iam.AccessKey("bad-access-key", { user: "deploy" }) },
  { policy: "aws-iam-password-policy-strong", resource: "bad-passwords", build: () => new iam.AccountPasswordPolicy("bad-passwords", { minimumPasswordLength: 8, passwordReusePrevention: 24 }) },
  { policy: "aws-s3-public-access-block-not-weakened", resource: "bad-pab-pab", build: () => awsCompliant.bucket("bad-pab", { pab: { blockPublicPolicy: false } }) },
  { policy: "aws-s3-bucket-versioning-enabled", resource: "bad-unversioned", build: () => awsCompliant.bucket("bad-unversioned", { versioning: false }) },
  { policy: "aws-s3-bucket-access-logging", resource: "bad-unlogged", build: () => awsCompliant.bucket("bad-unlogged") },
  { policy: "aws-s3-bucket-no-public-acl", resource: "bad-acl", build: () => new s3.BucketAclV2("bad-acl", { bucket: "ok-bucket", acl: "public-read" }) },
  { policy: "aws-ec2-user-data-no-secrets", resource: "bad-user-data", build: () => awsCompliant.instance("bad-user-data", { userData: "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" }) },
  { policy: "aws-ec2-no-public-ip", resource: "bad-public-ip", build: () => awsCompliant.instance("bad-public-ip", { associatePublicIpAddress: true }) },
  { policy: "aws-ec2-subnet-no-auto-public-ip", resource: "bad-subnet", build: () => new ec2.Subnet("bad-subnet", { vpcId: "vpc-1", cidrBlock: "10.0.2.0/24", mapPublicIpOnLaunch: true, tags: TAGS }) },
  { policy: "aws-ec2-default-security-group-closed", resource: "bad-default-sg", build: () => new ec2.DefaultSecurityGroup("bad-default-sg", { vpcId: "vpc-1", ingress: [{ protocol: "-1", self: true, fromPort: 0, toPort: 0 }], tags: TAGS }) },
  { policy: "aws-ec2-ami-not-public", resource: "bad-ami-share", build: () => new ec2.AmiLaunchPermission("bad-ami-share", { imageId: "ami-1", group: "all" }) },
  { policy: "aws-network-acl-no-public-admin-ports", resource: "bad-nacl", build: () => new ec2.NetworkAcl("bad-nacl", { vpcId: "vpc-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }], tags: TAGS }) },
  { policy: "aws-vpc-flow-logs-enabled", resource: "bad-vpc", build: () => awsCompliant.vpc("bad-vpc", false) },
  { policy: "aws-rds-backup-retention", resource: "bad-db-backups", build: () => awsCompliant.rdsInstance("bad-db-backups", { backupRetentionPeriod: 1 }) },
  { policy: "aws-rds-deletion-protection", resource: "bad-db-deletable", build: () => awsCompliant.rdsCluster("bad-db-deletable", { deletionProtection: false }) },
  { policy: "aws-rds-log-exports-enabled", resource: "bad-db-logs", build: () => awsCompliant.rdsInstance("bad-db-logs", { enabledCloudwatchLogsExports: [] }) },
  { policy: "aws-rds-auto-minor-version-upgrade", resource: "bad-db-upgrades", build: () => awsCompliant.rdsInstance("bad-db-upgrades", { autoMinorVersionUpgrade: false }) },
  { policy: "aws-rds-supported-engine-version", resource: "bad-db-version", build: () => awsCompliant.rdsInstance("bad-db-version", { engineVersion: "11.22" }) },
  { policy: "aws-rds-tls-enforced", resource: "bad-db-params", build: () => awsCompliant.parameterGroup("bad-db-params", { family: "mysql8.0", parameters: [] }) },
  { policy: "aws-lambda-environment-no-secrets", resource: "bad-fn-env", build: () => awsCompliant.lambda("bad-fn-env", { environment: { variables: { DB_PASSWORD: "correct-horse-battery-staple" } } }) },
  { policy: "aws-ecr-repository-scanned-and-immutable", resource: "bad-repo", build: () => new ecr.Repository("bad-repo", { tags: TAGS }) },
  { policy: "aws-sns-topic-encrypted", resource: "bad-topic", build: () => new sns.Topic("bad-topic", { tags: TAGS }) },
  { policy: "aws-sqs-queue-encrypted", resource: "bad-queue", build: () => new sqs.Queue("bad-queue", { sqsManagedSseEnabled: false, tags: TAGS }) },
  { policy: "aws-cloudtrail-multi-region", resource: "bad-trail-region", build: () => awsCompliant.trail("bad-trail-region", { isMultiRegionTrail: false }) },
  { policy: "aws-cloudtrail-log-file-validation", resource: "bad-trail-validation", build: () => awsCompliant.trail("bad-trail-validation", { enableLogFileValidation: false }) },
  { policy: "aws-cloudtrail-kms-encrypted", resource: "bad-trail-kms", build: () => awsCompliant.trail("bad-trail-kms", { kmsKeyId: undefined }) },
  { policy: "aws-dynamodb-point-in-time-recovery", resource: "bad-table", build: () => new dynamodb.Table("bad-table", { attributes: [{ name: "id", type: "S" }], hashKey: "id", billingMode: "PAY_PER_REQUEST", tags: TAGS }) },
  { policy: "aws-elasticache-encrypted", resource: "bad-cache", build: () => new elasticache.ReplicationGroup("bad-cache", { description: "c", nodeType: "cache.t4g.small", tags: TAGS }) },
  { policy: "aws-efs-encrypted", resource: "bad-efs", build: () => new efs.FileSystem("bad-efs", { tags: TAGS }) },
  { policy: "aws-eks-endpoint-not-public", resource: "bad-eks", build: () => new eks.Cluster("bad-eks", { roleArn: "arn:aws:iam::1:role/eks", vpcConfig: { subnetIds: ["subnet-1"] }, tags: TAGS }) },
  { policy: "aws-lb-listener-https-only", resource: "bad-http", build: () => awsCompliant.httpsListener("bad-http", { port: 80, protocol: "HTTP", sslPolicy: undefined, certificateArn: undefined }) },
  { policy: "aws-lb-listener-tls-1-2", resource: "bad-tls", build: () => awsCompliant.httpsListener("bad-tls", { sslPolicy: "ELBSecurityPolicy-2016-08" }) },
  { policy: "aws-lb-no-admin-port-listeners", resource: "bad-ssh-listener", build: () => awsCompliant.httpsListener("bad-ssh-listener", { port: 22, protocol: "TCP", sslPolicy: undefined, certificateArn: undefined }) },
  { policy: "aws-vpn-tunnels-ikev2-strong-ciphers", resource: "bad-vpn", build: () => awsCompliant.vpn("bad-vpn", { tunnel1IkeVersions: ["ikev1", "ikev2"] }) },
  { policy: "aws-route53-failover-record-health-checked", resource: "bad-failover", build: () => awsCompliant.failoverRecord("bad-failover", { healthCheckId: undefined }) },
];
