import { requireSqlDeletionProtection } from "../../../policies/gcp/requireSqlDeletionProtection";
import { ruleCases } from "../ruleCases";
import { sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlDeletionProtection",
  requireSqlDeletionProtection,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    {
      it: "reports both guards off",
      props: () => sqlProps({ deletionProtectionEnabled: undefined }, { deletionProtection: false }),
      violations: ["Cloud SQL database instance 'db' should be protected from deletion: set deletionProtection to true and settings.deletionProtectionEnabled to true."],
    },
  ],
);
