// Startup scripts and user data in Compute Engine metadata must not carry secrets: metadata is
// readable by anyone with compute viewer access and by every process on the VM.

import type { InstanceArgs } from "@pulumi/gcp/compute/instance";
import { GCE_TYPES, metadataOf } from "../lib/gcpInstances";
import { asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { describeSecrets, secretsInText } from "../lib/secrets";
import { UNKNOWN } from "../lib/unknown";

/** Metadata keys that hold scripts or cloud-init data. */
const SCRIPT_KEY = /^(startup-script|shutdown-script|user-data|windows-startup-script-(ps1|cmd|bat))$/;

/** No secret pattern in metadataStartupScript or a script metadata key. */
export const blockStartupScriptSecrets = resourceRule({
  name: "gcp-compute-startup-script-no-secrets",
  description:
    "Google Compute Engine startup scripts and user data must not contain secrets such as keys or literal passwords.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  types: GCE_TYPES,
  check: (ctx) => {
    const sources: [string, string][] = [];
    const script = asString(field<InstanceArgs>(ctx.props, "metadataStartupScript"));
    if (script === UNKNOWN) ctx.undecided("metadataStartupScript");
    else if (script !== undefined) sources.push(["metadataStartupScript", script]);
    const metadata = metadataOf(ctx.props);
    if (metadata === UNKNOWN) ctx.undecided("metadata");
    else {
      for (const [key, value] of metadata) {
        if (!SCRIPT_KEY.test(key)) continue;
        if (value === UNKNOWN) ctx.undecided(`metadata["${key}"]`);
        else sources.push([`metadata["${key}"]`, value]);
      }
    }
    for (const [where, text] of sources) {
      const found = secretsInText(text);
      if (found.length === 0) continue;
      ctx.report(
        `${ctx.label} should not carry secrets in ${where}: it holds ${describeSecrets(found)}; ` +
          `read them at boot from Secret Manager with the instance's service account.`,
      );
    }
  },
});
