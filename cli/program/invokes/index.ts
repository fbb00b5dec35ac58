// The table of invokes (provider functions) answered offline, keyed by token, and the region each
// call is made in. Everything not in the table keeps returning its own inputs, as Pulumi's mocks do.
// `invokeTableMarkdown` renders the table for the README, and a test keeps the two the same.

import { AWS_INVOKES, awsRegion } from "./aws";
import { AZURE_INVOKES } from "./azure";
import { GCP_INVOKES } from "./gcp";
import { Inputs, OfflineInvoke } from "./values";

export type { InvokeContext, OfflineInvoke } from "./values";

/** Every invoke answered offline, by token. */
export const OFFLINE_INVOKES: ReadonlyMap<string, OfflineInvoke> = new Map(
  [...AWS_INVOKES, ...AZURE_INVOKES, ...GCP_INVOKES].map((i) => [i.token, i] as const),
);

/** The package of a token ("aws:ec2/getAmi:getAmi" → "aws"). */
export function packageOfToken(token: string): string {
  return token.split(":")[0];
}

/**
 * The region a call is made in, as its provider would pick it: AWS its `region` input, the
 * provider's `region` or us-east-1; Google Cloud its `region` input, the provider's or us-central1;
 * Azure the provider's `location` or eastus.
 */
export function invokeRegion(token: string, inputs: Inputs, setting: (k: string) => string | undefined): string {
  switch (packageOfToken(token)) {
    case "aws":
      return awsRegion(inputs, setting);
    case "gcp":
      return (typeof inputs.region === "string" && inputs.region) || setting("region") || "us-central1";
    case "azure-native":
      return setting("location") ?? "eastus";
    default:
      return setting("region") ?? "";
  }
}

/** The README's table of offline invokes. */
export function invokeTableMarkdown(): string {
  const rows = [...OFFLINE_INVOKES.values()].map((i) => `| \`${i.token}\` | ${i.returns.replace(/\|/g, "\\|")} |`);
  return ["| Invoke | Answer offline |", "| --- | --- |", ...rows].join("\n") + "\n";
}
