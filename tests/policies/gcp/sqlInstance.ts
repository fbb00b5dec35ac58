// A compliant Cloud SQL instance shared by the Cloud SQL rule tests, and a way to change one
// part of its settings.

/** Settings of a private, TLS-only PostgreSQL instance with backups and connection logging. */
export const SETTINGS = {
  tier: "db-custom-2-7680",
  deletionProtectionEnabled: true,
  ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/p/global/networks/app", sslMode: "ENCRYPTED_ONLY" },
  backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, backupRetentionSettings: { retainedBackups: 14 } },
  databaseFlags: [
    { name: "log_connections", value: "on" },
    { name: "log_disconnections", value: "on" },
  ],
};

/** The instance's props, with `settings` parts replaced. */
export function sqlProps(settings: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return { databaseVersion: "POSTGRES_16", region: "us-central1", settings: { ...SETTINGS, ...settings }, ...top };
}
