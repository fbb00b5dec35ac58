import { blockBigQueryDatasetPublic } from "../../../policies/gcp/blockBigQueryDatasetPublic";
import { ruleCases } from "../ruleCases";

const FIX = "grant access to named users, groups or service accounts instead.";

ruleCases(
  "policies/gcp/blockBigQueryDatasetPublic",
  blockBigQueryDatasetPublic,
  { type: "gcp:bigquery/dataset:Dataset", name: "sales", props: { datasetId: "sales", accesses: [{ role: "OWNER", userByEmail: "owner@example.com" }] } },
  [
    {
      it: "reports a dataset readable by every Google account",
      props: (b) => ({ ...b, accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers" }] }),
      violations: [`BigQuery dataset 'sales' should not make the dataset public: accesses[0].specialGroup is allAuthenticatedUsers; ${FIX}`],
    },
    {
      it: "reports a DatasetAccess for allUsers",
      type: "gcp:bigquery/datasetAccess:DatasetAccess",
      props: () => ({ datasetId: "sales", role: "READER", iamMember: "allUsers" }),
      violations: [`BigQuery dataset access 'sales' should not make the dataset public: iamMember is allUsers; ${FIX}`],
    },
    {
      it: "reports dataset IAM grants",
      type: "gcp:bigquery/datasetIamMember:DatasetIamMember",
      props: () => ({ datasetId: "sales", role: "roles/bigquery.dataViewer", member: "allUsers" }),
      violations: [`BigQuery dataset IAM member 'sales' should not make the dataset public: member grants roles/bigquery.dataViewer to allUsers; ${FIX}`],
    },
  ],
);
