import { requireSqlSsl } from "../../../policies/gcp/requireSqlSsl";
import { ruleCases } from "../ruleCases";
import { SETTINGS, sqlProps } from "./sqlInstance";

ruleCases(
  "policies/gcp/requireSqlSsl",
  requireSqlSsl,
  { type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", props: sqlProps() },
  [
    {
      it: "reports an instance accepting unencrypted connections by default",
      props: () => sqlProps({ ipConfiguration: { ipv4Enabled: false, privateNetwork: SETTINGS.ipConfiguration.privateNetwork } }),
      violations: ['Cloud SQL database instance \'db\' should refuse unencrypted connections: settings.ipConfiguration.sslMode is unset, which accepts unencrypted connections; set it to "ENCRYPTED_ONLY".'],
    },
    {
      it: "reports ALLOW_UNENCRYPTED_AND_ENCRYPTED",
      props: () => sqlProps({ ipConfiguration: { ...SETTINGS.ipConfiguration, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } }),
      violations: ['Cloud SQL database instance \'db\' should refuse unencrypted connections: settings.ipConfiguration.sslMode is "ALLOW_UNENCRYPTED_AND_ENCRYPTED"; set it to "ENCRYPTED_ONLY".'],
    },
  ],
);
