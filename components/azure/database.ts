// Azure emitter of a database: a PostgreSQL or MySQL flexible server with private access only
// (a subnet of the region's virtual network delegated to the service, with an NSG admitting only
// the linked services' networks on the engine port, and a private DNS zone linked to the network),
// zone-redundant HA for a standby, geo-redundant backups when HA must survive the region, TLS 1.2
// or later required and connection logging on through server parameters. Read replicas follow.

import * as pulumi from "@pulumi/pulumi";
import { Configuration as PgConfiguration, Server as PgServer } from "@pulumi/azure-native/dbforpostgresql";
import { Configuration as MyConfiguration, Server as MyServer } from "@pulumi/azure-native/dbformysql";
import { NetworkSecurityGroup, Subnet } from "@pulumi/azure-native/network";
import { PrivateZone, VirtualNetworkLink } from "@pulumi/azure-native/privatedns";
import { azureTier } from "../../optimizer/database-classes";
import { databaseStorage, engineVersionName } from "../../optimizer/database-shape";
import type { DatabaseEndpoint, DatabaseInputs } from "../database";
import { azureTags } from "../tags";

/** The /24 of a region's /16 the database subnets use (clear of the address plan's other subnets). */
export function databaseSubnetCidr(networkCidr: string): string {
  const [a, b] = networkCidr.split(".");
  return `${a}.${b}.48.0/24`;
}

/** Server parameters every server gets: TLS 1.2 or later required, connections logged. */
export function azureServerParameters(engine: "postgres" | "mysql"): [string, string][] {
  return engine === "postgres"
    ? [
        ["require_secure_transport", "on"],
        ["ssl_min_protocol_version", "TLSv1.2"],
        ["log_checkpoints", "on"],
        ["log_connections", "on"],
        ["log_disconnections", "on"],
      ]
    : [
        ["require_secure_transport", "ON"],
        ["tls_version", "TLSv1.2,TLSv1.3"],
        ["audit_log_enabled", "ON"],
      ];
}

/** Creates the delegated subnet, NSG, private DNS zone, server, parameters and replicas. */
export function azureDatabase(x: DatabaseInputs, opts: pulumi.CustomResourceOptions): DatabaseEndpoint {
  const { name, spec: d, placement: p, network } = x;
  const t = azureTags(x.tags);
  const resourceGroupName = network.resourceGroupName!;
  const pg = d.engine === "postgres";
  const service = pg ? "Microsoft.DBforPostgreSQL/flexibleServers" : "Microsoft.DBforMySQL/flexibleServers";
  const nsg = new NetworkSecurityGroup(
    `${name}-nsg`,
    {
      resourceGroupName,
      location: p.region,
      securityRules: [
        ...x.ingress.map((r, i) => ({
          name: `allow-${i + 1}`,
          priority: 100 + i,
          direction: "Inbound",
          access: "Allow",
          protocol: "Tcp",
          sourceAddressPrefix: r.cidr,
          sourcePortRange: "*",
          destinationAddressPrefix: "*",
          destinationPortRange: String(d.port),
          description: `Port ${d.port} from ${r.from ?? r.cidr}`,
        })),
        {
          name: "deny-other-inbound",
          priority: 4000,
          direction: "Inbound",
          access: "Deny",
          protocol: "*",
          sourceAddressPrefix: "*",
          sourcePortRange: "*",
          destinationAddressPrefix: "*",
          destinationPortRange: "*",
          description: "Nothing else reaches the database",
        },
      ],
      tags: t,
    },
    opts,
  );
  const subnet = new Subnet(
    `${name}-subnet`,
    {
      resourceGroupName,
      virtualNetworkName: network.resources.networkName!,
      addressPrefix: databaseSubnetCidr(network.cidr),
      delegations: [{ name: "database", serviceName: service }],
      networkSecurityGroup: { id: nsg.id },
      defaultOutboundAccess: false,
    },
    opts,
  );
  const zone = new PrivateZone(
    `${name}-zone`,
    { resourceGroupName, location: "Global", privateZoneName: `${d.name}.private.${pg ? "postgres" : "mysql"}.database.azure.com`, tags: t },
    opts,
  );
  new VirtualNetworkLink(
    `${name}-zone-link`,
    { resourceGroupName, location: "Global", privateZoneName: zone.name, virtualNetwork: { id: network.networkId }, registrationEnabled: false, tags: t },
    opts,
  );
  const storage = databaseStorage(d, "azure")!;
  const sku = { name: p.instanceClass, tier: azureTier(d.engine, p.instanceClass) };
  const ha = d.ha !== "none" ? { mode: "ZoneRedundant" } : { mode: "Disabled" };
  const backup = { backupRetentionDays: d.backupRetentionDays, geoRedundantBackup: d.ha === "region" ? "Enabled" : "Disabled" };
  const privateNetwork = pg
    ? { delegatedSubnetResourceId: subnet.id, privateDnsZoneArmResourceId: zone.id, publicNetworkAccess: "Disabled" }
    : { delegatedSubnetResourceId: subnet.id, privateDnsZoneResourceId: zone.id, publicNetworkAccess: "Disabled" };
  const common = { resourceGroupName, location: p.region, sku, storage: { storageSizeGB: storage.sizeGiB, autoGrow: "Disabled" }, tags: t };
  const after = { ...opts, dependsOn: [subnet] };
  const Server = pg ? PgServer : MyServer;
  const primary = new Server(
    `${name}-server`,
    {
      ...common,
      version: engineVersionName("azure", d),
      administratorLogin: x.user,
      administratorLoginPassword: x.password,
      network: privateNetwork,
      highAvailability: ha,
      backup,
    } as ConstructorParameters<typeof PgServer>[1] & ConstructorParameters<typeof MyServer>[1],
    after,
  );
  const Configuration = pg ? PgConfiguration : MyConfiguration;
  for (const [configurationName, value] of azureServerParameters(d.engine)) {
    new Configuration(`${name}-${configurationName.replace(/[._]/g, "-")}`, { resourceGroupName, serverName: primary.name, configurationName, value, source: "user-override" }, opts);
  }
  const replicas = Array.from({ length: d.readReplicas }, (_, i) =>
    new Server(
      `${name}-replica-${i + 1}`,
      { ...common, createMode: "Replica", sourceServerResourceId: primary.id, network: privateNetwork } as ConstructorParameters<typeof PgServer>[1] &
        ConstructorParameters<typeof MyServer>[1],
      after,
    ),
  );
  const host = (s: PgServer | MyServer) => pulumi.output(s.fullyQualifiedDomainName).apply((h) => h ?? "");
  return { host: host(primary), replicaHosts: replicas.map(host) };
}
