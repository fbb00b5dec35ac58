import { blockDefaultServiceAccount } from "../../../policies/gcp/blockDefaultServiceAccount";
import { UNKNOWN_VALUE } from "../harness";
import { ruleCases } from "../ruleCases";

const FIX = "set serviceAccount.email to a dedicated service account with only the roles the workload needs.";

ruleCases(
  "policies/gcp/blockDefaultServiceAccount",
  blockDefaultServiceAccount,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", serviceAccount: { email: "app@p.iam.gserviceaccount.com", scopes: ["cloud-platform"] } } },
  [
    {
      it: "reports the default account with the cloud-platform scope",
      props: (b) => ({ ...b, serviceAccount: { email: "123456789-compute@developer.gserviceaccount.com", scopes: ["https://www.googleapis.com/auth/cloud-platform"] } }),
      violations: [`Compute instance 'app' should not run as the default compute service account with the cloud-platform scope: ${FIX}`],
    },
    {
      it: "reports a service account block without an email, which means the default",
      props: (b) => ({ ...b, serviceAccount: { scopes: ["logging-write"] } }),
      violations: [`Compute instance 'app' should not run as the default compute service account: ${FIX}`],
    },
    { it: "passes an instance with no service account", props: (b) => ({ ...b, serviceAccount: undefined }) },
    { it: "passes a dedicated account created in the same update", props: (b) => ({ ...b, serviceAccount: { email: UNKNOWN_VALUE, scopes: ["cloud-platform"] } }) },
  ],
);
