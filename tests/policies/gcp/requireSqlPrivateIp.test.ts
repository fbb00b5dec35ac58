import { requireSqlPrivateIp } from "../../../policies/gcp/requireSqlPrivateIp";
import { ruleCases } from "../ruleCases";
import { SETTINGS, sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlPrivateIp",
  requireSqlPrivateIp,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    {
      it: "reports a public IP (on by default)",
      props: () => sqlProps({ ipConfiguration: { sslMode: SETTINGS.ipConfiguration.sslMode } }),
      violations: ["Cloud SQL database instance 'db' should have no public IP address: set settings.ipConfiguration.ipv4Enabled to false and privateNetwork to the VPC its clients run in."],
    },
  ],
);
