// Azure container registries must not use the shared admin account (a single password for full
// push and pull access) or allow anonymous pulls.

import type { RegistryArgs } from "@pulumi/azure-native/containerregistry/registry";
import { asBool, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** adminUserEnabled and anonymousPullEnabled are not true. */
export const restrictContainerRegistryAccess = resourceRule({
  name: "azure-container-registry-no-admin-or-anonymous",
  description: "Azure container registries must disable the admin user and anonymous pull.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_137", "CKV_AZURE_138"],
  types: ["azure-native:containerregistry:Registry"],
  check: (ctx) => {
    const admin = asBool(field<RegistryArgs>(ctx.props, "adminUserEnabled"));
    if (admin === UNKNOWN) ctx.undecided("adminUserEnabled");
    else if (admin === true) {
      ctx.report(
        `${ctx.label} should not use the shared admin account: set adminUserEnabled to false and ` +
          `grant AcrPull/AcrPush roles to identities.`,
      );
    }
    const anonymous = asBool(field<RegistryArgs>(ctx.props, "anonymousPullEnabled"));
    if (anonymous === UNKNOWN) ctx.undecided("anonymousPullEnabled");
    else if (anonymous === true) {
      ctx.report(`${ctx.label} should not let anyone pull images: set anonymousPullEnabled to false.`);
    }
  },
});
