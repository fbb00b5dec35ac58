import { requireIamPasswordPolicy } from "../../../policies/aws/requireIamPasswordPolicy";
import { ruleCases } from "../ruleCases";

const LABEL = "IAM account password policy 'strict'";

ruleCases(
  "policies/aws/requireIamPasswordPolicy",
  requireIamPasswordPolicy,
  { type: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", name: "strict", props: { minimumPasswordLength: 14, passwordReusePrevention: 24 } },
  [
    {
      it: "reports a short minimum length",
      props: (b) => ({ ...b, minimumPasswordLength: 8 }),
      violations: [`${LABEL} should require strong passwords: set minimumPasswordLength to 14 (it is 8).`],
    },
    {
      it: "reports an empty policy with what unset means",
      props: () => ({}),
      violations: [`${LABEL} should require strong passwords: set minimumPasswordLength to 14 (it is unset, meaning 6) and passwordReusePrevention to 24 (it is unset).`],
    },
    {
      it: "uses the configured thresholds",
      props: (b) => ({ ...b, minimumPasswordLength: 16 }),
      config: { minimumLength: 20, reusePrevention: 12 },
      violations: [`${LABEL} should require strong passwords: set minimumPasswordLength to 20 (it is 16).`],
    },
  ],
);
