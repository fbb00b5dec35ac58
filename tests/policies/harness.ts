// Runs one policy of the pack the way the @pulumi/policy runtime's Analyzer server does, without
// the gRPC hop: properties go through a protobuf Struct, the runtime's own deserializer and its
// unknown-checking proxy; the args objects have the runtime's shape (the real @pulumi/policy
// types); violations and "not applicable" reasons are collected as the server collects them.

import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

// Internal runtime modules the Analyzer server itself uses; @pulumi/policy ships no typings for them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deserializeModule = require("@pulumi/policy/deserialize") as {
  deserializeProperties(props: Struct, proxySecrets: boolean): Record<string, unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
  unknownStringValue: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
  unknownAssetValue: string;
  unknownArchiveValue: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string };

/** The value the engine sends for anything not known during preview. */
export const UNKNOWN_VALUE: string = proxyModule.unknownStringValue;

/** Every unknown sentinel of the runtime, for fuzzing. */
export const UNKNOWN_SENTINELS: readonly string[] = [
  proxyModule.unknownStringValue,
  proxyModule.unknownBooleanValue,
  proxyModule.unknownNumberValue,
  proxyModule.unknownArrayValue,
  proxyModule.unknownObjectValue,
  proxyModule.unknownAssetValue,
  proxyModule.unknownArchiveValue,
];

/** A value wrapped as a secret, in the engine's wire form. */
export function secret(value: unknown): Record<string, unknown> {
  return { [rpc.specialSigKey]: rpc.specialSecretSig, value };
}

/** A plain value made representable in a protobuf Struct (undefined dropped, as JSON does). */
function toWire(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

/** Props as a policy sees them: Struct round trip, runtime deserializer, unknown-checking proxy. */
export function asRuntimeProps(props: Record<string, unknown>): Record<string, unknown> {
  const struct = Struct.fromJavaScript(toWire(props) as Record<string, never>);
  return proxyModule.unknownCheckingProxy(deserializeModule.deserializeProperties(struct, false));
}

/** The URN the harness gives a resource. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::cloudfit::${type}::${name}`;
}

function defaultOptions(): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
}

/** The signal `notApplicable` raises, as the runtime's NotApplicableError does. */
class NotApplicableSignal {
  constructor(readonly reason: string | undefined) {}
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableSignal(reason);
}

function isTypeOf(type: string, cls: unknown): boolean {
  return (cls as { __pulumiType?: string } | undefined)?.__pulumiType === type;
}

/** One resource to validate. */
export interface ResourceCase {
  readonly type: string;
  readonly name?: string;
  readonly props: Record<string, unknown>;
  /** The resource's provider (type "pulumi:providers:aws" etc.) and its inputs. */
  readonly provider?: { readonly type: string; readonly name?: string; readonly props: Record<string, unknown> };
  /** The policy's config, as `getConfig` returns it. */
  readonly config?: Record<string, unknown>;
  /**
   * Pass props as the plain object given, skipping the Struct round trip and the proxy: how a
   * caller outside the runtime (recorded data) would call the policy.
   */
  readonly plain?: boolean;
}

/** What a validation produced. */
export interface Outcome {
  /** Violation messages, in the order reported. */
  readonly violations: string[];
  /** The reason given when the policy marked itself not applicable. */
  readonly notApplicable?: string;
}

/** Runs a resource policy's validations on one resource as the runtime's `analyze` call does. */
export async function runResource(policy: ResourceValidationPolicy, c: ResourceCase): Promise<Outcome> {
  const name = c.name ?? "subject";
  const violations: string[] = [];
  let notApplicable: string | undefined;
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : policy.validateResource
      ? [policy.validateResource]
      : [];
  for (const validate of validations) {
    const props = c.plain ? c.props : asRuntimeProps(c.props);
    const args: ResourceValidationArgs = {
      type: c.type,
      props,
      urn: urnOf(c.type, name),
      name,
      opts: defaultOptions(),
      stackTags: new Map(),
      isType: (cls) => isTypeOf(c.type, cls),
      asType: ((cls: unknown) => (isTypeOf(c.type, cls) ? props : undefined)) as ResourceValidationArgs["asType"],
      getConfig: <T extends object>() => (c.config ?? {}) as T,
      notApplicable: throwNotApplicable,
    };
    if (c.provider) {
      const pname = c.provider.name ?? "default";
      args.provider = {
        type: c.provider.type,
        name: pname,
        urn: urnOf(c.provider.type, pname),
        props: c.plain ? c.provider.props : asRuntimeProps(c.provider.props),
      };
    }
    try {
      await Promise.resolve(validate(args, (message) => violations.push(message)));
    } catch (e) {
      if (e instanceof NotApplicableSignal) notApplicable = e.reason;
      else throw e;
    }
  }
  return notApplicable === undefined ? { violations } : { violations, notApplicable };
}

/** One resource of a stack to validate; links name other resources of the same case. */
export interface StackResourceCase {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  /** Per input property, the names of the resources its value came from. */
  readonly propertyDependencies?: Record<string, string[]>;
  /** Names of the resources this one depends on. */
  readonly dependencies?: string[];
  readonly parent?: string;
}

/** What a stack validation produced. */
export interface StackOutcome {
  readonly violations: { message: string; urn?: string }[];
  readonly notApplicable?: string;
}

/** Runs a stack policy over resources as the runtime's `analyzeStack` call does. */
export async function runStack(
  policy: StackValidationPolicy,
  resources: readonly StackResourceCase[],
  config?: Record<string, unknown>,
): Promise<StackOutcome> {
  const byName = new Map<string, PolicyResource>();
  const built = resources.map((r) => {
    const props = asRuntimeProps(r.props);
    const resource: PolicyResource = {
      type: r.type,
      props,
      urn: urnOf(r.type, r.name),
      name: r.name,
      opts: defaultOptions(),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => isTypeOf(r.type, cls),
      asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
    };
    byName.set(r.name, resource);
    return resource;
  });
  const lookup = (names: readonly string[] | undefined) =>
    (names ?? []).map((n) => byName.get(n)).filter((x): x is PolicyResource => x !== undefined);
  resources.forEach((r, i) => {
    const resource = built[i];
    if (r.parent && byName.has(r.parent)) resource.parent = byName.get(r.parent);
    resource.dependencies = lookup(r.dependencies);
    for (const [k, names] of Object.entries(r.propertyDependencies ?? {})) {
      resource.propertyDependencies[k] = lookup(names);
    }
  });
  const violations: { message: string; urn?: string }[] = [];
  const args: StackValidationArgs = {
    resources: built,
    stackTags: new Map(),
    getConfig: <T extends object>() => (config ?? {}) as T,
    notApplicable: throwNotApplicable,
  };
  try {
    await Promise.resolve(
      policy.validateStack(args, (message, urn) => violations.push(urn === undefined ? { message } : { message, urn })),
    );
  } catch (e) {
    if (e instanceof NotApplicableSignal) return { violations, notApplicable: e.reason };
    throw e;
  }
  return { violations };
}

/** Source files of the encryption and compliance rules (not the cost policies). */
export function ruleSourceFiles(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require("path") as typeof import("path");
  const root = path.join(__dirname, "..", "..", "policies");
  const files = [path.join(root, "rules.ts")];
  const dirs = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !["cost", "node_modules"].includes(d.name))
    .map((d) => d.name)
    .sort();
  for (const dir of dirs) {
    for (const f of fs.readdirSync(path.join(root, dir)).sort()) {
      if (f.endsWith(".ts")) files.push(path.join(root, dir, f));
    }
  }
  return files;
}

/** A quoted type token: "aws:s3/bucket:Bucket", "gcp:compute/firewall:Firewall", "azure-native:storage:StorageAccount". */
const TYPE_TOKEN = /"((?:aws|gcp):[a-z0-9]+\/[A-Za-z0-9]+:[A-Z][A-Za-z0-9]*|azure-native:[a-z0-9]+:[A-Z][A-Za-z0-9]*)"/g;

/** Every AWS, Azure and Google Cloud type token named in the rules' source, sorted. */
export function ruleTypeTokens(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  const tokens = new Set<string>();
  for (const file of ruleSourceFiles()) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(TYPE_TOKEN)) tokens.add(m[1]);
  }
  return [...tokens].sort();
}
