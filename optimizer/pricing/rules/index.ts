// Every price rule, by type token: one table per cloud and service family.

import type { Rules } from "../context";
import { awsComputeRules } from "./aws-compute";
import { awsDatabaseRules } from "./aws-database";
import { awsDnsRules } from "./aws-dns";
import { awsNetworkRules } from "./aws-network";
import { awsServiceRules } from "./aws-services";
import { awsStorageRules } from "./aws-storage";
import { azureComputeRules } from "./azure-compute";
import { azureDatabaseRules } from "./azure-database";
import { azureNetworkRules } from "./azure-network";
import { azureServiceRules } from "./azure-services";
import { gcpComputeRules } from "./gcp-compute";
import { gcpDatabaseRules } from "./gcp-database";
import { gcpNetworkRules } from "./gcp-network";
import { gcpServiceRules } from "./gcp-services";

const TABLES: readonly Rules[] = [
  awsComputeRules,
  awsStorageRules,
  awsDatabaseRules,
  awsNetworkRules,
  awsDnsRules,
  awsServiceRules,
  azureComputeRules,
  azureNetworkRules,
  azureDatabaseRules,
  azureServiceRules,
  gcpComputeRules,
  gcpNetworkRules,
  gcpDatabaseRules,
  gcpServiceRules,
];

/** All rules by type token; a token listed twice is a programming error. */
export const RULES: Rules = (() => {
  const out: Record<string, Rules[string]> = {};
  for (const t of TABLES) {
    for (const [type, rule] of Object.entries(t)) {
      if (out[type]) throw new Error(`two price rules for ${type}`);
      out[type] = rule;
    }
  }
  return out;
})();

/** Type tokens a rule prices (or declares free through its template or plan). */
export const PRICED_TYPES: readonly string[] = Object.keys(RULES).sort();
