import { requireRdsTls } from "../../../policies/aws/requireRdsTls";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireRdsTls",
  requireRdsTls,
  { type: "aws:rds/parameterGroup:ParameterGroup", name: "pg", props: { family: "postgres14", parameters: [{ name: "rds.force_ssl", value: "1" }] } },
  [
    {
      it: "reports a PostgreSQL 14 group that does not force TLS (off by default before 15)",
      props: (b) => ({ ...b, parameters: [] }),
      violations: ['RDS parameter group \'pg\' should make the database refuse unencrypted connections: rds.force_ssl is not set (off for this family); add a parameter rds.force_ssl = "1".'],
    },
    {
      it: "passes a PostgreSQL 16 group that leaves rds.force_ssl at its default (on)",
      props: () => ({ family: "postgres16", parameters: [] }),
    },
    {
      it: "reports a PostgreSQL 16 group that turns it off",
      props: () => ({ family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "0" }] }),
      violations: ['RDS parameter group \'pg\' should make the database refuse unencrypted connections: rds.force_ssl is "0"; add a parameter rds.force_ssl = "1".'],
    },
    {
      it: "reports a MySQL cluster group without require_secure_transport",
      type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
      props: () => ({ family: "aurora-mysql8.0", parameters: [{ name: "time_zone", value: "UTC" }] }),
      violations: ['RDS cluster parameter group \'pg\' should make the database refuse unencrypted connections: require_secure_transport is not set (off for this family); add a parameter require_secure_transport = "1".'],
    },
    {
      it: "ignores engines without such a parameter",
      props: () => ({ family: "oracle-ee-19", parameters: [] }),
    },
  ],
);
