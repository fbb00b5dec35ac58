// The Azure part of the end-to-end programs: builders of compliant resources (`o` overrides
// top-level arguments), one compliant resource of every kind the Azure rules check, and a
// non-compliant case per Azure rule that changes one setting of a compliant resource.

import * as azcompute from "@pulumi/azure-native/compute";
import * as azacr from "@pulumi/azure-native/containerregistry";
import * as azmysql from "@pulumi/azure-native/dbformysql";
import * as azpostgres from "@pulumi/azure-native/dbforpostgresql";
import * as azkeyvault from "@pulumi/azure-native/keyvault";
import * as aznetwork from "@pulumi/azure-native/network";
import * as azredis from "@pulumi/azure-native/redis";
import * as azsql from "@pulumi/azure-native/sql";
import * as azstorage from "@pulumi/azure-native/storage";
import * as azweb from "@pulumi/azure-native/web";
import { NonCompliantCase, RG, TAGS } from "./common";

const NSG_ID = "/subscriptions/s/resourceGroups/cloudfit-rg/providers/Microsoft.Network/networkSecurityGroups/app";
const GW = "/subscriptions/s/resourceGroups/cloudfit-rg/providers/Microsoft.Network/applicationGateways/ok-gateway";
const linux = {
  disablePasswordAuthentication: true,
  ssh: { publicKeys: [{ path: "/home/ops/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOps ops@example" }] },
};
const vaultProperties = {
  tenantId: "00000000-0000-0000-0000-000000000000",
  sku: { family: "A", name: "standard" as const },
  enablePurgeProtection: true,
  enableRbacAuthorization: true,
  networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
};
const strongIpsec = {
  ikeEncryption: "GCMAES256",
  ikeIntegrity: "SHA384",
  dhGroup: "ECP384",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "ECP384",
  saLifeTimeSeconds: 3600,
  saDataSizeKilobytes: 102400000,
};

/** Builders of compliant Azure resources; `o` overrides top-level arguments. */
export const azureCompliant = {
  storageAccount: (name: string, o: Partial<azstorage.StorageAccountArgs> = {}) =>
    new azstorage.StorageAccount(name, {
      resourceGroupName: RG,
      location: "eastus",
      kind: "StorageV2",
      sku: { name: "Standard_LRS" },
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
      encryption: {
        keySource: "Microsoft.Keyvault",
        requireInfrastructureEncryption: true,
        keyVaultProperties: { keyName: "storage", keyVaultUri: "https://cloudfit.vault.azure.net" },
      },
      tags: TAGS,
      ...o,
    }),
  vm: (name: string, o: Partial<azcompute.VirtualMachineArgs> = {}) =>
    new azcompute.VirtualMachine(name, {
      resourceGroupName: RG,
      location: "eastus",
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      securityProfile: { encryptionAtHost: true },
      storageProfile: { osDisk: { createOption: "FromImage", diskSizeGB: 32 } },
      osProfile: { computerName: name, adminUsername: "ops", linuxConfiguration: linux },
      tags: TAGS,
      ...o,
    }),
  scaleSet: (name: string, o: Partial<azcompute.VirtualMachineScaleSetArgs> = {}) =>
    new azcompute.VirtualMachineScaleSet(name, {
      resourceGroupName: RG,
      location: "eastus",
      sku: { name: "Standard_D2s_v5", capacity: 2 },
      virtualMachineProfile: {
        securityProfile: { encryptionAtHost: true },
        storageProfile: { osDisk: { createOption: "FromImage", diskSizeGB: 32 } },
      },
      tags: TAGS,
      ...o,
    }),
  nsg: (name: string, o: Partial<aznetwork.NetworkSecurityGroupArgs> = {}) =>
    new aznetwork.NetworkSecurityGroup(name, {
      resourceGroupName: RG,
      location: "eastus",
      securityRules: [
        {
          name: "https",
          priority: 100,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          sourcePortRange: "*",
          destinationPortRange: "443",
          sourceAddressPrefix: "*",
          destinationAddressPrefix: "*",
        },
      ],
      tags: TAGS,
      ...o,
    }),
  sqlServer: (name: string, o: Partial<azsql.ServerArgs> = {}) =>
    new azsql.Server(name, {
      resourceGroupName: RG,
      publicNetworkAccess: "Disabled",
      minimalTlsVersion: "1.2",
      administrators: { login: "dba-group", sid: "11111111-1111-1111-1111-111111111111", azureADOnlyAuthentication: true },
      tags: TAGS,
      ...o,
    }),
  postgres: (name: string, o: Partial<azpostgres.ServerArgs> = {}) =>
    new azpostgres.Server(name, {
      resourceGroupName: RG,
      version: "16",
      sku: { name: "Standard_B1ms", tier: "Burstable" },
      network: { delegatedSubnetResourceId: "/subnets/db", privateDnsZoneArmResourceId: "/zones/pg" },
      backup: { backupRetentionDays: 14 },
      tags: TAGS,
      ...o,
    }),
  vault: (name: string, properties: Record<string, unknown> = {}) =>
    new azkeyvault.Vault(name, { resourceGroupName: RG, properties: { ...vaultProperties, ...properties }, tags: TAGS }),
  webApp: (name: string, o: Partial<azweb.WebAppArgs> = {}) =>
    new azweb.WebApp(name, {
      resourceGroupName: RG,
      httpsOnly: true,
      siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", remoteDebuggingEnabled: false },
      tags: TAGS,
      ...o,
    }),
  gateway: (name: string, o: Partial<aznetwork.ApplicationGatewayArgs> = {}) =>
    new aznetwork.ApplicationGateway(name, {
      resourceGroupName: RG,
      sku: { name: "WAF_v2", tier: "WAF_v2", capacity: 2 },
      sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
      httpListeners: [
        { name: "https", protocol: "Https", sslCertificate: { id: `${GW}/sslCertificates/site` } },
        { name: "http", protocol: "Http" },
      ],
      requestRoutingRules: [
        { name: "site", priority: 10, ruleType: "Basic", httpListener: { id: `${GW}/httpListeners/https` }, backendAddressPool: { id: `${GW}/backendAddressPools/app` } },
        { name: "to-https", priority: 20, ruleType: "Basic", httpListener: { id: `${GW}/httpListeners/http` }, redirectConfiguration: { id: `${GW}/redirectConfigurations/https` } },
      ],
      tags: TAGS,
      ...o,
    }),
  loadBalancer: (name: string, o: Partial<aznetwork.LoadBalancerArgs> = {}) =>
    new aznetwork.LoadBalancer(name, {
      resourceGroupName: RG,
      sku: { name: "Standard" },
      frontendIPConfigurations: [{ name: "fe", publicIPAddress: { id: "/publicIPAddresses/lb" } }],
      loadBalancingRules: [{ name: "https", protocol: "Tcp", frontendPort: 443, backendPort: 8443 }],
      tags: TAGS,
      ...o,
    }),
  vpnConnection: (name: string, o: Partial<aznetwork.VirtualNetworkGatewayConnectionArgs> = {}) =>
    new aznetwork.VirtualNetworkGatewayConnection(name, {
      resourceGroupName: RG,
      connectionType: "IPsec",
      connectionProtocol: "IKEv2",
      ipsecPolicies: [strongIpsec],
      virtualNetworkGateway1: { id: "/virtualNetworkGateways/gw" },
      localNetworkGateway2: { id: "/localNetworkGateways/office" },
      sharedKey: "pre-shared",
      tags: TAGS,
      ...o,
    }),
};

/** One compliant resource of every kind the Azure rules check. */
export function azureCompliantProgram(): void {
  const c = azureCompliant;
  c.storageAccount("okstorage");
  c.vm("ok-vm");
  c.scaleSet("ok-vmss");
  c.nsg("ok-nsg");
  const vnet = new aznetwork.VirtualNetwork("ok-vnet", {
    resourceGroupName: RG,
    addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    subnets: [
      { name: "GatewaySubnet", addressPrefix: "10.1.0.0/27" },
      { name: "app", addressPrefix: "10.1.1.0/24", networkSecurityGroup: { id: NSG_ID } },
    ],
    tags: TAGS,
  });
  new aznetwork.Subnet("ok-subnet", { resourceGroupName: RG, virtualNetworkName: "ok-vnet", addressPrefix: "10.1.2.0/24", networkSecurityGroup: { id: NSG_ID } });
  new aznetwork.NetworkInterface("ok-nic", {
    resourceGroupName: RG,
    ipConfigurations: [{ name: "ip", subnet: { id: vnet.id.apply((id) => `${id}/subnets/app`) } }],
    networkSecurityGroup: { id: NSG_ID },
  });
  const sql = c.sqlServer("ok-sql");
  new azsql.ServerBlobAuditingPolicy("ok-sql-audit", { resourceGroupName: RG, serverName: sql.name, state: "Enabled", isAzureMonitorTargetEnabled: true });
  new azsql.FirewallRule("ok-sql-office", { resourceGroupName: RG, serverName: sql.name, startIpAddress: "203.0.113.0", endIpAddress: "203.0.113.255" });
  new azsql.TransparentDataEncryption("ok-sql-tde", { resourceGroupName: RG, serverName: sql.name, databaseName: "app", state: "Enabled" });
  c.postgres("ok-pg");
  new azpostgres.Configuration("ok-pg-tls", { resourceGroupName: RG, serverName: "ok-pg", configurationName: "require_secure_transport", value: "on", source: "user-override" });
  new azmysql.Server("ok-mysql", { resourceGroupName: RG, version: "8.0.21", network: { publicNetworkAccess: "Disabled" }, tags: TAGS });
  c.vault("ok-vault");
  new azkeyvault.Key("ok-vault-key", {
    resourceGroupName: RG,
    vaultName: "ok-vault",
    properties: { kty: "RSA", keySize: 3072, rotationPolicy: { lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] } },
  });
  new azkeyvault.Secret("ok-vault-secret", { resourceGroupName: RG, vaultName: "ok-vault", properties: { value: "from-ci", attributes: { expires: 1893456000 } } });
  c.webApp("ok-site");
  c.webApp("ok-functions", { kind: "functionapp,linux", publicNetworkAccess: "Disabled" });
  new azredis.Redis("ok-redis", { resourceGroupName: RG, sku: { name: "Standard", family: "C", capacity: 1 }, minimumTlsVersion: "1.2", tags: TAGS });
  new azacr.Registry("okregistry", { resourceGroupName: RG, sku: { name: "Premium" }, adminUserEnabled: false, tags: TAGS });
  new azcompute.Disk("ok-disk", { resourceGroupName: RG, creationData: { createOption: "Empty" }, diskSizeGB: 32, networkAccessPolicy: "DenyAll", tags: TAGS });
  c.gateway("ok-gateway");
  c.loadBalancer("ok-lb");
  c.vpnConnection("ok-vpn-connection");
}

/** One case per Azure rule added for issue 10 (the original seven are listed in index.ts). */
export const AZURE_CASES: readonly NonCompliantCase[] = [
  {
    policy: "azure-network-no-public-ingress",
    resource: "bad-nsg-sql",
    build: () =>
      azureCompliant.nsg("bad-nsg-sql", {
        securityRules: [{ name: "sql", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", destinationPortRange: "1433", sourceAddressPrefix: "Internet", destinationAddressPrefix: "*" }],
      }),
  },
  { policy: "azure-storage-network-default-deny", resource: "badnetwork", build: () => azureCompliant.storageAccount("badnetwork", { networkRuleSet: undefined }) },
  { policy: "azure-storage-shared-key-disabled", resource: "badsharedkey", build: () => azureCompliant.storageAccount("badsharedkey", { allowSharedKeyAccess: true }) },
  {
    policy: "azure-vm-password-authentication-disabled",
    resource: "bad-vm-password",
    // The exposure found in public programs: SSH password logins.
    build: () => azureCompliant.vm("bad-vm-password", { osProfile: { computerName: "jump", adminUsername: "ops", adminPassword: "P@ssw0rd1234!", linuxConfiguration: { disablePasswordAuthentication: false } } }),
  },
  {
    policy: "azure-vm-custom-data-no-secrets",
    resource: "bad-vm-custom-data",
    build: () => azureCompliant.vm("bad-vm-custom-data", { osProfile: { computerName: "app", adminUsername: "ops", linuxConfiguration: linux, customData: Buffer.from("DB_PASSWORD=hunter2hunter2\n").toString("base64") } }),
  },
  {
    policy: "azure-network-public-ip-behind-nsg",
    resource: "bad-nic-exposed",
    // The exposure found in public programs: a public IP on a NIC in a subnet without an NSG.
    build: () => {
      const vnet = new aznetwork.VirtualNetwork("bad-vnet-open", { resourceGroupName: RG, addressSpace: { addressPrefixes: ["10.9.0.0/16"] }, subnets: [{ name: "default", addressPrefix: "10.9.0.0/24" }], tags: TAGS });
      const ip = new aznetwork.PublicIPAddress("bad-nic-ip", { resourceGroupName: RG, publicIPAllocationMethod: "Static", tags: TAGS });
      new aznetwork.NetworkInterface("bad-nic-exposed", {
        resourceGroupName: RG,
        ipConfigurations: [{ name: "ip", subnet: { id: vnet.id.apply((id) => `${id}/subnets/default`) }, publicIPAddress: { id: ip.id } }],
      });
    },
  },
  { policy: "azure-network-subnet-has-nsg", resource: "bad-azure-subnet", build: () => new aznetwork.Subnet("bad-azure-subnet", { resourceGroupName: RG, virtualNetworkName: "ok-vnet", addressPrefix: "10.1.3.0/24" }) },
  {
    policy: "azure-network-nic-no-public-ip",
    resource: "bad-nic-public",
    build: () => new aznetwork.NetworkInterface("bad-nic-public", { resourceGroupName: RG, ipConfigurations: [{ name: "ip", publicIPAddress: { id: "/publicIPAddresses/x" } }], networkSecurityGroup: { id: NSG_ID } }),
  },
  { policy: "azure-network-nic-ip-forwarding-disabled", resource: "bad-nic-forwarding", build: () => new aznetwork.NetworkInterface("bad-nic-forwarding", { resourceGroupName: RG, enableIPForwarding: true, ipConfigurations: [{ name: "ip" }], networkSecurityGroup: { id: NSG_ID } }) },
  // The exposure found in public programs: an Azure SQL server with public access and no minimum TLS.
  { policy: "azure-sql-server-no-public-access", resource: "bad-sql-public", build: () => azureCompliant.sqlServer("bad-sql-public", { publicNetworkAccess: "Enabled" }) },
  { policy: "azure-sql-server-min-tls-1-2", resource: "bad-sql-tls", build: () => azureCompliant.sqlServer("bad-sql-tls", { minimalTlsVersion: undefined }) },
  { policy: "azure-database-firewall-no-public-range", resource: "bad-sql-firewall", build: () => new azsql.FirewallRule("bad-sql-firewall", { resourceGroupName: RG, serverName: "ok-sql", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }) },
  { policy: "azure-sql-server-auditing-enabled", resource: "bad-sql-unaudited", build: () => azureCompliant.sqlServer("bad-sql-unaudited") },
  { policy: "azure-sql-database-tde-enabled", resource: "bad-tde", build: () => new azsql.TransparentDataEncryption("bad-tde", { resourceGroupName: RG, serverName: "ok-sql", databaseName: "app", state: "Disabled" }) },
  { policy: "azure-sql-server-entra-admin", resource: "bad-sql-admin", build: () => azureCompliant.sqlServer("bad-sql-admin", { administrators: undefined, administratorLogin: "sqladmin" }) },
  { policy: "azure-database-flexible-server-no-public-access", resource: "bad-pg-public", build: () => azureCompliant.postgres("bad-pg-public", { network: undefined }) },
  { policy: "azure-database-flexible-server-backup-retention", resource: "bad-pg-backups", build: () => azureCompliant.postgres("bad-pg-backups", { backup: { backupRetentionDays: 1 } }) },
  { policy: "azure-database-flexible-server-tls-enforced", resource: "bad-pg-tls", build: () => new azpostgres.Configuration("bad-pg-tls", { resourceGroupName: RG, serverName: "ok-pg", configurationName: "require_secure_transport", value: "off", source: "user-override" }) },
  { policy: "azure-database-flexible-server-logging", resource: "bad-pg-logging", build: () => new azpostgres.Configuration("bad-pg-logging", { resourceGroupName: RG, serverName: "ok-pg", configurationName: "log_connections", value: "off", source: "user-override" }) },
  { policy: "azure-database-flexible-server-supported-version", resource: "bad-pg-version", build: () => azureCompliant.postgres("bad-pg-version", { version: "12" }) },
  { policy: "azure-keyvault-purge-protection", resource: "bad-vault-purge", build: () => azureCompliant.vault("bad-vault-purge", { enablePurgeProtection: undefined }) },
  { policy: "azure-keyvault-soft-delete", resource: "bad-vault-softdelete", build: () => azureCompliant.vault("bad-vault-softdelete", { enableSoftDelete: false }) },
  { policy: "azure-keyvault-network-default-deny", resource: "bad-vault-network", build: () => azureCompliant.vault("bad-vault-network", { networkAcls: undefined }) },
  { policy: "azure-keyvault-rbac-authorization", resource: "bad-vault-rbac", build: () => azureCompliant.vault("bad-vault-rbac", { enableRbacAuthorization: false }) },
  { policy: "azure-keyvault-key-rotation", resource: "bad-vault-key", build: () => new azkeyvault.Key("bad-vault-key", { resourceGroupName: RG, vaultName: "ok-vault", properties: { kty: "RSA", keySize: 3072 } }) },
  { policy: "azure-keyvault-secret-expiry", resource: "bad-vault-secret", build: () => new azkeyvault.Secret("bad-vault-secret", { resourceGroupName: RG, vaultName: "ok-vault", properties: { value: "from-ci" } }) },
  { policy: "azure-app-service-https-only", resource: "bad-site-http", build: () => azureCompliant.webApp("bad-site-http", { httpsOnly: false }) },
  { policy: "azure-app-service-min-tls-1-2", resource: "bad-site-tls", build: () => azureCompliant.webApp("bad-site-tls", { siteConfig: { minTlsVersion: "1.0", ftpsState: "Disabled" } }) },
  { policy: "azure-app-service-ftp-disabled", resource: "bad-site-ftp", build: () => azureCompliant.webApp("bad-site-ftp", { siteConfig: { minTlsVersion: "1.2", ftpsState: "AllAllowed" } }) },
  { policy: "azure-app-service-remote-debugging-off", resource: "bad-site-debug", build: () => azureCompliant.webApp("bad-site-debug", { siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", remoteDebuggingEnabled: true } }) },
  { policy: "azure-function-app-not-public", resource: "bad-functions", build: () => azureCompliant.webApp("bad-functions", { kind: "functionapp" }) },
  { policy: "azure-redis-tls-only", resource: "bad-redis", build: () => new azredis.Redis("bad-redis", { resourceGroupName: RG, sku: { name: "Basic", family: "C", capacity: 0 }, enableNonSslPort: true, tags: TAGS }) },
  { policy: "azure-container-registry-no-admin-or-anonymous", resource: "badregistry", build: () => new azacr.Registry("badregistry", { resourceGroupName: RG, sku: { name: "Basic" }, adminUserEnabled: true, tags: TAGS }) },
  { policy: "azure-disk-no-public-network-access", resource: "bad-disk", build: () => new azcompute.Disk("bad-disk", { resourceGroupName: RG, creationData: { createOption: "Empty" }, diskSizeGB: 32, tags: TAGS }) },
  { policy: "azure-app-gateway-https-tls-1-2", resource: "bad-gateway", build: () => azureCompliant.gateway("bad-gateway", { sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" } }) },
  { policy: "azure-lb-no-admin-port-forwarding", resource: "bad-lb", build: () => azureCompliant.loadBalancer("bad-lb", { inboundNatRules: [{ name: "ssh", protocol: "Tcp", frontendPort: 50022, backendPort: 22 }] }) },
  { policy: "azure-vpn-connection-ikev2-strong-ciphers", resource: "bad-vpn-connection", build: () => azureCompliant.vpnConnection("bad-vpn-connection", { ipsecPolicies: undefined }) },
];
