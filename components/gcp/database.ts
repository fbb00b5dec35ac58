// Google Cloud emitter of a database: a Cloud SQL instance with a private IP only (private
// services access: an address range of the region's network peered to Google's service
// network), encrypted connections required, automated backups with point-in-time recovery,
// deletion protection on both guards, connection logging and IAM authentication flags, the
// regional availability type for a standby. Read replicas follow the primary. Cloud SQL's private
// address is reachable from the peered network only; it has no VPC firewall of its own.

import * as pulumi from "@pulumi/pulumi";
import { GlobalAddress } from "@pulumi/gcp/compute";
import { Connection } from "@pulumi/gcp/servicenetworking";
import { DatabaseInstance, User } from "@pulumi/gcp/sql";
import { databaseStorage, engineVersionName } from "../../optimizer/database-shape";
import type { DatabaseEndpoint, DatabaseInputs } from "../database";
import { catalog } from "../common";
import { gcpLabels } from "../tags";

/** Database flags every instance gets: connections logged (PostgreSQL) and IAM authentication on. */
export function cloudSqlFlags(engine: "postgres" | "mysql"): { name: string; value: string }[] {
  return engine === "postgres"
    ? [
        { name: "log_connections", value: "on" },
        { name: "log_disconnections", value: "on" },
        { name: "log_checkpoints", value: "on" },
        { name: "cloudsql.iam_authentication", value: "on" },
      ]
    : [
        { name: "cloudsql_iam_authentication", value: "on" },
        { name: "local_infile", value: "off" },
        { name: "skip_show_database", value: "on" },
      ];
}

/**
 * The Cloud SQL backup multi-region for a region's continent: eu, us (the Americas) or asia
 * (cloud.google.com/sql/docs/postgres/backup-recovery/backups, "Custom backup locations").
 */
export function backupMultiRegion(region: string): string {
  const continent = catalog().region("gcp", region)?.continent;
  return continent === "EU" ? "eu" : continent === "NA" || continent === "SA" ? "us" : "asia";
}

/** Creates the private services access, the instance, its administrator and replicas. */
export function gcpDatabase(x: DatabaseInputs, opts: pulumi.CustomResourceOptions): DatabaseEndpoint {
  const { name, spec: d, placement: p, network } = x;
  const labels = gcpLabels(x.tags);
  const range = new GlobalAddress(
    `${name}-psa-range`,
    { purpose: "VPC_PEERING", addressType: "INTERNAL", prefixLength: 20, network: network.resources.networkSelfLink!, labels },
    opts,
  );
  const peering = new Connection(
    `${name}-psa`,
    { network: network.resources.networkSelfLink!, service: "servicenetworking.googleapis.com", reservedPeeringRanges: [range.name] },
    opts,
  );
  const storage = databaseStorage(d, "gcp")!;
  const settings = (replica: boolean) => ({
    tier: p.instanceClass,
    availabilityType: !replica && d.ha !== "none" ? "REGIONAL" : "ZONAL",
    diskType: storage.type,
    diskSize: storage.sizeGiB,
    diskAutoresize: false,
    deletionProtectionEnabled: true,
    ipConfiguration: { ipv4Enabled: false, privateNetwork: network.resources.networkSelfLink!, sslMode: "ENCRYPTED_ONLY" },
    databaseFlags: cloudSqlFlags(d.engine),
    userLabels: labels,
    ...(replica
      ? {}
      : {
          backupConfiguration: {
            enabled: true,
            ...(d.engine === "postgres" ? { pointInTimeRecoveryEnabled: d.pointInTimeRecovery } : { binaryLogEnabled: d.pointInTimeRecovery }),
            // Log retention is at most 7 days and at most the number of backups kept.
            transactionLogRetentionDays: Math.min(7, d.backupRetentionDays),
            backupRetentionSettings: { retainedBackups: d.backupRetentionDays, retentionUnit: "COUNT" },
            // A region-level HA keeps backups in the multi-region of the instance's continent.
            ...(d.ha === "region" ? { location: backupMultiRegion(p.region) } : {}),
          },
        }),
  });
  const after = { ...opts, dependsOn: [peering] };
  const primary = new DatabaseInstance(
    `${name}-sql`,
    { region: p.region, databaseVersion: engineVersionName("gcp", d), deletionProtection: true, settings: settings(false) },
    after,
  );
  new User(`${name}-admin`, { instance: primary.name, name: x.user, password: x.password }, opts);
  const replicas = Array.from({ length: d.readReplicas }, (_, i) =>
    new DatabaseInstance(
      `${name}-replica-${i + 1}`,
      { region: p.region, databaseVersion: engineVersionName("gcp", d), masterInstanceName: primary.name, deletionProtection: true, settings: settings(true) },
      after,
    ),
  );
  return { host: primary.privateIpAddress, replicaHosts: replicas.map((r) => r.privateIpAddress) };
}
