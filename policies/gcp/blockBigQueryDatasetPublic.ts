// BigQuery datasets must not be readable by allUsers or allAuthenticatedUsers, whether through
// dataset IAM resources, the dataset's `accesses` list or a separate DatasetAccess.

import type { DatasetArgs } from "@pulumi/gcp/bigquery/dataset";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { grantsOf, isPublicMember } from "../lib/gcpIam";
import { Read, asList, asString, field } from "../lib/read";
import { ResourceContext, resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const DATASET = "gcp:bigquery/dataset:Dataset";
const DATASET_ACCESS = "gcp:bigquery/datasetAccess:DatasetAccess";
const IAM_TYPES = [
  "gcp:bigquery/datasetIamBinding:DatasetIamBinding",
  "gcp:bigquery/datasetIamMember:DatasetIamMember",
  "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy",
];

type Access = gcpInput.bigquery.DatasetAccess;

const FIX = "grant access to named users, groups or service accounts instead.";

/** Reports one access entry that names allUsers or allAuthenticatedUsers. */
function checkAccess(ctx: ResourceContext<unknown>, access: Read, where: string): void {
  for (const key of ["specialGroup", "iamMember"] as const) {
    const member = asString(field<Access>(access, key));
    if (member === UNKNOWN) ctx.undecided(`${where}${key}`);
    else if (typeof member === "string" && isPublicMember(member)) {
      ctx.report(`${ctx.label} should not make the dataset public: ${where}${key} is ${member}; ${FIX}`);
    }
  }
}

/** No dataset access entry or IAM grant names allUsers or allAuthenticatedUsers. */
export const blockBigQueryDatasetPublic = resourceRule({
  name: "gcp-bigquery-dataset-not-public",
  description: "BigQuery datasets must not grant access to allUsers or allAuthenticatedUsers.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS GCP 7.1", "CKV_GCP_15"],
  types: [DATASET, DATASET_ACCESS, ...IAM_TYPES],
  check: (ctx) => {
    if (ctx.type === DATASET) {
      const accesses = asList(field<DatasetArgs>(ctx.props, "accesses"));
      if (accesses === UNKNOWN) return ctx.undecided("accesses");
      accesses.forEach((a, i) => checkAccess(ctx, a, `accesses[${i}].`));
      return;
    }
    if (ctx.type === DATASET_ACCESS) return checkAccess(ctx, ctx.props, "");
    const grants = grantsOf(ctx.type, ctx.props);
    if (grants === UNKNOWN) return ctx.undecided("its members");
    for (const g of grants.filter((x) => isPublicMember(x.member))) {
      ctx.report(`${ctx.label} should not make the dataset public: ${g.where} grants ${g.role ?? "a role"} to ${g.member}; ${FIX}`);
    }
  },
});
