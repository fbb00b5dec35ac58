// Compute Engine instances must not run as the project's default compute service account, which
// holds the Editor role in most projects; in particular not with the cloud-platform scope,
// which gives it all of that access.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { GCE_TYPES } from "../lib/gcpInstances";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type ServiceAccount = gcpInput.compute.InstanceServiceAccount;

/** The default compute service account: PROJECT_NUMBER-compute@developer.gserviceaccount.com. */
const DEFAULT_ACCOUNT = /^\d+-compute@developer\.gserviceaccount\.com$/;

/** A service account block names a dedicated account (none at all is fine). */
export const blockDefaultServiceAccount = resourceRule({
  name: "gcp-compute-no-default-service-account",
  description:
    "Google Compute Engine instances and templates must not use the default compute service account.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS GCP 4.1", "CIS GCP 4.2", "CKV_GCP_30", "CKV_GCP_31"],
  types: GCE_TYPES,
  check: (ctx) => {
    const account = field<InstanceArgs>(ctx.props, "serviceAccount");
    if (account === UNKNOWN) return ctx.undecided("serviceAccount");
    if (account === undefined) return; // No service account attached at all.
    const email = asString(field<ServiceAccount>(account, "email"));
    if (email === UNKNOWN) return; // A dedicated account created in the same update.
    if (email !== undefined && !DEFAULT_ACCOUNT.test(email.trim()) && email.trim().toLowerCase() !== "default") return;
    const scopes = asList(field<ServiceAccount>(account, "scopes"));
    const full =
      scopes !== UNKNOWN &&
      scopes.some((s) => /(^|\/)cloud-platform$/.test(String(asString(s) ?? "")));
    ctx.report(
      `${ctx.label} should not run as the default compute service account` +
        `${full ? " with the cloud-platform scope" : ""}: set serviceAccount.email to a dedicated ` +
        `service account with only the roles the workload needs.`,
    );
  },
});
