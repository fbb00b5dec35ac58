// The ${PROJECT} program: deploys the stack's workload (cloudfit:workload in Pulumi.<stack>.yaml)
// where cloudfit placed it. `npx cloudfit plan --stack <stack> --write` saves the placement to
// placement.<stack>.json beside this file. Workloads added to the spec since are placed around the
// saved ones, removed ones are dropped, and a saved placement that no longer fits the spec stops
// the deployment with what to fix.

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Application, loadCatalog, parseNetworkOptions, resolvePlacement, validateSpec } from "cloudfit";

/** cloudfit's errors say what failed and how to fix it: shown without a stack trace. */
const USER_ERRORS = ["SpecValidationError", "PlacementLockError", "PlacementInfeasibleError", "NetworkOptionsError"];

async function main(): Promise<Record<string, unknown>> {
  const stack = pulumi.getStack();
  const config = new pulumi.Config("cloudfit");
  const catalog = loadCatalog();
  const spec = validateSpec(config.requireObject("workload"), catalog);

  const lockFile = config.get("lockFile") ?? `placement.${stack}.json`;
  const lockPath = path.join(__dirname, lockFile);
  const lockText = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : undefined;
  const placed = await resolvePlacement({ spec, catalog, stack, lockFile, lockText });
  if (placed.summary) await pulumi.log.info(placed.summary);

  // The network layer (NAT, balancers, links between clouds, DNS, the front door) follows from
  // the placement and cloudfit:network (the public domain).
  const network = parseNetworkOptions(config.getObject("network"), "${PROJECT}");
  const app = new Application("${PROJECT}", { spec, plan: placed.plan, network, application: "${PROJECT}" });
  return {
    placement: app.placement,
    monthlyCostUSD: app.monthlyCostUSD,
    costPerCloud: app.costPerCloud,
  };
}

export = async (): Promise<Record<string, unknown>> => {
  try {
    return await main();
  } catch (e) {
    if (e instanceof Error && USER_ERRORS.includes(e.name)) throw new pulumi.RunError(e.message);
    throw e;
  }
};
