// Runs a Pulumi program in-process under Pulumi's own mocks and records every resource it
// registers, as the engine would see it: type, name, URN, inputs in wire form (secrets and
// unknowns marked), parent, provider and property dependencies; resources it reads (`get`,
// StackReference) are recorded apart, and the stack's outputs are kept. The records feed the cost
// model and the served policy pack.
//
// How: `pulumi.runtime.setMocks` installs the SDK's MockMonitor; we wrap that monitor's
// `registerResource`, `readResource` and `registerResourceOutputs` so each real request the SDK
// builds is read before the mock answers it. The program runs inside `runInPulumiStack`, as the
// Node.js language host runs it, so every resource has the stack as its root parent. As under the
// host, an unhandled rejection or uncaught exception while the program runs (a throw inside an
// `apply`, a failed registration) fails the run, and so does a run the event loop can no longer
// finish. Runs are serialized within the process: `setMocks` resets the runtime's per-run state
// (monitor, stack resource, feature flags) and `setAllConfig` replaces the configuration, so
// sequential runs are independent, while two runs at once would share that global state.

import { markRecording } from "./program/recording";
import * as pulumi from "@pulumi/pulumi";
import type {
  ReadResourceRequest,
  ReadResourceResponse,
  RegisterResourceOutputsRequest,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import type { PricingResource } from "../policies/cost/types";
import type { HostResource } from "./analyzerProto";
import { ProgramError } from "./program/errors";
import { describeFailure } from "./program/failure";
import { readReadRequest, readRequest, withDefaultProviders } from "./program/requests";
import { failOnUnhandled } from "./program/unhandled";

export { seconds } from "./program/requests";
export { UnsettledProgramError } from "./program/unhandled";

export { readProgramDir } from "./programDir";
export { readStackConfig } from "./program/config";
export { ProgramError } from "./program/errors";
export type { ProgramDir } from "./programDir";

/** A resource the program registered, with what the engine and the policy pack receive. */
export interface RecordedResource extends HostResource {
  /** True for custom (provider-managed) resources, false for components and the stack. */
  readonly custom: boolean;
  /** The id the mocks assigned (custom resources only). */
  readonly id?: string;
  /** The package version the SDK asked for (names default providers). */
  readonly version?: string;
  /** True for a default provider made the way the engine makes one (not registered by the program). */
  readonly defaultProvider?: boolean;
  /** True for a resource the program read (`Resource.get`, StackReference) rather than manages. */
  readonly read?: boolean;
}

/** What to run and under which project, stack and configuration. */
export interface RecordOptions {
  /** The program: its body registers resources; its result becomes the stack outputs. */
  readonly program: () => unknown | Promise<unknown>;
  readonly project: string;
  readonly stack: string;
  /** Stack configuration with namespaced keys, e.g. `{ "aws:region": "us-east-1" }`. */
  readonly config: Record<string, string>;
  /** Keys of `config` whose values are secret. */
  readonly secretKeys?: readonly string[];
  /** Whether the run is a preview (`pulumi.runtime.isDryRun()`); default true. */
  readonly preview?: boolean;
  /** What `pulumi.getOrganization()` returns; default "organization", as for Pulumi's DIY backends. */
  readonly organization?: string;
  /** Answers to resource registrations and invokes; default: state = inputs, invokes echo inputs. */
  readonly mocks?: pulumi.runtime.Mocks;
  /**
   * Prepares the process for this run (working directory, module hooks) once the run has its turn;
   * returns the function that undoes it after the run.
   */
  readonly prepare?: () => () => void;
}

/** What one run recorded. */
export interface ProgramRecording {
  readonly resources: RecordedResource[];
  /** The stack's outputs in wire form (unknowns and secrets marked), when it registered any. */
  readonly outputs: Record<string, unknown>;
  /** Promises the program left pending when it finished (Pulumi reports these as leaks). */
  readonly leakedPromises: number;
}

// The Node.js SDK exposes these runtime functions at run time but marks them internal in its types.
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): unknown;
  waitForRPCs(): Promise<void>;
};
const state = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
};

type Callback<T> = (err: Error | null, resp?: T) => void;
interface Monitor {
  registerResource(req: RegisterResourceRequest, cb: Callback<RegisterResourceResponse>): void;
  readResource(req: ReadResourceRequest, cb: Callback<ReadResourceResponse>): void;
  registerResourceOutputs(req: RegisterResourceOutputsRequest, cb: Callback<unknown>): void;
}

/** The default provider organization name of Pulumi's DIY (file and cloud storage) backends. */
export const DEFAULT_ORGANIZATION = "organization";

/** The mocks of a plain recording: resources keep their inputs as state, invokes echo inputs. */
export const ECHO_MOCKS: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: args.custom ? `${args.name}-id` : undefined, state: args.inputs }),
  call: (args) => args.inputs,
};

let queue: Promise<unknown> = Promise.resolve();
export { isRecording } from "./program/recording";

async function recordOnce(options: RecordOptions): Promise<ProgramRecording> {
  const { project, stack, config } = options;
  await pulumi.runtime.setMocks(
    options.mocks ?? ECHO_MOCKS,
    project,
    stack,
    options.preview ?? true,
    options.organization ?? DEFAULT_ORGANIZATION,
  );
  pulumi.runtime.setAllConfig(config, [...(options.secretKeys ?? [])]);
  state.getStore().leakCandidates = new Set();
  const monitor = settings.getMonitor() as Monitor;
  const register = monitor.registerResource.bind(monitor);
  const read = monitor.readResource.bind(monitor);
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  const recorded: RecordedResource[] = [];
  let outputs: Record<string, unknown> = {};
  monitor.registerResource = (req, cb) =>
    register(req, (err, resp) => {
      if (!err && resp) recorded.push(readRequest(req, resp));
      cb(err, resp);
    });
  monitor.readResource = (req, cb) =>
    read(req, (err, resp) => {
      if (!err && resp) recorded.push(readReadRequest(req, resp));
      cb(err, resp);
    });
  monitor.registerResourceOutputs = (req, cb) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::")) {
      outputs = (req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
    }
    registerOutputs(req, cb);
  };
  let leakedPromises = 0;
  try {
    await failOnUnhandled(async () => {
      await pulumi.runtime.runInPulumiStack(async () => await options.program());
      await settings.waitForRPCs();
    });
  } finally {
    // The SDK reports promises still pending at process exit as leaks and fails the process; count
    // them for this run and clear them, so one run's leftovers never flip a later exit code.
    leakedPromises = state.getStore().leakCandidates.size;
    state.getStore().leakCandidates = new Set();
  }
  return { resources: withDefaultProviders(recorded, project, stack, config), outputs, leakedPromises };
}

/**
 * Runs a program under Pulumi's mocks and returns what it registered, read and exported (runs are
 * serialized). A failing program rejects with its own error.
 */
export function recordProgramRun(options: RecordOptions): Promise<ProgramRecording> {
  const run = queue.then(async () => {
    markRecording(1);
    const undo = options.prepare?.();
    try {
      return await recordOnce(options);
    } finally {
      undo?.();
      markRecording(-1);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Runs a program under Pulumi's mocks and returns every resource it registers (runs are
 * serialized). A failing program rejects with a ProgramError.
 */
export async function recordProgram(options: RecordOptions): Promise<RecordedResource[]> {
  try {
    return (await recordProgramRun(options)).resources;
  } catch (e) {
    if (e instanceof ProgramError) throw e;
    throw describeFailure(e, { what: `The program of project '${options.project}' (stack '${options.stack}')` });
  }
}

/**
 * Records the program in a directory, as `pulumi preview` in that directory would run it (see
 * program/run.ts), without the type check `cloudfit preview` adds; `extraConfig` overrides stack
 * configuration keys.
 */
export async function recordProgramDir(
  dir: string,
  stack: string,
  extraConfig: Record<string, string> = {},
): Promise<RecordedResource[]> {
  // Loaded here: the runner itself records through this module.
  const { runProgramDir } = require("./program/run") as typeof import("./program/run");
  return (await runProgramDir(dir, stack, { extraConfig, typeCheck: false })).resources;
}

/** The cost model's view of recorded resources: each with its provider's properties. */
export function toPricingResources(recorded: readonly RecordedResource[]): PricingResource[] {
  const byUrn = new Map(recorded.map((r) => [r.urn, r] as const));
  return recorded.map((r) => {
    const prov = r.provider ? byUrn.get(r.provider) : undefined;
    return {
      urn: r.urn,
      name: r.name,
      type: r.type,
      props: r.props,
      provider: prov ? { type: prov.type, props: prov.props } : undefined,
      propertyDependencies: r.propertyDependencies,
    };
  });
}
