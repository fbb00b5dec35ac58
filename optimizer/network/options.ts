// Network layer settings (stack config cloudfit:network): the public domain of the front door,
// NAT, health checks, the private DNS domain and certificate inputs. Validated as plain data;
// every problem is reported at once, each with its path and a fix.

import { formatProblem, SpecProblem } from "../errors";

/** How private subnets reach the internet: a NAT per region, one per zone, or none. */
export type NatMode = "regional" | "zonal" | "off";

/** DNS service that serves the front-door names. */
export type DnsProvider = "route53";

/** An Azure Application Gateway certificate kept in Key Vault, read with a user-assigned identity. */
export interface AzureCertificate {
  /** Key Vault secret id of the PFX certificate, e.g. https://vault.vault.azure.net/secrets/web. */
  readonly keyVaultSecretId: string;
  /** Resource id of the user-assigned identity allowed to read that secret. */
  readonly identityId: string;
}

/** Network settings as written in config; every key optional. */
export interface NetworkSettings {
  /** Public domain of the front-door names (<service>.<domain>); required with public services. */
  readonly domain?: string;
  /** DNS service of the front door; default route53. */
  readonly dnsProvider?: DnsProvider;
  /** Existing Route 53 hosted zone id of `domain`; default a new hosted zone. */
  readonly zoneId?: string;
  /** NAT for private subnets: regional (default), zonal (AWS: one per zone) or off. */
  readonly nat?: NatMode;
  /** HTTP path the balancers' and front door's health checks request; default "/". */
  readonly healthCheckPath?: string;
  /** Private DNS domain of service discovery; default <application>.internal. */
  readonly privateDomain?: string;
  /** Certificate of public services in Azure (Azure offers no managed one for Application Gateway). */
  readonly azureCertificate?: AzureCertificate;
}

/** Settings with defaults filled in. */
export interface NetworkOptions {
  readonly domain?: string;
  readonly dnsProvider: DnsProvider;
  readonly zoneId?: string;
  readonly nat: NatMode;
  readonly healthCheckPath: string;
  readonly privateDomain: string;
  readonly azureCertificate?: AzureCertificate;
}

/** The network settings are invalid; `problems` lists every problem found. */
export class NetworkOptionsError extends Error {
  constructor(
    readonly problems: readonly SpecProblem[],
    where = "cloudfit:network",
  ) {
    super(
      `The network settings (${where}) have ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => "  " + formatProblem(p)).join("\n"),
    );
    this.name = "NetworkOptionsError";
  }
}

const KEYS = [
  "domain",
  "dnsProvider",
  "zoneId",
  "nat",
  "healthCheckPath",
  "privateDomain",
  "azureCertificate",
];
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Checks network settings and fills defaults; `application` names the default private domain.
 * Throws NetworkOptionsError listing every problem.
 */
export function parseNetworkOptions(raw: unknown, application: string): NetworkOptions {
  const problems: SpecProblem[] = [];
  const add = (path: string, message: string, fix: string) =>
    problems.push({ path: `network.${path}`, message, fix });
  const s = (raw ?? {}) as Record<string, unknown>;
  if (typeof s !== "object" || Array.isArray(s)) {
    throw new NetworkOptionsError([
      {
        path: "network",
        message: `must be an object, got ${JSON.stringify(raw)}`,
        fix: "write e.g. { domain: example.com }",
      },
    ]);
  }
  for (const k of Object.keys(s))
    if (!KEYS.includes(k)) add(k, "is not a known key", `use one of ${KEYS.join(", ")}`);
  const domainOf = (key: string, fallback?: string): string | undefined => {
    const v = s[key];
    if (v === undefined) return fallback;
    if (typeof v !== "string" || !DOMAIN.test(v)) {
      add(key, `must be a lowercase DNS name, got ${JSON.stringify(v)}`, "write e.g. example.com");
      return fallback;
    }
    return v;
  };
  const domain = domainOf("domain");
  const privateDomain =
    domainOf("privateDomain") ??
    `${application.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "app"}.internal`;
  const nat = s.nat ?? "regional";
  if (nat !== "regional" && nat !== "zonal" && nat !== "off")
    add("nat", `must be regional, zonal or off, got ${JSON.stringify(nat)}`, "write regional");
  const dnsProvider = s.dnsProvider ?? "route53";
  if (dnsProvider !== "route53")
    add(
      "dnsProvider",
      `must be route53, got ${JSON.stringify(dnsProvider)}`,
      "write route53 (the only DNS service the front door supports)",
    );
  const zoneId = s.zoneId;
  if (zoneId !== undefined && (typeof zoneId !== "string" || !/^Z[A-Z0-9]{1,31}$/.test(zoneId)))
    add("zoneId", `must be a Route 53 hosted zone id, got ${JSON.stringify(zoneId)}`, "write e.g. Z0123456789ABC");
  const path = s.healthCheckPath ?? "/";
  if (typeof path !== "string" || !/^\/[\x21-\x7e]*$/.test(path) || path.length > 255)
    add("healthCheckPath", `must be an absolute HTTP path, got ${JSON.stringify(path)}`, "write e.g. /healthz");
  let azureCertificate: AzureCertificate | undefined;
  const cert = s.azureCertificate as Record<string, unknown> | undefined;
  if (cert !== undefined) {
    const secret = cert?.keyVaultSecretId;
    const identity = cert?.identityId;
    if (typeof secret !== "string" || !/^https:\/\/[^/]+\.vault\.azure\.net\/secrets\/[^/]+/.test(secret))
      add(
        "azureCertificate.keyVaultSecretId",
        `must be a Key Vault secret id, got ${JSON.stringify(secret)}`,
        "write e.g. https://myvault.vault.azure.net/secrets/web",
      );
    if (typeof identity !== "string" || !/^\/subscriptions\/.+\/userAssignedIdentities\/[^/]+$/i.test(identity))
      add(
        "azureCertificate.identityId",
        `must be the resource id of a user-assigned identity, got ${JSON.stringify(identity)}`,
        "write /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>",
      );
    if (problems.length === 0) azureCertificate = { keyVaultSecretId: secret as string, identityId: identity as string };
  }
  if (problems.length > 0) throw new NetworkOptionsError(problems);
  return {
    ...(domain ? { domain } : {}),
    dnsProvider: "route53",
    ...(zoneId ? { zoneId: zoneId as string } : {}),
    nat: nat as NatMode,
    healthCheckPath: path as string,
    privateDomain,
    ...(azureCertificate ? { azureCertificate } : {}),
  };
}
