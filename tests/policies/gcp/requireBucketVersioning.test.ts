import { requireBucketVersioning } from "../../../policies/gcp/requireBucketVersioning";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireBucketVersioning",
  requireBucketVersioning,
  { type: "gcp:storage/bucket:Bucket", name: "data", props: { location: "EU", versioning: { enabled: true } } },
  [{ it: "reports a bucket without versioning", props: () => ({ location: "EU" }), violations: ["GCS bucket 'data' should keep object versions: set versioning.enabled to true."] }],
);
