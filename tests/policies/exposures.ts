// Small hand-written programs reproducing the exposures that went unflagged on public example
// programs (issue 10), each written the way such examples are, with a fixed twin: an RDS
// database whose security group opens MySQL to the internet, an ECR repository anyone may push
// to, a Cloud Function anyone may invoke, an Azure VM with SSH passwords on a public IP without
// an NSG, an Azure SQL server with public access and no minimum TLS, and a GCP VM forwarding
// traffic. Resources are declared with the real provider SDKs.

import * as ec2 from "@pulumi/aws/ec2";
import * as ecr from "@pulumi/aws/ecr";
import * as rds from "@pulumi/aws/rds";
import * as azcompute from "@pulumi/azure-native/compute";
import * as aznetwork from "@pulumi/azure-native/network";
import * as azsql from "@pulumi/azure-native/sql";
import * as cloudfunctions from "@pulumi/gcp/cloudfunctions";
import * as gcompute from "@pulumi/gcp/compute";

/** A program and its fixed twin. */
export interface Exposure {
  readonly name: string;
  readonly exposed: () => void;
  readonly fixed: () => void;
}

const RG = "examples-rg";

function mysql(exposed: boolean): void {
  const sg = new ec2.SecurityGroup("db-sg", {
    description: "MySQL access",
    ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: [exposed ? "0.0.0.0/0" : "10.0.0.0/16"] }],
  });
  new rds.Instance("db", {
    engine: "mysql",
    engineVersion: "8.0.39",
    instanceClass: "db.t3.micro",
    allocatedStorage: 20,
    username: "admin",
    manageMasterUserPassword: true,
    vpcSecurityGroupIds: [sg.id],
    skipFinalSnapshot: true,
    ...(exposed ? {} : { storageEncrypted: true, backupRetentionPeriod: 7, deletionProtection: true, enabledCloudwatchLogsExports: ["error"] }),
  });
}

function registry(exposed: boolean): void {
  const repo = new ecr.Repository("images", { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE" });
  const principal = exposed ? "*" : { AWS: "arn:aws:iam::111122223333:role/ci" };
  new ecr.RepositoryPolicy("images-policy", {
    repository: repo.name,
    policy: JSON.stringify({
      Version: "2008-10-17",
      Statement: [{ Sid: "push", Effect: "Allow", Principal: principal, Action: ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:DeleteRepository"] }],
    }),
  });
}

function cloudFunction(exposed: boolean): void {
  const fn = new cloudfunctions.Function("hello", {
    runtime: "nodejs20",
    region: "us-central1",
    triggerHttp: true,
    entryPoint: "handler",
    sourceArchiveBucket: "code",
    sourceArchiveObject: "hello.zip",
  });
  new cloudfunctions.FunctionIamMember("hello-invoker", {
    cloudFunction: fn.name,
    region: "us-central1",
    role: "roles/cloudfunctions.invoker",
    member: exposed ? "allUsers" : "serviceAccount:scheduler@examples.iam.gserviceaccount.com",
  });
}

function azureVm(exposed: boolean): void {
  const nsg = exposed
    ? undefined
    : new aznetwork.NetworkSecurityGroup("vm-nsg", {
        resourceGroupName: RG,
        securityRules: [{ name: "ssh-office", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "22", sourceAddressPrefix: "203.0.113.0/24", destinationAddressPrefix: "*" }],
      });
  const vnet = new aznetwork.VirtualNetwork("vnet", {
    resourceGroupName: RG,
    addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    subnets: [{ name: "default", addressPrefix: "10.0.1.0/24", ...(nsg ? { networkSecurityGroup: { id: nsg.id } } : {}) }],
  });
  const ip = new aznetwork.PublicIPAddress("vm-ip", { resourceGroupName: RG, publicIPAllocationMethod: "Dynamic" });
  const nic = new aznetwork.NetworkInterface("vm-nic", {
    resourceGroupName: RG,
    ipConfigurations: [{ name: "ipconfig", subnet: { id: vnet.id.apply((id) => `${id}/subnets/default`) }, publicIPAddress: { id: ip.id }, privateIPAllocationMethod: "Dynamic" }],
  });
  new azcompute.VirtualMachine("vm", {
    resourceGroupName: RG,
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: nic.id }] },
    osProfile: exposed
      ? { computerName: "vm", adminUsername: "azureuser", adminPassword: "Passw0rd1234!", linuxConfiguration: { disablePasswordAuthentication: false } }
      : { computerName: "vm", adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3Nza azureuser" }] } } },
    storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" }, osDisk: { createOption: "FromImage" } },
  });
}

function azureSql(exposed: boolean): void {
  const server = new azsql.Server("sql", {
    resourceGroupName: RG,
    administratorLogin: "sqladmin",
    administratorLoginPassword: "from-secret-store",
    version: "12.0",
    ...(exposed ? {} : { publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2" }),
  });
  if (!exposed) {
    new azsql.ServerBlobAuditingPolicy("sql-audit", { resourceGroupName: RG, serverName: server.name, state: "Enabled", isAzureMonitorTargetEnabled: true });
  }
}

function gcpVm(exposed: boolean): void {
  new gcompute.Instance("router", {
    machineType: "e2-small",
    zone: "us-central1-a",
    bootDisk: { initializeParams: { image: "debian-cloud/debian-12" } },
    networkInterfaces: [{ network: "default" }],
    canIpForward: exposed,
    shieldedInstanceConfig: { enableSecureBoot: true },
    metadata: { "block-project-ssh-keys": "true", "enable-oslogin": "TRUE" },
  });
}

/** The six exposures of issue 10. */
export const EXPOSURES: readonly Exposure[] = [
  { name: "rds-mysql-open", exposed: () => mysql(true), fixed: () => mysql(false) },
  { name: "ecr-public-push", exposed: () => registry(true), fixed: () => registry(false) },
  { name: "cloud-function-public", exposed: () => cloudFunction(true), fixed: () => cloudFunction(false) },
  { name: "azure-vm-password-public-ip", exposed: () => azureVm(true), fixed: () => azureVm(false) },
  { name: "azure-sql-public", exposed: () => azureSql(true), fixed: () => azureSql(false) },
  { name: "gcp-vm-ip-forwarding", exposed: () => gcpVm(true), fixed: () => gcpVm(false) },
];
