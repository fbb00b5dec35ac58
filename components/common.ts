// What every component shares: the ownership args that become tags, their defaults from stack
// config (cloudfit:owner, cloudfit:costCenter), and how bad args are reported.

import * as pulumi from "@pulumi/pulumi";
import { loadCatalog, Catalog } from "../optimizer/catalog";
import { evaluatePlan } from "../optimizer/evaluate";
import type { Plan } from "../optimizer/plan";
import type { NormalizedSpec } from "../optimizer/spec";
import type { TagContext } from "./tags";

/** Ownership args every component accepts; they become tags on every resource it creates. */
export interface OwnershipArgs {
  /** Application the resources belong to; default the Pulumi project name. */
  readonly application?: string;
  /** Team or person answerable for the resources; default the stack config cloudfit:owner. */
  readonly owner?: string;
  /** Cost centre billed for the resources; default the stack config cloudfit:costCenter. */
  readonly costCenter?: string;
}

/** Raises the error Pulumi shows for a bad component argument: the property and how to fix it. */
export function badArg(propertyPath: string, reason: string): never {
  throw new pulumi.InputPropertyError({ propertyPath, reason });
}

/**
 * Fills ownership args from stack config; a missing owner or cost centre is a bad argument, and
 * when both are missing one error names both.
 */
export function tagContext(args: OwnershipArgs): TagContext {
  const config = new pulumi.Config("cloudfit");
  const owner = args.owner ?? config.get("owner");
  const costCenter = args.costCenter ?? config.get("costCenter");
  const missing = [
    ...(owner ? [] : [{ arg: "owner", what: "no owner was given and cloudfit:owner is not set", fix: "pass owner, or run `pulumi config set cloudfit:owner <team>`" }]),
    ...(costCenter ? [] : [{ arg: "costCenter", what: "no cost centre was given and cloudfit:costCenter is not set", fix: "pass costCenter, or run `pulumi config set cloudfit:costCenter <code>`" }]),
  ];
  if (missing.length > 0) {
    badArg(
      missing.map((m) => m.arg).join(" and "),
      `${missing.map((m) => m.what).join("; ")}. To fix: ${missing.map((m) => m.fix).join("; and ")}.`,
    );
  }
  return {
    application: args.application ?? pulumi.getProject(),
    stack: pulumi.getStack(),
    owner: owner!,
    costCenter: costCenter!,
  };
}

/** The shared price catalog (loaded once per process). */
export function catalog(): Catalog {
  return loadCatalog();
}

/** Monthly cost of a partial plan priced alone, without traffic to other workloads. */
export function standaloneMonthlyUSD(spec: NormalizedSpec, plan: Plan): number {
  return evaluatePlan(spec, plan, catalog(), () => []).total;
}
