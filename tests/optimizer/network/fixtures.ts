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

/** A plan with one service moved wholly to another cloud-region and instance type. */
export function moved(plan: Plan, service: string, cloud: "aws" | "azure" | "gcp", region: string, instanceType: string): Plan {
  const count = plan.services[service].groups.reduce((n, g) => n + g.count, 0);
  return {
    ...plan,
    services: { ...plan.services, [service]: { groups: [{ cloud, region, instanceType, count, spot: 0 }] } },
  };
}
