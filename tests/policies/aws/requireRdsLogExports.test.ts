import { requireRdsLogExports } from "../../../policies/aws/requireRdsLogExports";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireRdsLogExports",
  requireRdsLogExports,
  { type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", instanceClass: "db.t4g.micro", enabledCloudwatchLogsExports: ["postgresql"] } },
  [
    {
      it: "reports an instance exporting no logs",
      props: (b) => ({ ...b, enabledCloudwatchLogsExports: [] }),
      violations: ['RDS instance \'db\' should export its logs: set enabledCloudwatchLogsExports to the engine\'s logs (e.g. ["postgresql"], or ["audit", "error", "general", "slowquery"] for MySQL).'],
    },
  ],
);
