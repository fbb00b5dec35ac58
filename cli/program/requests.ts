// Reads the requests the Pulumi SDK sends its monitor into plain recorded resources, as the engine
// sees them (inputs in wire form, parent, provider, dependencies, options), and adds the default
// providers the engine would create.

import type {
  ReadResourceRequest,
  ReadResourceResponse,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import type { RecordedResource } from "../record";

/** Strips the trailing "::<id>" of a provider reference to get the provider's URN. */
function providerUrn(ref: string): string | undefined {
  if (!ref) return undefined;
  const i = ref.lastIndexOf("::");
  return i > 0 ? ref.slice(0, i) : ref;
}

/** Seconds in a Go duration string such as "5m" or "1h30m" (custom timeouts); 0 when empty. */
export function seconds(duration: string): number {
  const unit: Record<string, number> = {
    h: 3600,
    m: 60,
    s: 1,
    ms: 0.001,
    us: 1e-6,
    µs: 1e-6,
    ns: 1e-9,
  };
  let total = 0;
  for (const [, n, u] of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g))
    total += Number(n) * unit[u];
  return total;
}

/** A registered resource as recorded. */
export function readRequest(
  req: RegisterResourceRequest,
  resp: RegisterResourceResponse,
): RecordedResource {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    const urns = deps.getUrnsList();
    if (urns.length > 0) propertyDependencies[key] = urns;
  });
  const timeouts = req.getCustomtimeouts();
  return {
    urn: resp.getUrn(),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    id: req.getCustom() ? resp.getId() || undefined : undefined,
    props: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
    parent: req.getParent() || undefined,
    provider: providerUrn(req.getProvider()),
    version: req.getVersion() || undefined,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    options: {
      protect: req.getProtect() === true,
      ignoreChanges: req.getIgnorechangesList(),
      deleteBeforeReplace: req.getDeletebeforereplacedefined()
        ? req.getDeletebeforereplace()
        : undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      aliases: req.getAliasurnsList(),
      customTimeouts: timeouts
        ? {
            create: seconds(timeouts.getCreate()),
            update: seconds(timeouts.getUpdate()),
            delete: seconds(timeouts.getDelete()),
          }
        : undefined,
    },
  };
}

/** A read resource (`Resource.get`, StackReference) as recorded. */
export function readReadRequest(req: ReadResourceRequest, resp: ReadResourceResponse): RecordedResource {
  return {
    urn: resp.getUrn(),
    type: req.getType(),
    name: req.getName(),
    custom: true,
    id: req.getId() || undefined,
    props: (req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
    parent: req.getParent() || undefined,
    provider: providerUrn(req.getProvider()),
    version: req.getVersion() || undefined,
    dependencies: req.getDependenciesList(),
    propertyDependencies: {},
    read: true,
  };
}

/** The package of a type token ("aws:ec2/instance:Instance" → "aws"). */
function packageOf(type: string): string {
  return type.split(":")[0];
}

/**
 * Adds the default providers the engine would create: one per package used by a custom resource
 * without an explicit provider, named `default_<version>` and configured from the stack
 * configuration keys of its package (`aws:region` → `region`).
 */
export function withDefaultProviders(
  recorded: RecordedResource[],
  project: string,
  stack: string,
  config: Record<string, string>,
): RecordedResource[] {
  const made = new Map<string, RecordedResource>();
  const out: RecordedResource[] = [];
  for (const r of recorded) {
    const pkg = packageOf(r.type);
    if (!r.custom || r.provider || pkg === "pulumi") {
      out.push(r);
      continue;
    }
    const key = `${pkg}@${r.version ?? ""}`;
    let prov = made.get(key);
    if (!prov) {
      const name = r.version ? `default_${r.version.replace(/[.+-]/g, "_")}` : "default";
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(config)) {
        if (k.startsWith(`${pkg}:`)) props[k.slice(pkg.length + 1)] = v;
      }
      if (r.version) props.version = r.version;
      const type = `pulumi:providers:${pkg}`;
      prov = {
        urn: `urn:pulumi:${stack}::${project}::${type}::${name}`,
        type,
        name,
        custom: true,
        id: `${name}-id`,
        props,
        dependencies: [],
        propertyDependencies: {},
        defaultProvider: true,
      };
      made.set(key, prov);
    }
    out.push({ ...r, provider: prov.urn });
  }
  return [...made.values(), ...out];
}

