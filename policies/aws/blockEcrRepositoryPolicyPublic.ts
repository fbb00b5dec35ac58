// ECR repository policies must not let anyone pull, push or delete images.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a repository policy allows Principal "*" without a limiting condition. */
export const blockEcrRepositoryPolicyPublic = publicPolicyRule({
  name: "aws-ecr-repository-policy-not-public",
  description:
    "ECR repository policies must not allow any action to Principal \"*\" without a condition limiting the caller.",
  severity: "critical",
  benchmarks: ["CKV_AWS_32"],
  policyProperty: { "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy" },
});
