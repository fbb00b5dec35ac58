// Serves a policy pack the way the Pulumi CLI does and talks to it over gRPC. packProcess.ts starts
// the pack as the CLI's `pulumi-analyzer-policy` plugin starts it (sdk/go/common/resource/plugin/
// analyzer_plugin.go, NewPolicyAnalyzer); this module gives it a real Engine service address, then
// makes the CLI's calls in the CLI's order: Handshake (answered UNIMPLEMENTED by @pulumi/policy
// 1.21, which the CLI tolerates), ConfigureStack, GetAnalyzerInfo, Configure with the config
// reconciled as pkg/resource/analyzer/config.go does, and Analyze / AnalyzeStack.

import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  HostResource,
  levelName,
  levelValue,
  toAnalyzeRequest,
  toAnalyzerResource,
  toViolations,
  Violation,
} from "./analyzerProto";

import { reportStep } from "./progress";
import { launchPack, PackProcessOptions, PolicyHostError } from "./packProcess";
import {
  EnforcementLevel,
  loadPolicyConfigFile,
  parsePolicyConfig,
  PolicyConfigError,
  PolicyConfigMap,
  PolicyMetadata,
  reconcilePolicyConfig,
} from "./policyConfig";

export type { HostResource, Violation } from "./analyzerProto";
export { PolicyHostError } from "./packProcess";

/** How to serve the pack: how to start it, and its policy configuration. */
export interface PolicyHostOptions extends PackProcessOptions {
  /** Policy pack configuration, as the content of a `--policy-pack-config` file. */
  readonly config?: unknown;
  /** A `--policy-pack-config` file to read the configuration from (instead of `config`). */
  readonly configFile?: string;
  /** Where the configuration came from, for error messages. */
  readonly configSource?: string;
}

/** One policy of the served pack as GetAnalyzerInfo describes it. */
export interface ServedPolicy extends PolicyMetadata {
  readonly displayName: string;
  readonly description: string;
  readonly severity: string;
}

/** The served pack as GetAnalyzerInfo describes it. */
export interface ServedPackInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly ServedPolicy[];
}

/** A running policy pack and its Analyzer client. */
export interface PolicyHost {
  info(): ServedPackInfo;
  /** The configuration the pack was configured with, per policy. */
  configuration(): PolicyConfigMap;
  /** Analyzes each resource on its own (as during a preview step by step). */
  analyze(resources: readonly HostResource[]): Promise<Violation[]>;
  /** Analyzes the stack as a whole, with parents and dependencies. */
  analyzeStack(resources: readonly HostResource[]): Promise<Violation[]>;
  /** Stops the pack and the engine service. */
  close(): Promise<void>;
}

/** gRPC message limit the CLI uses for plugins (rpcutil.GrpcChannelOptions: 400 MiB). */
const MAX_MESSAGE = 400 * 1024 * 1024;
/** Requests in flight at once when analyzing resources one by one. */
const ANALYZE_CONCURRENCY = 32;

function unary<Req, Res>(
  fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn(req, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

function readInfo(msg: analyzerpb.AnalyzerInfo): {
  info: ServedPackInfo;
  initial: PolicyConfigMap;
} {
  const policies = msg.getPoliciesList().map((p) => {
    const schema = p.getConfigschema();
    return {
      name: p.getName(),
      displayName: p.getDisplayname(),
      description: p.getDescription(),
      enforcementLevel: levelName(p.getEnforcementlevel()) as EnforcementLevel,
      severity: ["", "low", "medium", "high", "critical"][p.getSeverity()] ?? "",
      configSchema: schema
        ? {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            required: schema.getRequiredList(),
          }
        : undefined,
    };
  });
  const initial: PolicyConfigMap = {};
  msg.getInitialconfigMap().forEach((c, k) => {
    initial[k] = {
      enforcementLevel: levelName(c.getEnforcementlevel()) as EnforcementLevel,
      properties: (c.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
    };
  });
  const info = {
    name: msg.getName(),
    version: msg.getVersion(),
    description: msg.getDescription(),
    supportsConfig: msg.getSupportsconfig(),
    policies,
  };
  return { info, initial };
}

/** Starts the pack as the Pulumi CLI does, configures it, and returns its client. */
export async function startPolicyHost(opts: PolicyHostOptions): Promise<PolicyHost> {
  reportStep("starting the policy pack");
  const { engine, pack } = await launchPack(opts);
  const killChild = () => pack.child.kill("SIGKILL");
  process.once("exit", killChild);
  const cleanup = async () => {
    process.removeListener("exit", killChild);
    pack.child.kill("SIGKILL");
    await engine.close();
  };
  const fail = async (what: string, e: unknown, fix: string): Promise<never> => {
    await cleanup();
    throw new PolicyHostError(what, e instanceof Error ? e.message : String(e), fix);
  };
  let port = 0;
  try {
    port = await pack.port;
  } catch (e) {
    return fail(
      `Starting the policy pack in ${opts.packDir}`,
      e,
      "run `npm install` at the repository root and check that the pack compiles (`npx tsc --noEmit -p .`).",
    );
  }
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": MAX_MESSAGE,
    "grpc.max_send_message_length": MAX_MESSAGE,
  });
  let info: ServedPackInfo;
  let configured: PolicyConfigMap;
  try {
    const hs = new analyzerpb.AnalyzerHandshakeRequest();
    hs.setEngineAddress(engine.address);
    hs.setRootDirectory(opts.packDir);
    hs.setProgramDirectory(opts.packDir);
    await unary(client.handshake.bind(client), hs).catch((e: grpc.ServiceError) => {
      if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    });
    const cs = new analyzerpb.AnalyzerStackConfigureRequest();
    cs.setStack(opts.stack ?? "stack");
    cs.setProject(opts.project ?? "project");
    cs.setOrganization(opts.organization ?? "");
    cs.setDryRun(opts.dryRun ?? true);
    for (const [k, v] of Object.entries(opts.stackConfig ?? {})) cs.getConfigMap().set(k, v);
    await unary(client.configureStack.bind(client), cs).catch((e: grpc.ServiceError) => {
      if (e.code !== grpc.status.UNIMPLEMENTED) throw e;
    });
    const read = readInfo(await unary(client.getAnalyzerInfo.bind(client), new Empty()));
    info = read.info;
    const source = opts.configFile ?? opts.configSource;
    const given = opts.configFile
      ? loadPolicyConfigFile(opts.configFile)
      : parsePolicyConfig(opts.config ?? {}, source);
    configured = reconcilePolicyConfig(info.policies, read.initial, given, source);
    const req = new analyzerpb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(configured)) {
      const pc = new analyzerpb.PolicyConfig();
      pc.setEnforcementlevel(levelValue(c.enforcementLevel ?? "advisory"));
      pc.setProperties(
        Struct.fromJavaScript(c.properties as Parameters<typeof Struct.fromJavaScript>[0]),
      );
      req.getPolicyconfigMap().set(name, pc);
    }
    await unary(client.configure.bind(client), req);
  } catch (e) {
    client.close();
    if (e instanceof PolicyConfigError) {
      await cleanup();
      throw e;
    }
    return fail(
      `Configuring the policy pack served on port ${port}`,
      e,
      "check the pack's stderr output: " + pack.stderr().trim().slice(-500),
    );
  }

  const call = async <T>(what: string, p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      throw new PolicyHostError(
        what,
        e instanceof Error ? e.message : String(e),
        "a policy threw; the message above names it and its stack trace",
      );
    }
  };
  return {
    info: () => info,
    configuration: () => configured,
    async analyze(resources) {
      reportStep(`analyzing ${resources.length} resources`);
      const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
      const results: Violation[][] = new Array(resources.length);
      let next = 0;
      const worker = async () => {
        while (next < resources.length) {
          const i = next++;
          const r = resources[i];
          const resp = await call(
            `Analyzing ${r.urn}`,
            unary<analyzerpb.AnalyzeRequest, analyzerpb.AnalyzeResponse>(
              client.analyze.bind(client),
              toAnalyzeRequest(r, byUrn),
            ),
          );
          results[i] = toViolations(resp, r.urn);
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(ANALYZE_CONCURRENCY, resources.length) }, worker),
      );
      return results.flat();
    },
    async analyzeStack(resources) {
      reportStep("analyzing the stack");
      const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
      const req = new analyzerpb.AnalyzeStackRequest();
      req.setResourcesList(resources.map((r) => toAnalyzerResource(r, byUrn)));
      const resp = await call(
        "Analyzing the stack",
        unary<analyzerpb.AnalyzeStackRequest, analyzerpb.AnalyzeResponse>(
          client.analyzeStack.bind(client),
          req,
        ),
      );
      return toViolations(resp, "");
    },
    async close() {
      client.close();
      process.removeListener("exit", killChild);
      const exited = new Promise<void>((resolve) => {
        if (pack.child.exitCode !== null || pack.child.signalCode !== null) resolve();
        else pack.child.once("exit", () => resolve());
      });
      pack.child.kill("SIGTERM");
      await exited;
      await engine.close();
    },
  };
}
