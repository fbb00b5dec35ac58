// Builders that turn a small check function into a @pulumi/policy policy object. They filter by
// type token, read the config with defaults, never let a check throw, and report values that are
// not known during preview through the runtime's own channel: when a check finds no violation but
// could not decide because a value is unknown, the policy marks itself not applicable to that
// resource with `args.notApplicable(reason)`, which the runtime records without blocking. The
// engine analyses each resource again with its resolved inputs when the update runs.
//
// Settings a policy does not declare are refused with an error naming them (and the setting
// most likely meant): the Pulumi CLI validates a pack's config against each configSchema but
// lets undeclared keys through, so a misspelt setting would otherwise be silently ignored.
// Each rule also carries the benchmark items it implements, served as the policy's tags and
// compliance framework so that `pulumi preview` and Pulumi Cloud can show them.

import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { frameworkOf } from "./benchmarks";
import { rawConfig, unknownSettingsError } from "./config";
import { describeResource, joinAnd } from "./messages";
import { Read } from "./read";

/** The metadata every rule declares. */
export interface RuleInfo {
  /** Kebab-case, beginning with the cloud or concern. */
  readonly name: string;
  /** A full sentence saying what the rule requires. */
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: Severity;
  readonly configSchema?: PolicyConfigSchema;
  /** Benchmark items the rule implements: "CIS AWS 5.2", "CKV_AWS_24" (lib/benchmarks). */
  readonly benchmarks: readonly string[];
}

/** The policy fields every builder sets from a rule's metadata. */
function policyFields(spec: RuleInfo) {
  const framework = frameworkOf(spec.benchmarks, spec.description);
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.severity,
    ...(spec.configSchema ? { configSchema: spec.configSchema } : {}),
    ...(spec.benchmarks.length > 0 ? { tags: [...spec.benchmarks] } : {}),
    ...(framework ? { framework } : {}),
  };
}

/**
 * A policy's raw config, refusing settings its schema does not declare. The error escapes the
 * rule on purpose: the runtime turns it into a failed analysis, which stops the preview.
 */
function readRaw(spec: RuleInfo, getConfig: () => unknown): Record<string, unknown> {
  const raw = rawConfig(getConfig);
  const error = unknownSettingsError(spec.name, spec.configSchema, raw);
  if (error) throw error;
  return raw;
}

/** What a resource check sees, and how it reports findings. */
export interface ResourceContext<C> {
  readonly type: string;
  readonly name: string;
  /** The resource's inputs (the runtime's unknown-checking proxy; read them with lib/read). */
  readonly props: Read;
  /** The inputs of the resource's provider, when the engine sent them. */
  readonly providerProps: Read;
  readonly config: C;
  /** "S3 bucket 'logs'": how messages name this resource. */
  readonly label: string;
  /** Reports a violation: a finding and its remedy in one sentence. */
  report(message: string): void;
  /** Records that a deciding property is not known yet (e.g. "metadataOptions.httpTokens"). */
  undecided(property: string): void;
}

/** A resource rule: the types it applies to, its config reader and its check. */
export interface ResourceRuleSpec<C> extends RuleInfo {
  /** The type tokens the rule checks, or a test on the token for rules that span providers. */
  readonly types: readonly string[] | ((type: string) => boolean);
  readonly config?: (raw: Record<string, unknown>) => C;
  readonly check: (ctx: ResourceContext<C>) => void;
}

/** Text of the not-applicable reason given when a rule itself fails, so tests can spot it. */
export const RULE_FAILURE_MARK = "the rule failed";

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return "unprintable error";
  }
}

function undecidedReason(label: string, properties: readonly string[]): string {
  const list = [...new Set(properties)];
  const verb = list.length === 1 ? "is" : "are";
  return (
    `${label} could not be checked during preview because ${joinAnd(list)} ${verb} not known ` +
    `yet; it is checked again when the update runs.`
  );
}

function safeString(read: () => unknown): string {
  try {
    const v = read();
    return typeof v === "string" ? v : "";
  } catch {
    return "";
  }
}

/** The type filter of every policy built by resourceRule, kept off the policy object itself. */
const TYPE_FILTERS = new WeakMap<ResourceValidationPolicy, (type: string) => boolean>();

/** True when a policy built by resourceRule checks resources of this type. */
export function appliesTo(policy: ResourceValidationPolicy, type: string): boolean {
  return TYPE_FILTERS.get(policy)?.(type) ?? false;
}

/** Builds a resource validation policy from a check that sees one resource at a time. */
export function resourceRule<C = Record<string, never>>(
  spec: ResourceRuleSpec<C>,
): ResourceValidationPolicy {
  const types = spec.types;
  const typeSet = new Set(typeof types === "function" ? [] : types);
  const applies = typeof types === "function" ? types : (t: string) => typeSet.has(t);
  const readConfig = spec.config ?? (() => ({}) as C);
  const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
    const type = safeString(() => args.type);
    if (!applies(type)) return;
    const raw = readRaw(spec, () => args.getConfig<Record<string, unknown>>());
    const name = safeString(() => args.name) || safeString(() => args.urn);
    const label = describeResource(type, name);
    let reported = 0;
    const undecided: string[] = [];
    let failure: string | undefined;
    try {
      let providerProps: Read;
      try {
        providerProps = args.provider ? args.provider.props : undefined;
      } catch {
        providerProps = undefined;
      }
      spec.check({
        type,
        name,
        props: args.props,
        providerProps,
        config: readConfig(raw),
        label,
        report: (message) => {
          reported++;
          reportViolation(message);
        },
        undecided: (property) => undecided.push(property),
      });
    } catch (e) {
      failure = errorText(e);
    }
    // notApplicable throws the runtime's own signal, so it is called outside the try block.
    if (reported > 0) return;
    if (failure !== undefined) {
      args.notApplicable(`${label} could not be checked: ${RULE_FAILURE_MARK} (${failure}).`);
    } else if (undecided.length > 0) {
      args.notApplicable(undecidedReason(label, undecided));
    }
  };
  // A rule of one type tells the runtime so, the way validateResourceOfType does: the runtime
  // then skips it for other types without deserializing their properties.
  if (typeof types !== "function" && typeSet.size === 1) {
    (validate as { __pulumiType?: string }).__pulumiType = [...typeSet][0];
  }
  const policy: ResourceValidationPolicy = { ...policyFields(spec), validateResource: validate };
  TYPE_FILTERS.set(policy, applies);
  return policy;
}

/** What a stack check sees, and how it reports findings. */
export interface StackContext<C> {
  readonly resources: readonly PolicyResource[];
  readonly config: C;
  /** Reports a violation against one resource (its URN) or the whole stack. */
  report(message: string, urn?: string): void;
  /** Records a resource whose deciding values are not known yet, with what is missing. */
  undecided(what: string): void;
}

/** A stack rule: its config reader and its check over all resources. */
export interface StackRuleSpec<C> extends RuleInfo {
  /**
   * The one type without which the rule has nothing to check. The runtime then skips the rule,
   * and the cost of deserializing every resource for it, in stacks without that type.
   */
  readonly anchorType?: string;
  readonly config?: (raw: Record<string, unknown>) => C;
  readonly check: (ctx: StackContext<C>) => void;
}

/** Builds a stack validation policy from a check over every resource in the stack. */
export function stackRule<C = Record<string, never>>(
  spec: StackRuleSpec<C>,
): StackValidationPolicy {
  const readConfig = spec.config ?? (() => ({}) as C);
  const validate = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
    const raw = readRaw(spec, () => args.getConfig<Record<string, unknown>>());
    let reported = 0;
    const undecided: string[] = [];
    let failure: string | undefined;
    try {
      let resources: readonly PolicyResource[];
      try {
        resources = Array.isArray(args.resources) ? args.resources : [];
      } catch {
        resources = [];
      }
      spec.check({
        resources,
        config: readConfig(raw),
        report: (message, urn) => {
          reported++;
          reportViolation(message, urn);
        },
        undecided: (what) => undecided.push(what),
      });
    } catch (e) {
      failure = errorText(e);
    }
    if (reported > 0) return;
    if (failure !== undefined) {
      args.notApplicable(`The stack could not be checked: ${RULE_FAILURE_MARK} (${failure}).`);
    } else if (undecided.length > 0) {
      args.notApplicable(
        `Not every resource could be checked during preview ` +
          `(${joinAnd([...new Set(undecided)])}); they are checked again when the update runs.`,
      );
    }
  };
  if (spec.anchorType) (validate as { __pulumiType?: string }).__pulumiType = spec.anchorType;
  return { ...policyFields(spec), validateStack: validate };
}
