import * as assert from "assert";
import { blockIamUserAccessKeys } from "../../../policies/aws/blockIamUserAccessKeys";
import { runResource } from "../harness";

describe("policies/aws/blockIamUserAccessKeys", () => {
  it("reports every access key, whatever its settings", async () => {
    const outcome = await runResource(blockIamUserAccessKeys, { type: "aws:iam/accessKey:AccessKey", name: "ci", props: { user: "ci", pgpKey: "keybase:ops" } });
    assert.deepStrictEqual(outcome, {
      violations: [
        "IAM access key 'ci' should not create a long-lived access key: give the workload a role (an instance profile, IRSA, or OIDC federation for CI) instead of a user's keys.",
      ],
    });
  });

  it("passes other resource types", async () => {
    const outcome = await runResource(blockIamUserAccessKeys, { type: "aws:iam/user:User", name: "ci", props: {} });
    assert.deepStrictEqual(outcome, { violations: [] });
  });
});
