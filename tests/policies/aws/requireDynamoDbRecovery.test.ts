import { requireDynamoDbRecovery } from "../../../policies/aws/requireDynamoDbRecovery";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireDynamoDbRecovery",
  requireDynamoDbRecovery,
  { type: "aws:dynamodb/table:Table", name: "orders", props: { hashKey: "id", pointInTimeRecovery: { enabled: true } } },
  [
    {
      it: "reports a table without point-in-time recovery",
      props: (b) => ({ ...b, pointInTimeRecovery: undefined }),
      violations: ["DynamoDB table 'orders' should keep point-in-time recovery: set pointInTimeRecovery.enabled to true."],
    },
  ],
);
