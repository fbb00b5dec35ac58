import * as assert from "assert";
import { requireRdsDeletionProtection } from "../../../policies/aws/requireRdsDeletionProtection";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireRdsDeletionProtection",
  requireRdsDeletionProtection,
  { type: "aws:rds/cluster:Cluster", name: "orders", props: { engine: "aurora-mysql", deletionProtection: true } },
  [
    {
      it: "reports a cluster without deletion protection",
      props: (b) => ({ ...b, deletionProtection: false }),
      violations: ["RDS cluster 'orders' should be protected from deletion: set deletionProtection to true."],
    },
    {
      it: "reports an instance left at the default (off)",
      type: "aws:rds/instance:Instance",
      props: () => ({ engine: "mysql", instanceClass: "db.t4g.micro" }),
      violations: ["RDS instance 'orders' should be protected from deletion: set deletionProtection to true."],
    },
  ],
);

describe("policies/aws/requireRdsDeletionProtection level", () => {
  it("is advisory, since scratch databases are routinely unprotected", () => {
    assert.equal(requireRdsDeletionProtection.enforcementLevel, "advisory");
  });
});
