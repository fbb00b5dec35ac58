// Database under Pulumi's mocks, per cloud: exact resource types and counts, the security inputs
// (private access, TLS, encryption, backups, deletion protection, admitted sources), the sizes
// the plan chose, secret credentials and connection string, and bad arguments.

import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Database } from "../../components/database";
import { loadCatalog } from "../../optimizer/catalog";
import type { DatabasePlacement } from "../../optimizer/plan";
import type { NormalizedDatabase } from "../../optimizer/spec";
import { validateSpec } from "../../optimizer/validate";
import { countByType, named, ofType, Recorded, runMocked } from "./harness";

const catalog = loadCatalog();

function spec(over: Record<string, unknown> = {}): NormalizedDatabase {
  return validateSpec(
    { services: { api: { replicas: 1, vcpu: 1, memoryGiB: 2 } }, databases: { orders: { engine: "postgres", vcpu: 2, memoryGiB: 8, storageGiB: 100, ...over } } },
    catalog,
  ).databases![0];
}

const CALLERS = [{ port: 5432, cidr: "10.16.0.0/16", from: "api in aws:eu-central-1" }];

async function run(placement: DatabasePlacement, d: NormalizedDatabase, extra: Record<string, unknown> = {}, config: Record<string, string> = {}) {
  return runMocked(() => {
    const db = new Database("orders", { placement, database: d, ingress: d.port === 5432 ? CALLERS : [], ...extra });
    return { host: db.host, cost: db.monthlyCostUSD, url: db.connectionString, isSecret: pulumi.isSecret(db.connectionString), password: db.adminPassword };
  }, { config });
}

/** The types a component created besides its network (which the network tests cover). */
function ownTypes(resources: readonly Recorded[]): Record<string, number> {
  const mine = resources.filter((r) => !/-net-/.test(r.name) || r.type === "cloudfit:data:Database");
  return countByType(mine);
}

describe("Database", function () {
  this.timeout(60000);

  describe("on AWS", () => {
    let resources: Recorded[];
    let value: any;
    before(async () => ({ resources, value } = await run({ cloud: "aws", region: "eu-central-1", instanceClass: "db.m6g.large" }, spec({ ha: "zone", readReplicas: 1 }))));

    it("creates a key, subnet group, security group with one rule per caller, TLS parameter group, primary and replica", () => {
      assert.deepStrictEqual(ownTypes(resources), {
        "aws:kms/key:Key": 1,
        "aws:rds/instance:Instance": 2,
        "aws:rds/parameterGroup:ParameterGroup": 1,
        "aws:rds/subnetGroup:SubnetGroup": 1,
        "aws:ec2/securityGroup:SecurityGroup": 1,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 1,
        "cloudfit:data:Database": 1,
        "random:index/randomPassword:RandomPassword": 1,
      });
    });

    it("runs the planned class Multi-AZ, encrypted with its key, private, backed up, protected and TLS-only", () => {
      const db = named(resources, "aws:rds/instance:Instance", "orders-db").inputs;
      assert.deepStrictEqual(
        {
          engine: db.engine,
          engineVersion: db.engineVersion,
          instanceClass: db.instanceClass,
          allocatedStorage: db.allocatedStorage,
          storageType: db.storageType,
          multiAz: db.multiAz,
          storageEncrypted: db.storageEncrypted,
          kmsKeyId: db.kmsKeyId,
          publiclyAccessible: db.publiclyAccessible,
          backupRetentionPeriod: db.backupRetentionPeriod,
          deletionProtection: db.deletionProtection,
          iamDatabaseAuthenticationEnabled: db.iamDatabaseAuthenticationEnabled,
          autoMinorVersionUpgrade: db.autoMinorVersionUpgrade,
          enabledCloudwatchLogsExports: db.enabledCloudwatchLogsExports,
          dbSubnetGroupName: db.dbSubnetGroupName,
          vpcSecurityGroupIds: db.vpcSecurityGroupIds,
          parameterGroupName: db.parameterGroupName,
          skipFinalSnapshot: db.skipFinalSnapshot,
        },
        {
          engine: "postgres",
          engineVersion: "16",
          instanceClass: "db.m6g.large",
          allocatedStorage: 100,
          storageType: "gp3",
          multiAz: true,
          storageEncrypted: true,
          kmsKeyId: "arn:mock:aws:kms/key:Key:orders-key",
          publiclyAccessible: false,
          backupRetentionPeriod: 7,
          deletionProtection: true,
          iamDatabaseAuthenticationEnabled: true,
          autoMinorVersionUpgrade: true,
          enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
          dbSubnetGroupName: "orders-subnets",
          vpcSecurityGroupIds: ["orders-sg-id"],
          parameterGroupName: "orders-params",
          skipFinalSnapshot: false,
        },
      );
      const params = named(resources, "aws:rds/parameterGroup:ParameterGroup", "orders-params").inputs;
      assert.deepStrictEqual([params.family, params.parameters], ["postgres16", [{ name: "rds.force_ssl", value: "1" }]]);
      const subnets = named(resources, "aws:rds/subnetGroup:SubnetGroup", "orders-subnets").inputs;
      assert.strictEqual(subnets.subnetIds.length, 2);
      const replica = named(resources, "aws:rds/instance:Instance", "orders-replica-1").inputs;
      assert.deepStrictEqual(
        [replica.replicateSourceDb, replica.storageEncrypted, replica.publiclyAccessible, replica.instanceClass, replica.multiAz],
        ["orders-db", true, false, "db.m6g.large", undefined],
      );
    });

    it("admits only the linked services' networks on the engine port", () => {
      const rules = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs);
      assert.deepStrictEqual(rules, [
        { securityGroupId: "orders-sg-id", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.16.0.0/16", description: "Port 5432 from api in aws:eu-central-1", tags: rules[0].tags },
      ]);
    });

    it("keeps the credentials secret and prices what it emits", () => {
      assert.strictEqual(value.isSecret, true);
      assert.strictEqual(value.url, "postgresql://cloudfit:pw-orders-password@orders-db.rds.mock:5432/postgres?sslmode=require");
      // The password reaches the provider as a secret value (Pulumi's secret signature), never in plain text.
      const password = named(resources, "aws:rds/instance:Instance", "orders-db").inputs.password;
      assert.deepStrictEqual(password, { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "pw-orders-password" });
      // db.m6g.large Multi-AZ (2 x 730 h x $0.159) + 2 x 100 GB gp3, and a Single-AZ replica, in Frankfurt's price index.
      assert.ok(value.cost > 3 * 116 && value.cost < 3 * 160, String(value.cost));
    });
  });

  describe("on Azure", () => {
    let resources: Recorded[];
    let value: any;
    before(
      async () =>
        ({ resources, value } = await run({ cloud: "azure", region: "westeurope", instanceClass: "Standard_D2ds_v5" }, spec({ ha: "region", backup: { retentionDays: 14 } }), {}, { "cloudfit:ordersPassword": "from-config" })),
    );

    it("creates a delegated subnet with its NSG, a linked private DNS zone, the server and its parameters", () => {
      assert.deepStrictEqual(ownTypes(resources), {
        "azure-native:dbforpostgresql:Configuration": 5,
        "azure-native:dbforpostgresql:Server": 1,
        "azure-native:network:NetworkSecurityGroup": 1,
        "azure-native:network:Subnet": 1,
        "azure-native:privatedns:PrivateZone": 1,
        "azure-native:privatedns:VirtualNetworkLink": 1,
        "cloudfit:data:Database": 1,
      });
    });

    it("has private access only, zone-redundant HA, geo-redundant backups and TLS 1.2 required", () => {
      const s = named(resources, "azure-native:dbforpostgresql:Server", "orders-server").inputs;
      assert.deepStrictEqual(
        [s.sku, s.storage, s.version, s.highAvailability.mode, s.backup, s.network],
        [
          { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
          { storageSizeGB: 128, autoGrow: "Disabled" },
          "16",
          "ZoneRedundant",
          { backupRetentionDays: 14, geoRedundantBackup: "Enabled" },
          { delegatedSubnetResourceId: "orders-subnet-id", privateDnsZoneArmResourceId: "orders-zone-id", publicNetworkAccess: "Disabled" },
        ],
      );
      const subnet = named(resources, "azure-native:network:Subnet", "orders-subnet").inputs;
      assert.deepStrictEqual(subnet.delegations, [{ name: "database", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" }]);
      assert.match(subnet.addressPrefix, /^10\.\d+\.48\.0\/24$/);
      const params = ofType(resources, "azure-native:dbforpostgresql:Configuration").map((r) => `${r.inputs.configurationName}=${r.inputs.value}`);
      assert.deepStrictEqual(params.sort(), ["log_checkpoints=on", "log_connections=on", "log_disconnections=on", "require_secure_transport=on", "ssl_min_protocol_version=TLSv1.2"]);
      const nsg = named(resources, "azure-native:network:NetworkSecurityGroup", "orders-nsg").inputs;
      assert.deepStrictEqual(
        nsg.securityRules.map((r: any) => [r.access, r.sourceAddressPrefix, r.destinationPortRange, r.priority]),
        [
          ["Allow", "10.16.0.0/16", "5432", 100],
          ["Deny", "*", "*", 4000],
        ],
      );
    });

    it("takes the password from config as a secret", () => {
      assert.strictEqual(value.password, "from-config");
      assert.strictEqual(value.url, "postgresql://cloudfit:from-config@orders-server.db.mock:5432/postgres?sslmode=require");
      assert.strictEqual(value.isSecret, true);
      assert.strictEqual(ofType(resources, "random:index/randomPassword:RandomPassword").length, 0);
    });
  });

  describe("on Google Cloud", () => {
    let resources: Recorded[];
    let value: any;
    before(async () => ({ resources, value } = await run({ cloud: "gcp", region: "europe-west3", instanceClass: "db-custom-2-8192" }, spec({ engine: "mysql", ha: "zone", readReplicas: 1 }))));

    it("creates private services access, the instance, its administrator and a replica", () => {
      assert.deepStrictEqual(ownTypes(resources), {
        "cloudfit:data:Database": 1,
        "gcp:compute/globalAddress:GlobalAddress": 1,
        "gcp:servicenetworking/connection:Connection": 1,
        "gcp:sql/databaseInstance:DatabaseInstance": 2,
        "gcp:sql/user:User": 1,
        "random:index/randomPassword:RandomPassword": 1,
      });
    });

    it("has a private IP only, requires encryption, backs up with binary logs and is protected", () => {
      const i = named(resources, "gcp:sql/databaseInstance:DatabaseInstance", "orders-sql").inputs;
      assert.strictEqual(i.databaseVersion, "MYSQL_8_0");
      assert.strictEqual(i.deletionProtection, true);
      const st = i.settings;
      assert.deepStrictEqual(
        [st.tier, st.availabilityType, st.diskType, st.diskSize, st.deletionProtectionEnabled, st.ipConfiguration.ipv4Enabled, st.ipConfiguration.sslMode],
        ["db-custom-2-8192", "REGIONAL", "PD_SSD", 100, true, false, "ENCRYPTED_ONLY"],
      );
      assert.deepStrictEqual(st.backupConfiguration, { enabled: true, binaryLogEnabled: true, transactionLogRetentionDays: 7, backupRetentionSettings: { retainedBackups: 7, retentionUnit: "COUNT" } });
      const replica = named(resources, "gcp:sql/databaseInstance:DatabaseInstance", "orders-replica-1").inputs;
      assert.deepStrictEqual([replica.masterInstanceName, replica.settings.availabilityType, replica.settings.backupConfiguration], ["orders-sql", "ZONAL", undefined]);
      assert.strictEqual(value.url.startsWith("mysql://cloudfit:pw-orders-password@10.99.0."), true);
      assert.match(value.url, /:3306\/mysql\?ssl-mode=REQUIRED$/);
    });
  });

  it("refuses a class of another cloud, a network of another region and a port the engine does not use", async () => {
    const d = spec();
    const cases: [DatabasePlacement, Record<string, unknown>, RegExp][] = [
      [{ cloud: "aws", region: "eu-central-1", instanceClass: "Standard_D2ds_v5" }, {}, /"Standard_D2ds_v5" is not a class of aws for postgres\. To fix:/],
      [{ cloud: "aws", region: "eu-central-1", instanceClass: "db.m6g.large" }, { ingress: [{ port: 3306, cidr: "10.0.0.0/16" }] }, /admits port 3306, but postgres listens on 5432\. To fix: use port 5432\./],
      [{ cloud: "aws", region: "mars-1", instanceClass: "db.m6g.large" }, {}, /mars-1 is not a aws region cloudfit knows/],
    ];
    for (const [placement, extra, re] of cases) {
      await assert.rejects(
        runMocked(() => new Database("orders", { placement, database: d, ...extra })),
        (e: Error) => re.test(e.message),
      );
    }
  });
});
