// AWS emitter of a database: an RDS instance (Multi-AZ for a zone standby) in a subnet group over
// the network's two private subnets, a security group admitting only the linked services' networks
// on the engine port, storage encrypted with its own KMS key, no public address, backups kept,
// deletion protection, IAM authentication, logs exported, and TLS forced by its parameter group.
// Read replicas follow the primary with the same protections.

import type * as pulumi from "@pulumi/pulumi";
import { SecurityGroup } from "@pulumi/aws/ec2";
import { Key } from "@pulumi/aws/kms";
import { Instance, ParameterGroup, SubnetGroup } from "@pulumi/aws/rds";
import { SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import { databaseStorage, engineVersionName } from "../../optimizer/database-shape";
import type { DatabaseEndpoint, DatabaseInputs } from "../database";
import { awsTags } from "../tags";

/** The parameter group family of an engine and major version (postgres16, mysql8.0). */
export function rdsFamily(engine: string, version: string): string {
  return `${engine}${version}`;
}

/** Creates the key, subnet group, security group, parameter group, primary and replicas. */
export function awsDatabase(x: DatabaseInputs, opts: pulumi.CustomResourceOptions): DatabaseEndpoint {
  const { name, spec: d, placement: p, network } = x;
  const t = awsTags(x.tags);
  const storage = databaseStorage(d, "aws")!;
  const key = new Key(`${name}-key`, { description: `cloudfit database ${d.name}`, enableKeyRotation: true, deletionWindowInDays: 30, tags: t }, opts);
  const subnets = new SubnetGroup(`${name}-subnets`, { subnetIds: network.subnetIds, description: `cloudfit database ${d.name}: private subnets only`, tags: t }, opts);
  const sg = new SecurityGroup(`${name}-sg`, { vpcId: network.networkId, description: `cloudfit database ${d.name}: port ${d.port} from linked services only`, tags: { ...t, Name: `${name}-sg` } }, opts);
  for (const r of x.ingress) {
    new SecurityGroupIngressRule(
      `${name}-in-${r.cidr.replace(/[./]/g, "-")}`,
      { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: d.port, toPort: d.port, cidrIpv4: r.cidr, description: `Port ${d.port} from ${r.from ?? r.cidr}`, tags: t },
      opts,
    );
  }
  const tls = d.engine === "postgres" ? { name: "rds.force_ssl", value: "1" } : { name: "require_secure_transport", value: "1" };
  const params = new ParameterGroup(
    `${name}-params`,
    { family: rdsFamily(d.engine, d.version), description: `cloudfit database ${d.name}: TLS required`, parameters: [tls], tags: t },
    opts,
  );
  const common = {
    instanceClass: p.instanceClass,
    storageType: storage.type,
    ...(storage.iops !== undefined ? { iops: storage.iops } : {}),
    storageEncrypted: true,
    kmsKeyId: key.arn,
    publiclyAccessible: false,
    vpcSecurityGroupIds: [sg.id],
    parameterGroupName: params.name,
    autoMinorVersionUpgrade: true,
    iamDatabaseAuthenticationEnabled: true,
    // CloudWatch Logs exports RDS offers per engine (RDS User Guide, "Publishing database logs").
    enabledCloudwatchLogsExports: d.engine === "postgres" ? ["postgresql", "upgrade"] : ["audit", "error", "general", "slowquery"],
    copyTagsToSnapshot: true,
    deletionProtection: true,
    tags: t,
  };
  const primary = new Instance(
    `${name}-db`,
    {
      ...common,
      engine: d.engine,
      engineVersion: engineVersionName("aws", d),
      allocatedStorage: storage.sizeGiB,
      multiAz: d.ha !== "none",
      dbSubnetGroupName: subnets.name,
      username: x.user,
      password: x.password,
      backupRetentionPeriod: d.backupRetentionDays,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${name}-final`,
    },
    opts,
  );
  const replicas = Array.from({ length: d.readReplicas }, (_, i) =>
    // Engine and storage as the primary's: a replica is billed for its own copy of the storage.
    new Instance(
      `${name}-replica-${i + 1}`,
      { ...common, engine: d.engine, allocatedStorage: storage.sizeGiB, replicateSourceDb: primary.identifier, skipFinalSnapshot: true },
      opts,
    ),
  );
  return { host: primary.address, replicaHosts: replicas.map((r) => r.address) };
}
