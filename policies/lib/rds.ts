// Type tokens of RDS databases and the facts several RDS rules need: which instances are read
// replicas (they take backups, logs and versions from their source).

import type { InstanceArgs } from "@pulumi/aws/rds/instance";
import { Read, field, isPresent } from "./read";

/** A single RDS database instance. */
export const RDS_INSTANCE = "aws:rds/instance:Instance";
/** An Aurora (or Multi-AZ DB) cluster. */
export const RDS_CLUSTER = "aws:rds/cluster:Cluster";
/** A member instance of an Aurora cluster, which takes most settings from its cluster. */
export const RDS_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

/** True when an RDS instance is a read replica of another database. */
export function isReadReplica(type: string, props: Read): boolean {
  return type === RDS_INSTANCE && isPresent(field<InstanceArgs>(props, "replicateSourceDb"));
}
