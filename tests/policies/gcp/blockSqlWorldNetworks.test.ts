import { blockSqlWorldNetworks } from "../../../policies/gcp/blockSqlWorldNetworks";
import { ruleCases } from "../ruleCases";
import { SETTINGS, sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/blockSqlWorldNetworks",
  blockSqlWorldNetworks,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    {
      it: "reports 0.0.0.0/0 among authorized networks",
      props: () => sqlProps({ ipConfiguration: { ...SETTINGS.ipConfiguration, ipv4Enabled: true, authorizedNetworks: [{ name: "office", value: "203.0.113.0/24" }, { name: "all", value: "0.0.0.0/0" }] } }),
      violations: ["Cloud SQL database instance 'db' should not let the internet connect: settings.ipConfiguration.authorizedNetworks[1] is 0.0.0.0/0; list the clients' networks, or connect through private IP or the Cloud SQL Auth Proxy."],
    },
  ],
);
