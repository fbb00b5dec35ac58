// The reference stacks' specs and locked plans as plain data, for the network topology tests.

import * as fs from "fs";
import * as path from "path";
import { loadCatalog } from "../../../optimizer/catalog";
import { specFromStackConfig } from "../../../optimizer/config";
import { parseLock } from "../../../optimizer/lock";
import type { Plan } from "../../../optimizer/plan";
import type { NormalizedSpec } from "../../../optimizer/spec";
import { stackConfig } from "../../stacks/harness";

const ROOT = path.resolve(__dirname, "../../..");

/** A stack's validated spec and its locked plan. */
export function stackPlan(stack: string): { spec: NormalizedSpec; plan: Plan } {
  const spec = specFromStackConfig(
    { "cloudfit:workload": stackConfig(stack)["cloudfit:workload"] },
    loadCatalog(),
  );
  const text = fs.readFileSync(path.join(ROOT, "stacks", `placement.${stack}.json`), "utf8");
  return { spec, plan: parseLock(text, `stacks/placement.${stack}.json`, stack).plan };
}

/**
 * A stack's validated spec with a fixed multi-cloud plan (tests/optimizer/network/plans/, the
 * reference locks before network costs and latency were optimized: three clouds, five regions),
 * so the topology tests keep exercising peering, VPNs and front doors whatever the locks become.
 */
export function fixturePlan(stack: string): { spec: NormalizedSpec; plan: Plan } {
  const { spec } = stackPlan(stack);
  const file = path.join(__dirname, "plans", `${stack}.json`);
  return { spec, plan: parseLock(fs.readFileSync(file, "utf8"), file, stack).plan };
}

/** A plan with one service moved wholly to another cloud-region and instance type. */
export function moved(plan: Plan, service: string, cloud: "aws" | "azure" | "gcp", region: string, instanceType: string): Plan {
  const count = plan.services[service].groups.reduce((n, g) => n + g.count, 0);
  return {
    ...plan,
    services: { ...plan.services, [service]: { groups: [{ cloud, region, instanceType, count, spot: 0 }] } },
  };
}
