// RDS databases must run an engine version that still receives security fixes.

import type { ClusterArgs } from "@pulumi/aws/rds/cluster";
import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { MinimumVersions, isOlder, minimumVersionsSchema, readMinimumVersions } from "../lib/dbVersions";
import { RDS_CLUSTER, RDS_INSTANCE } from "../lib/rds";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** Oldest major versions in standard support on RDS and Aurora in 2025. */
const DEFAULTS = {
  postgres: "13",
  "aurora-postgresql": "13",
  mysql: "8.0",
  "aurora-mysql": "8.0",
  mariadb: "10.5",
};

/** engineVersion is at least the configured minimum of its engine (unset means the current default). */
export const requireRdsEngineVersion = resourceRule<{ minimumVersions: MinimumVersions }>({
  name: "aws-rds-supported-engine-version",
  description:
    "RDS database instances and clusters must run an engine version at or above the configured minimum for their engine.",
  enforcementLevel: "mandatory",
  severity: "medium",
  benchmarks: [],
  configSchema: minimumVersionsSchema(DEFAULTS),
  types: [RDS_INSTANCE, RDS_CLUSTER],
  config: (raw) => ({ minimumVersions: readMinimumVersions(raw.minimumVersions, DEFAULTS) }),
  check: (ctx) => {
    const engine = asString(field<InstanceArgs & ClusterArgs>(ctx.props, "engine"));
    const version = asString(field<InstanceArgs & ClusterArgs>(ctx.props, "engineVersion"));
    if (engine === UNKNOWN || version === UNKNOWN) return ctx.undecided("engine or engineVersion");
    if (engine === undefined || version === undefined) return;
    const minimum = ctx.config.minimumVersions.get(engine.trim().toLowerCase());
    if (minimum === undefined || !isOlder(version, minimum)) return;
    ctx.report(
      `${ctx.label} should run a supported ${engine} version: engineVersion ${version} is older ` +
        `than ${minimum}; upgrade to ${minimum} or later.`,
    );
  },
});
