// Key Vault keys should rotate automatically: a rotation policy with a "Rotate" lifetime
// action. Keys never rotate unless told to, so advisory unless configured mandatory.

import type { KeyArgs } from "@pulumi/azure-native/keyvault/key";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Properties = azureInput.keyvault.KeyPropertiesArgs;
type Policy = azureInput.keyvault.RotationPolicyArgs;
type Lifetime = azureInput.keyvault.LifetimeActionArgs;

/** properties.rotationPolicy has a lifetime action of type "Rotate". */
export const requireKeyVaultKeyRotation = resourceRule({
  name: "azure-keyvault-key-rotation",
  description: "Azure Key Vault keys must have a rotation policy that rotates them automatically.",
  enforcementLevel: "advisory",
  severity: "medium",
  benchmarks: ["CIS Azure 8.8"],
  types: ["azure-native:keyvault:Key"],
  check: (ctx) => {
    const policy = field<Properties>(field<KeyArgs>(ctx.props, "properties"), "rotationPolicy");
    const actions = asList(field<Policy>(policy, "lifetimeActions"));
    if (actions === UNKNOWN) return ctx.undecided("properties.rotationPolicy.lifetimeActions");
    const types = actions.map((a) => asString(field<azureInput.keyvault.ActionArgs>(field<Lifetime>(a, "action"), "type")));
    if (types.some((t) => t === UNKNOWN)) return ctx.undecided("properties.rotationPolicy.lifetimeActions");
    if (types.some((t) => typeof t === "string" && t.toLowerCase() === "rotate")) return;
    ctx.report(
      `${ctx.label} should rotate automatically: add properties.rotationPolicy.lifetimeActions ` +
        `with action.type "Rotate" and a trigger such as timeAfterCreate "P90D".`,
    );
  },
});
