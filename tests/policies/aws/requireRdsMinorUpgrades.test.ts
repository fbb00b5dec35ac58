import { requireRdsMinorUpgrades } from "../../../policies/aws/requireRdsMinorUpgrades";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireRdsMinorUpgrades",
  requireRdsMinorUpgrades,
  { type: "aws:rds/clusterInstance:ClusterInstance", name: "db-1", props: { clusterIdentifier: "db", instanceClass: "db.r7g.large", engine: "aurora-postgresql" } },
  [
    {
      it: "reports minor upgrades turned off",
      props: (b) => ({ ...b, autoMinorVersionUpgrade: false }),
      violations: ["RDS cluster instance 'db-1' should apply minor engine upgrades: set autoMinorVersionUpgrade to true (the default)."],
    },
  ],
);
