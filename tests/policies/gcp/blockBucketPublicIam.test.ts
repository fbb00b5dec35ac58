import { blockBucketPublicIam } from "../../../policies/gcp/blockBucketPublicIam";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const FIX = "grant the role to named users, groups or service accounts instead, or list it under allowedBuckets if it is public on purpose.";

ruleCases(
  "policies/gcp/blockBucketPublicIam",
  blockBucketPublicIam,
  { type: "gcp:storage/bucketIAMMember:BucketIAMMember", name: "readers", props: { bucket: "data", role: "roles/storage.objectViewer", member: "group:readers@example.com" } },
  [
    {
      it: "reports a grant to allUsers",
      props: (b) => ({ ...b, member: "allUsers" }),
      violations: [`GCS bucket IAM member 'readers' should not make the bucket public: member grants roles/storage.objectViewer to allUsers; ${FIX}`],
    },
    {
      it: "reports allAuthenticatedUsers in a binding",
      type: "gcp:storage/bucketIAMBinding:BucketIAMBinding",
      props: () => ({ bucket: "data", role: "roles/storage.objectViewer", members: ["user:a@example.com", "allAuthenticatedUsers"] }),
      violations: [`GCS bucket IAM binding 'readers' should not make the bucket public: members[1] grants roles/storage.objectViewer to allAuthenticatedUsers; ${FIX}`],
    },
    {
      it: "reads a whole policy document",
      type: "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
      props: () => ({ bucket: "data", policyData: JSON.stringify({ bindings: [{ role: "roles/storage.admin", members: ["allUsers"] }] }) }),
      violations: [`GCS bucket IAM policy 'readers' should not make the bucket public: policyData bindings[0] grants roles/storage.admin to allUsers; ${FIX}`],
    },
    {
      it: "reports a legacy ACL entity",
      type: "gcp:storage/bucketAccessControl:BucketAccessControl",
      props: () => ({ bucket: "data", entity: "allUsers", role: "READER" }),
      violations: [`GCS bucket access control 'readers' should not make the bucket public: entity grants READER to allUsers; ${FIX}`],
    },
    { it: "lets the config allow a website bucket", props: () => ({ bucket: "www-assets", role: "roles/storage.objectViewer", member: "allUsers" }), config: { allowedBuckets: ["www-*"] } },
    { it: "defers to the update when the member is not known yet", props: (b) => ({ ...b, member: UNKNOWN_VALUE }), notApplicable: deferred("GCS bucket IAM member 'readers'", "its members") },
  ],
);
