// Environment variables of Cloud Functions (1st and 2nd gen) and Cloud Run services must not
// hold secrets: they are readable by anyone who can view the function or service. Secret
// Manager references (secretEnvironmentVariables, valueSource) are the way to pass secrets.

import type { FunctionArgs as FunctionV1Args } from "@pulumi/gcp/cloudfunctions/function";
import type { FunctionArgs as FunctionV2Args } from "@pulumi/gcp/cloudfunctionsv2/function";
import type { ServiceArgs } from "@pulumi/gcp/cloudrunv2/service";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { Read, asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { describeSecrets, secretsInVariables } from "../lib/secrets";
import { UNKNOWN } from "../lib/unknown";
import { variableMap } from "../lib/variables";

const FUNCTION_V1 = "gcp:cloudfunctions/function:Function";
const FUNCTION_V2 = "gcp:cloudfunctionsv2/function:Function";
const RUN_SERVICE = "gcp:cloudrunv2/service:Service";

type ServiceConfig = gcpInput.cloudfunctionsv2.FunctionServiceConfig;
type BuildConfig = gcpInput.cloudfunctionsv2.FunctionBuildConfig;
type Template = gcpInput.cloudrunv2.ServiceTemplate;
type Container = gcpInput.cloudrunv2.ServiceTemplateContainer;
type Env = gcpInput.cloudrunv2.ServiceTemplateContainerEnv;

/** The variable maps a resource declares, with their property paths. */
function variableSites(type: string, p: Read): [string, Read][] {
  if (type === FUNCTION_V1) {
    return [
      ["environmentVariables", field<FunctionV1Args>(p, "environmentVariables")],
      ["buildEnvironmentVariables", field<FunctionV1Args>(p, "buildEnvironmentVariables")],
    ];
  }
  if (type === FUNCTION_V2) {
    return [
      ["serviceConfig.environmentVariables", field<ServiceConfig>(field<FunctionV2Args>(p, "serviceConfig"), "environmentVariables")],
      ["buildConfig.environmentVariables", field<BuildConfig>(field<FunctionV2Args>(p, "buildConfig"), "environmentVariables")],
    ];
  }
  return [];
}

/** Cloud Run containers' literal env values as name-to-value maps; UNKNOWN entries skipped. */
function containerEnvs(p: Read): [string, Map<string, string>][] | typeof UNKNOWN {
  const containers = asList(field<Template>(field<ServiceArgs>(p, "template"), "containers"));
  if (containers === UNKNOWN) return UNKNOWN;
  return containers.map((c, i) => {
    const vars = new Map<string, string>();
    const envs = asList(field<Container>(c, "envs"));
    if (envs !== UNKNOWN) {
      for (const e of envs) {
        const name = asString(field<Env>(e, "name"));
        const value = asString(field<Env>(e, "value"));
        if (typeof name === "string" && typeof value === "string") vars.set(name, value);
      }
    }
    return [`template.containers[${i}].envs`, vars];
  });
}

/** No environment variable of a function or Cloud Run service holds a literal secret. */
export const blockServerlessEnvironmentSecrets = resourceRule({
  name: "gcp-serverless-environment-no-secrets",
  description:
    "Google Cloud Functions and Cloud Run services must not keep secrets such as passwords, tokens or keys in environment variables.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  types: [FUNCTION_V1, FUNCTION_V2, RUN_SERVICE],
  check: (ctx) => {
    const maps: [string, Map<string, string>][] = [];
    for (const [path, read] of variableSites(ctx.type, ctx.props)) {
      const vars = variableMap(read);
      if (vars === UNKNOWN) ctx.undecided(path);
      else maps.push([path, vars]);
    }
    if (ctx.type === RUN_SERVICE) {
      const envs = containerEnvs(ctx.props);
      if (envs === UNKNOWN) ctx.undecided("template.containers");
      else maps.push(...envs);
    }
    for (const [path, vars] of maps) {
      const found = secretsInVariables(vars);
      if (found.length === 0) continue;
      ctx.report(
        `${ctx.label} should not keep secrets in ${path}: ${describeSecrets(found)}; store them in ` +
          `Secret Manager and reference them (secretEnvironmentVariables, or env valueSource.secretKeyRef).`,
      );
    }
  },
});
