import * as assert from "assert";
import { blockServiceAccountKeys } from "../../../policies/gcp/blockServiceAccountKeys";
import { runResource } from "../harness";

describe("policies/gcp/blockServiceAccountKeys", () => {
  it("reports every user-managed key", async () => {
    const outcome = await runResource(blockServiceAccountKeys, { type: "gcp:serviceaccount/key:Key", name: "ci-key", props: { serviceAccountId: "ci" } });
    assert.deepStrictEqual(outcome, {
      violations: ["Service account key 'ci-key' should not create a long-lived service account key: attach the service account to the workload, or use workload identity federation for CI and other clouds."],
    });
  });
});
