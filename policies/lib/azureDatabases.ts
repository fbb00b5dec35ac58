// Type tokens of the Azure database services the data-service rules check, and their firewall
// rules: Azure SQL servers, and Azure Database for PostgreSQL and MySQL flexible servers.

/** Azure SQL logical servers. */
export const SQL_SERVER = "azure-native:sql:Server";
/** Azure Database for PostgreSQL flexible servers. */
export const POSTGRES_SERVER = "azure-native:dbforpostgresql:Server";
/** Azure Database for MySQL flexible servers. */
export const MYSQL_SERVER = "azure-native:dbformysql:Server";
/** Server parameters of PostgreSQL flexible servers. */
export const POSTGRES_CONFIGURATION = "azure-native:dbforpostgresql:Configuration";
/** Server parameters of MySQL flexible servers. */
export const MYSQL_CONFIGURATION = "azure-native:dbformysql:Configuration";

/** Firewall rules of the three services, which share startIpAddress and endIpAddress. */
export const DATABASE_FIREWALL_RULES: readonly string[] = [
  "azure-native:sql:FirewallRule",
  "azure-native:dbforpostgresql:FirewallRule",
  "azure-native:dbformysql:FirewallRule",
];

/** An IPv4 address as a number, or undefined when it is not one. */
export function ipv4Number(address: string): number | undefined {
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\s*$/.exec(address);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] * 256 + parts[1]) * 256 + parts[2]) * 256 + parts[3];
}
