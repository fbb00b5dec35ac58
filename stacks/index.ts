// The reference program: deploys the stack's workload spec (config cloudfit:workload) at the
// placement locked in stacks/placement.<stack>.json. Workloads new to the spec are placed with
// every locked workload held fixed, removed ones are dropped, and a lock that no longer matches
// the spec stops the run with the entries that differ and the command to run. When the plan
// differs from the lock, one cost summary is logged, so it shows in `pulumi preview`.
//
// The network layer (NAT, balancers, peering and VPNs, private DNS, the front door) follows from
// the placement and the settings in cloudfit:network.
//
// Config (stacks/Pulumi.<stack>.yaml): cloudfit:workload, cloudfit:owner, cloudfit:costCenter,
// cloudfit:application (default the project name), cloudfit:lockFile (default
// placement.<stack>.json beside this file), cloudfit:network, cloudfit:images,
// cloudfit:adminSshPublicKey, and gcp:project for GCP.

import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Application } from "../components/application";
import { resolvePlacement } from "../components/placement";
import { loadCatalog } from "../optimizer/catalog";
import { specFromStackConfig, StackConfigError, WORKLOAD_KEY } from "../optimizer/config";
import { PlacementInfeasibleError, SpecValidationError } from "../optimizer/errors";
import { lockFileName, PlacementLockError } from "../optimizer/lock";
import { NetworkOptionsError, parseNetworkOptions } from "../optimizer/network/options";

/** Errors whose message is the whole story: shown without a stack trace. */
const USER_ERRORS = [
  PlacementLockError,
  SpecValidationError,
  PlacementInfeasibleError,
  StackConfigError,
  NetworkOptionsError,
];

async function main(): Promise<Record<string, unknown>> {
  const stack = pulumi.getStack();
  const config = new pulumi.Config("cloudfit");
  const catalog = loadCatalog();
  const spec = specFromStackConfig(
    { [WORKLOAD_KEY]: config.get("workload") },
    catalog,
    `the config of stack ${stack}`,
  );

  const lockPath = path.resolve(__dirname, config.get("lockFile") || lockFileName(stack));
  const lockFile = path.relative(path.resolve(__dirname, ".."), lockPath);
  const lockText = fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : undefined;
  const placed = await resolvePlacement({ spec, catalog, stack, lockFile, lockText });
  if (placed.summary) void pulumi.log.info(placed.summary);

  const name = config.get("application") || pulumi.getProject();
  const network = parseNetworkOptions(config.getObject("network"), name);
  const app = new Application(name, { spec, plan: placed.plan, network, application: name });
  return {
    placement: app.placement,
    monthlyCostUSD: app.monthlyCostUSD,
    costPerCloud: app.costPerCloud,
    costPerService: app.costPerService,
    costPerBucket: app.costPerBucket,
    ...((spec.databases ?? []).length > 0 ? { costPerDatabase: app.costPerDatabase, databaseConnections: app.databaseConnections } : {}),
    frontDoors: app.frontDoors,
    frontDoorNameServers: app.nameServers,
    ...(spec.budgetUSD !== undefined ? { budgetUSD: spec.budgetUSD } : {}),
  };
}

export = async (): Promise<Record<string, unknown>> => {
  try {
    return await main();
  } catch (e) {
    if (USER_ERRORS.some((t) => e instanceof t)) {
      throw Object.assign(new pulumi.RunError((e as Error).message), { cause: e });
    }
    throw e;
  }
};
