// RDS parameter groups must make the database refuse unencrypted connections: rds.force_ssl for
// PostgreSQL (on by default from PostgreSQL 15 on RDS), require_secure_transport for MySQL and
// MariaDB (off by default). Judged on the parameter groups a program declares.

import type { ParameterGroupArgs } from "@pulumi/aws/rds/parameterGroup";
import type * as awsInput from "@pulumi/aws/types/input";
import { quote } from "../lib/messages";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Parameter = awsInput.rds.ParameterGroupParameter;

/** The TLS parameter of an engine family, the values that enforce it, and whether unset enforces it. */
function tlsParameter(family: string): { name: string; on: readonly string[]; defaultOn: boolean } | undefined {
  const f = family.toLowerCase();
  const pg = /^(aurora-)?postgres(ql)?(\d+)/.exec(f);
  if (pg) return { name: "rds.force_ssl", on: ["1"], defaultOn: Number(pg[3]) >= 15 };
  if (/^(aurora-)?mysql|^mariadb/.test(f)) {
    return { name: "require_secure_transport", on: ["1", "on"], defaultOn: false };
  }
  return undefined;
}

/** Parameter groups of PostgreSQL, MySQL and MariaDB families enforce TLS. */
export const requireRdsTls = resourceRule({
  name: "aws-rds-tls-enforced",
  description:
    "RDS parameter groups must make PostgreSQL (rds.force_ssl) and MySQL or MariaDB (require_secure_transport) refuse unencrypted connections.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV2_AWS_69"],
  types: ["aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup"],
  check: (ctx) => {
    const family = asString(field<ParameterGroupArgs>(ctx.props, "family"));
    if (family === UNKNOWN) return ctx.undecided("family");
    const tls = family === undefined ? undefined : tlsParameter(family);
    if (!tls) return;
    const params = asList(field<ParameterGroupArgs>(ctx.props, "parameters"));
    if (params === UNKNOWN) return ctx.undecided("parameters");
    let value: string | undefined;
    for (const p of params) {
      const name = asString(field<Parameter>(p, "name"));
      if (name === UNKNOWN) return ctx.undecided("parameters[].name");
      if (name?.trim().toLowerCase() !== tls.name) continue;
      const v = asString(field<Parameter>(p, "value"));
      if (v === UNKNOWN) return ctx.undecided(`the value of ${tls.name}`);
      value = v?.trim().toLowerCase();
    }
    const enforced = value === undefined ? tls.defaultOn : tls.on.includes(value);
    if (enforced) return;
    const now = value === undefined ? "is not set (off for this family)" : `is ${quote(value)}`;
    ctx.report(
      `${ctx.label} should make the database refuse unencrypted connections: ${tls.name} ` +
        `${now}; add a parameter ${tls.name} = "1".`,
    );
  },
});
