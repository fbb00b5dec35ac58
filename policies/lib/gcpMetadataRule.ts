// Builder of the Compute Engine metadata rules: each reads one metadata key of instances and
// templates and reports when its value is not the one required.

import type { EnforcementLevel, ResourceValidationPolicy, Severity } from "@pulumi/policy";
import { GCE_TYPES, isOn, metadataOf } from "./gcpInstances";
import { resourceRule } from "./rule";
import { UNKNOWN } from "./unknown";

/** A metadata rule: the key, whether it must be on or off, and what unset means. */
export interface MetadataRuleSpec {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly benchmarks: readonly string[];
  readonly key: string;
  /** The value required: on ("TRUE") or off. */
  readonly required: boolean;
  /** Whether an unset key is treated as on. */
  readonly unsetIsOn: boolean;
  /** The finding, given how the key is set now ("unset", "\"FALSE\""). */
  readonly message: (label: string, now: string) => string;
}

/** Builds a rule that checks one metadata key of instances and templates. */
export function metadataRule(spec: MetadataRuleSpec): ResourceValidationPolicy {
  return resourceRule({
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.severity,
    benchmarks: spec.benchmarks,
    types: GCE_TYPES,
    check: (ctx) => {
      const metadata = metadataOf(ctx.props);
      if (metadata === UNKNOWN) return ctx.undecided("metadata");
      const value = metadata.get(spec.key);
      if (value === UNKNOWN) return ctx.undecided(`metadata["${spec.key}"]`);
      const on = value === undefined ? spec.unsetIsOn : isOn(value);
      if (on === spec.required) return;
      ctx.report(spec.message(ctx.label, value === undefined ? "unset" : JSON.stringify(value)));
    },
  });
}
