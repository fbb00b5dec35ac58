// Application Gateway listeners must serve HTTPS (an HTTP listener may only redirect) with TLS
// 1.2 or later. Without an sslPolicy, gateways created with API version 2023-02-01 or later
// (the azure-native v3 default) use AppGwSslPolicy20220101, which requires TLS 1.2.

import type { ApplicationGatewayArgs } from "@pulumi/azure-native/network/applicationGateway";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { quote } from "../lib/messages";
import { Read, asList, asString, field, isPresent } from "../lib/read";
import { ResourceContext, resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Listener = azureInput.network.ApplicationGatewayHttpListenerArgs;
type RoutingRule = azureInput.network.ApplicationGatewayRequestRoutingRuleArgs;
type SslPolicy = azureInput.network.ApplicationGatewaySslPolicyArgs;
type SslProfile = azureInput.network.ApplicationGatewaySslProfileArgs;

/** Predefined policies that accept TLS 1.0 or 1.1 (Application Gateway TLS policy docs). */
const OLD_PREDEFINED = new Set(["appgwsslpolicy20150501", "appgwsslpolicy20170401"]);

/** Checks one TLS policy; `path` names it in messages. */
function checkPolicy(ctx: ResourceContext<unknown>, policy: Read, path: string): void {
  if (policy === UNKNOWN) return ctx.undecided(path);
  if (policy === undefined) return;
  const type = asString(field<SslPolicy>(policy, "policyType"));
  const name = asString(field<SslPolicy>(policy, "policyName"));
  const min = asString(field<SslPolicy>(policy, "minProtocolVersion"));
  const disabled = asList(field<SslPolicy>(policy, "disabledSslProtocols"));
  if (type === UNKNOWN || name === UNKNOWN || min === UNKNOWN || disabled === UNKNOWN) return ctx.undecided(path);
  let weak: string | undefined;
  if (typeof name === "string" && OLD_PREDEFINED.has(name.toLowerCase())) weak = `policyName ${quote(name)}`;
  else if (typeof min === "string" && !/^tlsv1_[23]$/i.test(min)) weak = `minProtocolVersion ${quote(min)}`;
  else if (type === undefined && name === undefined && min === undefined && disabled.length > 0) {
    const off = disabled.map((d) => String(asString(d)).toLowerCase());
    if (!off.includes("tlsv1_0") || !off.includes("tlsv1_1")) weak = "disabledSslProtocols without TLSv1_0 and TLSv1_1";
  }
  if (!weak) return;
  ctx.report(
    `${ctx.label} should accept only TLS 1.2 or later: ${path} has ${weak}; use policyType ` +
      `"Predefined" with policyName "AppGwSslPolicy20220101S", or minProtocolVersion "TLSv1_2".`,
  );
}

/** HTTP listeners only redirect; TLS policies require TLS 1.2 or later. */
export const requireAppGatewayHttpsTls12 = resourceRule({
  name: "azure-app-gateway-https-tls-1-2",
  description:
    "Azure Application Gateway listeners must serve HTTPS (HTTP listeners may only redirect) with a TLS policy requiring TLS 1.2 or later.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_217", "CKV_AZURE_218"],
  types: ["azure-native:network:ApplicationGateway"],
  check: (ctx) => {
    const p = ctx.props;
    checkPolicy(ctx, field<ApplicationGatewayArgs>(p, "sslPolicy"), "sslPolicy");
    const profiles = asList(field<ApplicationGatewayArgs>(p, "sslProfiles"));
    if (profiles === UNKNOWN) ctx.undecided("sslProfiles");
    else profiles.forEach((s, i) => checkPolicy(ctx, field<SslProfile>(s, "sslPolicy"), `sslProfiles[${i}].sslPolicy`));

    const listeners = asList(field<ApplicationGatewayArgs>(p, "httpListeners"));
    const rules = asList(field<ApplicationGatewayArgs>(p, "requestRoutingRules"));
    if (listeners === UNKNOWN || rules === UNKNOWN) return ctx.undecided("httpListeners or requestRoutingRules");
    listeners.forEach((l, i) => {
      const protocol = asString(field<Listener>(l, "protocol"));
      const name = asString(field<Listener>(l, "name"));
      if (protocol === UNKNOWN || name === UNKNOWN) return ctx.undecided(`httpListeners[${i}]`);
      if (protocol?.toLowerCase() !== "http") return;
      // A routing rule names its listener by ID, ".../httpListeners/<name>".
      const redirected = rules.some((r) => {
        const id = asString(field<azureInput.network.SubResourceArgs>(field<RoutingRule>(r, "httpListener"), "id"));
        const ref = typeof id === "string" && typeof name === "string" && id.endsWith(`/httpListeners/${name}`);
        return ref && isPresent(field<RoutingRule>(r, "redirectConfiguration"));
      });
      if (redirected) return;
      ctx.report(
        `${ctx.label} should not serve plain HTTP: httpListeners[${i}]${typeof name === "string" ? ` ('${name}')` : ""} ` +
          `uses protocol "Http" without a redirect; use "Https" with a certificate, or route it ` +
          `through a redirectConfiguration to an HTTPS listener.`,
      );
    });
  },
});
