// SNS topic policies must not let anyone publish to or subscribe to a topic.

import { publicPolicyRule } from "../lib/publicPolicy";

/** No statement of a topic policy allows Principal "*" without a limiting condition. */
export const blockSnsTopicPolicyPublic = publicPolicyRule({
  name: "aws-sns-topic-policy-not-public",
  description:
    "SNS topic policies must not allow any action to Principal \"*\" without a condition limiting the caller.",
  severity: "high",
  benchmarks: ["CKV_AWS_169"],
  policyProperty: { "aws:sns/topicPolicy:TopicPolicy": "policy", "aws:sns/topic:Topic": "policy" },
});
