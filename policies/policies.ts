// Every policy of the cloudfit pack, in the order the pack serves them. Kept apart from index.ts
// (which starts serving the pack) so tests and tools can inspect the list without serving it.

import type { Policies } from "@pulumi/policy";
import { costBudget } from "./cost/costBudget";
import { unpricedResources } from "./cost/unpricedResources";
import { resourcePolicies, stackRules } from "./rules";

/** The pack's name, as `pulumi preview` shows it next to each violation. */
export const PACK_NAME = "cloudfit";

/** The pack's description, as the Analyzer service reports it. */
export const PACK_DESCRIPTION =
  "Network exposure, IAM, data-service, encryption, logging, key and residency rules for AWS, " +
  "Azure and Google Cloud, and a monthly cost budget priced with the cloudfit catalog.";

/** All policies of the pack: per-resource rules, stack rules, then the two cost policies. */
export const cloudfitPolicies: Policies = [
  ...resourcePolicies,
  ...stackRules,
  costBudget,
  unpricedResources,
];
