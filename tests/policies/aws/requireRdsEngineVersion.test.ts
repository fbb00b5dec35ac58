import { requireRdsEngineVersion } from "../../../policies/aws/requireRdsEngineVersion";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireRdsEngineVersion",
  requireRdsEngineVersion,
  { type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", engineVersion: "16.4", instanceClass: "db.t4g.micro" } },
  [
    {
      it: "reports PostgreSQL 12",
      props: (b) => ({ ...b, engineVersion: "12.19" }),
      violations: ["RDS instance 'db' should run a supported postgres version: engineVersion 12.19 is older than 13; upgrade to 13 or later."],
    },
    {
      it: "reads Aurora MySQL's compound version string",
      type: "aws:rds/cluster:Cluster",
      props: () => ({ engine: "aurora-mysql", engineVersion: "5.7.mysql_aurora.2.11.2" }),
      violations: ["RDS cluster 'db' should run a supported aurora-mysql version: engineVersion 5.7.mysql_aurora.2.11.2 is older than 8.0; upgrade to 8.0 or later."],
    },
    {
      it: "passes Aurora MySQL 3 and a major version given alone",
      type: "aws:rds/cluster:Cluster",
      props: () => ({ engine: "aurora-mysql", engineVersion: "8.0.mysql_aurora.3.05.2" }),
    },
    {
      it: "takes minimum versions from the config",
      props: (b) => b,
      config: { minimumVersions: { postgres: "17" } },
      violations: ["RDS instance 'db' should run a supported postgres version: engineVersion 16.4 is older than 17; upgrade to 17 or later."],
    },
    {
      it: "passes an instance on the engine's default version",
      props: (b) => ({ ...b, engineVersion: undefined }),
    },
    {
      it: "defers to the update when the version is not known yet",
      props: (b) => ({ ...b, engineVersion: UNKNOWN_VALUE }),
      notApplicable: deferred("RDS instance 'db'", "engine or engineVersion"),
    },
  ],
);
