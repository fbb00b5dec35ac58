// Golden cases: resources of the Infracost golden tests (shared/data/prices/infracost-goldens),
// written as Pulumi resources with the real provider SDKs, each with the usage quantities the
// golden's usage file gave and, where our estimate is not within 2% of the golden, the reason.

import * as awsCloudwatch from "@pulumi/aws/cloudwatch";
import * as awsEbs from "@pulumi/aws/ebs";
import * as awsEc2 from "@pulumi/aws/ec2";
import * as awsEcs from "@pulumi/aws/ecs";
import * as awsEks from "@pulumi/aws/eks";
import * as awsElb from "@pulumi/aws/elb";
import * as awsKms from "@pulumi/aws/kms";
import * as awsLambda from "@pulumi/aws/lambda";
import * as awsLb from "@pulumi/aws/lb";
import * as awsRds from "@pulumi/aws/rds";
import * as awsRoute53 from "@pulumi/aws/route53";
import * as azCompute from "@pulumi/azure-native/compute";
import * as azContainer from "@pulumi/azure-native/containerservice";
import * as azPostgres from "@pulumi/azure-native/dbforpostgresql";
import * as azDns from "@pulumi/azure-native/dns";
import * as azNetwork from "@pulumi/azure-native/network";
import * as azSql from "@pulumi/azure-native/sql";
import * as azWeb from "@pulumi/azure-native/web";
import * as gcpCompute from "@pulumi/gcp/compute";
import * as gcpContainer from "@pulumi/gcp/container";
import * as gcpDns from "@pulumi/gcp/dns";
import * as gcpFunctions from "@pulumi/gcp/cloudfunctions";
import * as gcpLogging from "@pulumi/gcp/logging";
import * as gcpSql from "@pulumi/gcp/sql";
import type { UsageValues } from "../../../optimizer/pricing/types";

/** One golden resource and how to build it. */
export interface GoldenCase {
  /** Golden file under infracost-goldens, e.g. "aws/ebs_volume_test/ebs_volume_test.golden". */
  readonly golden: string;
  /** The resource's Terraform address in the golden; also its Pulumi name here. */
  readonly address: string;
  /** Registers the resource (and any it needs) under that name. */
  readonly build: (name: string) => void;
  /** Usage quantities, as the golden's usage file gave them. */
  readonly usage?: UsageValues;
  /** Compare only the golden's components whose name contains one of these, with the reason. */
  readonly only?: { readonly components: readonly string[]; readonly why: string };
  /** A known difference beyond 2%: why, and the range our total / the golden's falls in. */
  readonly differs?: { readonly why: string; readonly ratio: readonly [number, number] };
}

const RG = "rg";
const A = (golden: string) => `aws/${golden}/${golden}.golden`;
const Z = (golden: string) => `azure/${golden}/${golden}.golden`;
const G = (golden: string) => `google/${golden}/${golden}.golden`;

/** The golden cases, AWS (us-east-1), Azure (eastus unless named) and Google Cloud (us-central1). */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  // AWS compute and storage
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.gp2", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 10, type: "gp2" }) },
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.gp3", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 40, type: "gp3", iops: 4000, throughput: 130 }) },
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.io1", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 30, type: "io1", iops: 300 }) },
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.st1", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 40, type: "st1" }) },
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.sc1", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 50, type: "sc1" }) },
  { golden: A("ebs_volume_test"), address: "aws_ebs_volume.standard_withUsage", build: (n) => new awsEbs.Volume(n, { availabilityZone: "us-east-1a", size: 20, type: "standard" }), usage: { monthlyIOps: 1_000_000 } },
  {
    golden: A("instance_test"),
    address: "aws_instance.t3_unlimited_cpuCredits",
    build: (n) => new awsEc2.Instance(n, { ami: "ami-1", instanceType: "t3.medium", creditSpecification: { cpuCredits: "unlimited" }, rootBlockDevice: { volumeSize: 8, volumeType: "gp2" } }),
    usage: { cpuCreditHours: 1460 },
  },
  { golden: A("eip_test"), address: "aws_eip.eip1", build: (n) => new awsEc2.Eip(n, { domain: "vpc" }) },
  { golden: A("nat_gateway_test"), address: "aws_nat_gateway.nat_withUsage", build: (n) => new awsEc2.NatGateway(n, { subnetId: "subnet-1", allocationId: "eipalloc-1" }), usage: { monthlyDataProcessedGB: 100 } },
  { golden: A("lb_test"), address: "aws_lb.alb1_usage", build: (n) => new awsLb.LoadBalancer(n, { loadBalancerType: "application", subnets: ["subnet-1", "subnet-2"] }), usage: { monthlyLcu: 1.3698 } },
  { golden: A("lb_test"), address: "aws_lb.nlb1_usage", build: (n) => new awsLb.LoadBalancer(n, { loadBalancerType: "network", subnets: ["subnet-1"] }), usage: { monthlyLcu: 1.3698 } },
  { golden: A("elb_test"), address: "aws_elb.my_elb", build: (n) => new awsElb.LoadBalancer(n, { availabilityZones: ["us-east-1a"], listeners: [{ instancePort: 80, instanceProtocol: "http", lbPort: 80, lbProtocol: "http" }] }), usage: { monthlyDataProcessedGB: 10_000 } },
  { golden: A("vpn_connection_test"), address: "aws_vpn_connection.transit_withUsage", build: (n) => new awsEc2.VpnConnection(n, { customerGatewayId: "cgw-1", transitGatewayId: "tgw-1", type: "ipsec.1" }), usage: { monthlyDataProcessedGB: 100 } },
  { golden: A("kms_key_test"), address: "aws_kms_key.kms", build: (n) => new awsKms.Key(n, {}) },
  // AWS DNS
  { golden: A("route53_zone_test"), address: "aws_route53_zone.zone1", build: (n) => new awsRoute53.Zone(n, { name: "example.com" }) },
  {
    golden: A("route53_record_test"),
    address: "aws_route53_record.my_record_withUsage",
    build: (n) => new awsRoute53.Record(n, { zoneId: "Z1", name: "www", type: "A", ttl: 300, records: ["10.0.0.1"] }),
    usage: { monthlyQueries: 1_100_000_000 },
    only: { components: ["Standard queries"], why: "Infracost prices all three query kinds of a record at once; a Pulumi record has one routing policy (here simple), so only its standard queries are compared" },
  },
  { golden: A("route53_health_check_test"), address: "aws_route53_health_check.ssl_latency_interval_string_match", build: (n) => new awsRoute53.HealthCheck(n, { type: "HTTPS_STR_MATCH", fqdn: "example.com", port: 443, searchString: "ok", measureLatency: true, requestInterval: 10, failureThreshold: 3 }) },
  { golden: A("route53_health_check_test"), address: "aws_route53_health_check.https_withUsage", build: (n) => new awsRoute53.HealthCheck(n, { type: "HTTPS", fqdn: "example.com", port: 443, failureThreshold: 3 }), usage: { nonAwsEndpoint: 1 } },
  {
    golden: A("route53_resolver_endpoint_test"),
    address: "aws_route53_resolver_endpoint.test_withUsage2B",
    build: (n) => new awsRoute53.ResolverEndpoint(n, { direction: "INBOUND", securityGroupIds: ["sg-1"], ipAddresses: [{ subnetId: "subnet-1" }, { subnetId: "subnet-2" }] }),
    usage: { monthlyQueries: 2_000_000_000 },
  },
  // AWS serverless, containers, logs, databases
  {
    golden: A("lambda_function_test"),
    address: "aws_lambda_function.lambda_duration_9B",
    build: (n) => new awsLambda.Function(n, { role: "arn:aws:iam::1:role/x", runtime: "nodejs20.x", handler: "index.handler", memorySize: 1024 }),
    usage: { monthlyRequests: 9_000_000_000, averageDurationMs: 1024 },
  },
  { golden: A("cloudwatch_log_group_test"), address: "aws_cloudwatch_log_group.logs_withUsage", build: (n) => new awsCloudwatch.LogGroup(n, {}), usage: { monthlyIngestedGB: 1000, storageGiB: 500, monthlyScannedGB: 250 } },
  { golden: A("eks_cluster_test"), address: "aws_eks_cluster.my_aws_eks_cluster", build: (n) => new awsEks.Cluster(n, { roleArn: "arn:aws:iam::1:role/eks", vpcConfig: { subnetIds: ["subnet-1"] } }) },
  {
    golden: A("ecs_service_test"),
    address: "aws_ecs_service.ecs_fargate2",
    build: (n) => {
      const td = new awsEcs.TaskDefinition(`${n}-task`, { family: "app", cpu: "1024", memory: "2048", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc", containerDefinitions: "[]" });
      new awsEcs.Service(n, { launchType: "FARGATE", desiredCount: 2, taskDefinition: td.arn });
    },
  },
  {
    golden: A("db_instance_test"),
    address: "aws_db_instance.mysql-iops",
    build: (n) => new awsRds.Instance(n, { engine: "mysql", instanceClass: "db.t3.large", allocatedStorage: 100, storageType: "io1", iops: 1200 }),
    usage: { backupStorageGB: 1000 },
  },
  { golden: A("db_instance_test"), address: "aws_db_instance.sqlserver-se", build: (n) => new awsRds.Instance(n, { engine: "sqlserver-se", instanceClass: "db.m5.xlarge", allocatedStorage: 20, licenseModel: "license-included" }) },
  { golden: A("db_instance_test"), address: "aws_db_instance.mysql-multi-az", build: (n) => new awsRds.Instance(n, { engine: "mysql", instanceClass: "db.t3.large", allocatedStorage: 30, multiAz: true }), usage: { backupStorageGB: 1000 } },
  {
    golden: A("db_instance_test"),
    address: "aws_db_instance.mysql-iops-below-min",
    build: (n) => new awsRds.Instance(n, { engine: "mysql", instanceClass: "db.t3.large", allocatedStorage: 100, storageType: "io1", iops: 1000 }),
    usage: { backupStorageGB: 1000 },
  },
  {
    golden: A("db_instance_test"),
    address: 'aws_db_instance.gp3["multi_az"]',
    build: (n) => new awsRds.Instance(n, { engine: "mysql", instanceClass: "db.t4g.small", allocatedStorage: 400, storageType: "gp3", iops: 14000, multiAz: true }),
  },
  { golden: A("db_instance_test"), address: 'aws_db_instance.extended_support["postgres-12"]', build: (n) => new awsRds.Instance(n, { engine: "postgres", instanceClass: "db.t3.large", allocatedStorage: 20 }), only: { components: ["Database instance", "Storage"], why: "extended support of PostgreSQL 12 is not priced: cloudfit deploys only versions in standard support" } },

  // Azure
  {
    golden: Z("linux_virtual_machine_test"),
    address: "azurerm_linux_virtual_machine.standard_a2_v2_custom_disk",
    build: (n) => new azCompute.VirtualMachine(n, { resourceGroupName: RG, location: "eastus", hardwareProfile: { vmSize: "Standard_A2_v2" }, storageProfile: { osDisk: { createOption: "FromImage", diskSizeGB: 1000, managedDisk: { storageAccountType: "StandardSSD_LRS" } } } }),
    usage: { monthlyIOps: 20_000 },
  },
  { golden: Z("managed_disk_test"), address: "azurerm_managed_disk.premium", build: (n) => new azCompute.Disk(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Premium_LRS" }, diskSizeGB: 20, creationData: { createOption: "Empty" } }) },
  { golden: Z("managed_disk_test"), address: "azurerm_managed_disk.standard", build: (n) => new azCompute.Disk(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_LRS" }, diskSizeGB: 20, creationData: { createOption: "Empty" } }) },
  { golden: Z("managed_disk_test"), address: "azurerm_managed_disk.custom_size_ssd", build: (n) => new azCompute.Disk(n, { resourceGroupName: RG, location: "eastus", sku: { name: "StandardSSD_LRS" }, diskSizeGB: 1000, creationData: { createOption: "Empty" } }), usage: { monthlyIOps: 20_000 } },
  {
    golden: Z("managed_disk_test"),
    address: "azurerm_managed_disk.ultra",
    build: (n) => new azCompute.Disk(n, { resourceGroupName: RG, location: "eastus", sku: { name: "UltraSSD_LRS" }, diskSizeGB: 2048, diskIOPSReadWrite: 4000, diskMBpsReadWrite: 20, creationData: { createOption: "Empty" } }),
  },
  {
    golden: Z("kubernetes_cluster_test"),
    address: "azurerm_kubernetes_cluster.paid_D2SV2_3nc_128gb",
    build: (n) =>
      new azContainer.ManagedCluster(n, { resourceGroupName: RG, location: "eastus", dnsPrefix: "k", sku: { name: "Base", tier: "Standard" }, agentPoolProfiles: [{ name: "default", mode: "System", vmSize: "Standard_DS2_v2", count: 3, osDiskSizeGB: 128 }] }),
  },
  { golden: Z("public_ip_test"), address: "azurerm_public_ip.example", build: (n) => new azNetwork.PublicIPAddress(n, { resourceGroupName: RG, location: "eastus", publicIPAllocationMethod: "Static", sku: { name: "Standard" } }) },
  { golden: Z("public_ip_test"), address: "azurerm_public_ip.global", build: (n) => new azNetwork.PublicIPAddress(n, { resourceGroupName: RG, location: "eastus", publicIPAllocationMethod: "Static", sku: { name: "Standard", tier: "Global" } }) },
  { golden: Z("nat_gateway_test"), address: "azurerm_nat_gateway.my_gateway", build: (n) => new azNetwork.NatGateway(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard" } }), usage: { monthlyDataProcessedGB: 10 } },
  {
    golden: Z("application_gateway_test"),
    address: "azurerm_application_gateway.waf",
    build: (n) => new azNetwork.ApplicationGateway(n, { resourceGroupName: RG, location: "eastus", sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 } }),
  },
  { golden: Z("virtual_network_gateway_test"), address: "azurerm_virtual_network_gateway.VpnGw3", build: (n) => new azNetwork.VirtualNetworkGateway(n, { resourceGroupName: RG, location: "eastus", gatewayType: "Vpn", vpnType: "RouteBased", sku: { name: "VpnGw3", tier: "VpnGw3" } }) },
  { golden: Z("dns_zone_test"), address: "azurerm_dns_zone.westus", build: (n) => new azDns.Zone(n, { resourceGroupName: RG, location: "global", zoneName: "example.com" }) },
  { golden: Z("dns_a_record_test"), address: "azurerm_dns_a_record.over1B", build: (n) => new azDns.RecordSet(n, { resourceGroupName: RG, zoneName: "example.com", recordType: "A", relativeRecordSetName: "www", ttl: 300 }), usage: { monthlyQueries: 1_500_000_000 } },
  { golden: Z("app_service_plan_test"), address: "azurerm_app_service_plan.standard_s1", build: (n) => new azWeb.AppServicePlan(n, { resourceGroupName: RG, location: "eastus", kind: "Windows", sku: { name: "S1", tier: "Standard", capacity: 1 } }) },
  { golden: Z("service_plan_test"), address: 'azurerm_service_plan.example["Linux.I6v2.3"]', build: (n) => new azWeb.AppServicePlan(n, { resourceGroupName: RG, location: "eastus", kind: "linux", reserved: true, sku: { name: "I6v2", capacity: 3 } }) },
  {
    golden: Z("mssql_database_test"),
    address: "azurerm_mssql_database.standard12",
    build: (n) => new azSql.Database(n, { resourceGroupName: RG, location: "eastus", serverName: "s", sku: { name: "S12" }, maxSizeBytes: 500 * 1024 ** 3 }),
    only: { components: ["Compute", "Extra data storage"], why: "retention and backup components depend on usage the golden leaves unset" },
  },
  {
    golden: Z("mssql_database_test"),
    address: "azurerm_mssql_database.business_critical_gen",
    build: (n) => new azSql.Database(n, { resourceGroupName: RG, location: "eastus", serverName: "s", sku: { name: "BC_Gen5_8" }, maxSizeBytes: 10 * 1024 ** 3 }),
    only: { components: ["Compute", "SQL license", "Storage"], why: "retention and backup components depend on usage the golden leaves unset" },
  },
  {
    golden: Z("postgresql_flexible_server_test"),
    address: "azurerm_postgresql_flexible_server.gp",
    build: (n) => new azPostgres.Server(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_D4s_v3", tier: "GeneralPurpose" }, storage: { storageSizeGB: 32 } }),
    usage: { backupStorageGB: 5000 },
  },
  {
    golden: Z("postgresql_flexible_server_test"),
    address: "azurerm_postgresql_flexible_server.mo",
    build: (n) => new azPostgres.Server(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_E4s_v3", tier: "MemoryOptimized" }, storage: { storageSizeGB: 64 } }),
    usage: { backupStorageGB: 5000 },
  },
  {
    golden: Z("postgresql_flexible_server_test"),
    address: "azurerm_postgresql_flexible_server.burstable",
    build: (n) => new azPostgres.Server(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_B1ms", tier: "Burstable" }, storage: { storageSizeGB: 128 } }),
    usage: { backupStorageGB: 5000 },
  },
  {
    golden: Z("postgresql_flexible_server_test"),
    address: "azurerm_postgresql_flexible_server.burstable_b2ms_vcore",
    build: (n) => new azPostgres.Server(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_B2ms", tier: "Burstable" }, storage: { storageSizeGB: 128 } }),
    only: { components: ["Compute", "Storage"], why: "the golden leaves backup storage to usage" },
  },
  {
    golden: Z("postgresql_flexible_server_test"),
    address: "azurerm_postgresql_flexible_server.high_availability",
    build: (n) =>
      new azPostgres.Server(n, { resourceGroupName: RG, location: "eastus", sku: { name: "Standard_D2ads_v5", tier: "GeneralPurpose" }, storage: { storageSizeGB: 32 }, highAvailability: { mode: "ZoneRedundant" } }),
    usage: { backupStorageGB: 5000 },
    differs: {
      why:
        "Infracost prices one server whatever its high availability; Azure bills the zone-redundant standby's compute and storage too " +
        "(learn.microsoft.com, \"High availability in Azure Database for PostgreSQL\": the standby is billed like the primary), so compute and storage double",
      ratio: [1.24, 1.25],
    },
  },

  // Google Cloud
  {
    golden: G("compute_instance_test"),
    address: "google_compute_instance.sud_20_perc_with_hours",
    build: (n) => new gcpCompute.Instance(n, { machineType: "n2-standard-8", zone: "us-central1-a", bootDisk: { initializeParams: { image: "debian-12" } }, networkInterfaces: [{ network: "default" }] }),
  },
  {
    golden: G("compute_address_test"),
    address: "google_compute_instance.standard_instance_with_ip",
    build: (n) => new gcpCompute.Instance(n, { machineType: "f1-micro", zone: "us-central1-a", bootDisk: { initializeParams: { image: "debian-12" } }, networkInterfaces: [{ network: "default" }] }),
  },
  { golden: G("compute_disk_test"), address: "google_compute_disk.ssd_default", build: (n) => new gcpCompute.Disk(n, { zone: "us-central1-a", type: "pd-ssd", size: 100 }) },
  { golden: G("compute_disk_test"), address: "google_compute_disk.standard_default", build: (n) => new gcpCompute.Disk(n, { zone: "us-central1-a", type: "pd-standard", size: 500 }) },
  { golden: G("compute_disk_test"), address: "google_compute_disk.extreme_size_iops", build: (n) => new gcpCompute.Disk(n, { zone: "us-central1-a", type: "pd-extreme", size: 40, provisionedIops: 5000 }) },
  { golden: G("compute_address_test"), address: "google_compute_address.static", build: (n) => new gcpCompute.Address(n, { region: "us-central1" }) },
  { golden: G("compute_router_nat_test"), address: "google_compute_router_nat.nat", build: (n) => new gcpCompute.RouterNat(n, { router: "r", region: "us-central1", natIpAllocateOption: "AUTO_ONLY", sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES" }), usage: { assignedVms: 4, monthlyDataProcessedGB: 1000 } },
  { golden: G("compute_vpn_tunnel_test"), address: "google_compute_vpn_tunnel.tunnel1", build: (n) => new gcpCompute.VPNTunnel(n, { region: "us-central1", sharedSecret: "s", peerIp: "1.2.3.4" }) },
  { golden: G("compute_forwarding_rule_test"), address: "google_compute_forwarding_rule.default", build: (n) => new gcpCompute.ForwardingRule(n, { region: "us-central1", portRange: "80" }), usage: { monthlyDataProcessedGB: 100 } },
  {
    golden: G("container_cluster_test"),
    address: "google_container_cluster.with_node_pools_regional",
    build: (n) =>
      new gcpContainer.Cluster(n, {
        location: "us-central1",
        initialNodeCount: 3,
        nodePools: [
          { name: "pool-0", nodeCount: 2, nodeConfig: { machineType: "n1-standard-16" } },
          { name: "pool-1", nodeCount: 4, nodeConfig: { machineType: "n1-standard-16", preemptible: true } },
        ],
      }),
    differs: {
      why:
        "the catalog's 2026-05 prices (anycloud) list e2-medium at $0.05532/h and n1-standard-16 spot at $0.27908/h in us-central1, " +
        "where the golden's 2024 prices are $0.0335/h and $0.23204/h; every quantity matches the golden",
      ratio: [1.1, 1.13],
    },
  },
  { golden: G("dns_managed_zone_test"), address: "google_dns_managed_zone.zone", build: (n) => new gcpDns.ManagedZone(n, { dnsName: "example.com." }) },
  {
    golden: G("sql_database_instance_test"),
    address: 'google_sql_database_instance.db_instance["db-custom-96-368640.POSTGRES_15.REGIONAL"]',
    build: (n) => new gcpSql.DatabaseInstance(n, { region: "us-central1", databaseVersion: "POSTGRES_15", settings: { tier: "db-custom-96-368640", availabilityType: "REGIONAL" } }),
    only: { components: ["vCPUs", "Memory", "Storage"], why: "Infracost adds an unused-IP charge for every instance; whether the instance's IP is in use is not known from its inputs" },
  },
  {
    golden: G("sql_database_instance_test"),
    address: 'google_sql_database_instance.db_instance["db-custom-64-245760.MYSQL_8_0.REGIONAL"]',
    build: (n) => new gcpSql.DatabaseInstance(n, { region: "us-central1", databaseVersion: "MYSQL_8_0", settings: { tier: "db-custom-64-245760", availabilityType: "REGIONAL" } }),
    only: { components: ["vCPUs", "Memory", "Storage"], why: "Infracost adds an unused-IP charge for every instance; whether the instance's IP is in use is not known from its inputs" },
  },
  {
    golden: G("cloudfunctions_function_test"),
    address: "google_cloudfunctions_function.my_function",
    build: (n) => new gcpFunctions.Function(n, { region: "us-central1", runtime: "nodejs20", availableMemoryMb: 256, triggerHttp: true }),
    usage: { monthlyRequests: 10_000_000, averageDurationMs: 300 },
    only: { components: ["CPU", "Memory", "Invocations"], why: "outbound data of a function is internet egress, which the traffic estimate prices per workload, not the function" },
  },
  { golden: G("logging_project_bucket_config_test"), address: "google_logging_project_bucket_config.basic_withUsage", build: (n) => new gcpLogging.ProjectBucketConfig(n, { project: "p", location: "global", bucketId: "b" }), usage: { monthlyIngestedGB: 100 } },
];
