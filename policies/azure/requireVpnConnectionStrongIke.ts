// Site-to-site VPN connections must negotiate IKEv2 with a custom IPsec/IKE policy of strong
// algorithms. Without ipsecPolicies Azure offers its default proposals, which include SHA-1 and
// Diffie-Hellman group 2 (Azure VPN Gateway "About cryptographic requirements" docs).

import type {
  VirtualNetworkGatewayConnectionArgs as ConnectionArgs,
} from "@pulumi/azure-native/network/virtualNetworkGatewayConnection";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { STRONG_ENCRYPTION, STRONG_INTEGRITY, normaliseAlgorithm } from "../lib/ipsec";
import { joinAnd, quote } from "../lib/messages";
import { asList, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type IpsecPolicy = azureInput.network.IpsecPolicyArgs;

/** Diffie-Hellman and PFS groups of 2048-bit MODP or elliptic curves, as Azure names them. */
const STRONG_GROUPS = new Set(["DHGROUP14", "DHGROUP2048", "ECP256", "ECP384", "PFS14", "PFS2048"]);

/** The weak fields of one IPsec policy, as "ikeIntegrity "SHA1"" items. */
function weakFields(policy: unknown): string[] | typeof UNKNOWN {
  const checks: [keyof IpsecPolicy & string, ReadonlySet<string>][] = [
    ["ikeEncryption", STRONG_ENCRYPTION],
    ["ikeIntegrity", STRONG_INTEGRITY],
    ["ipsecEncryption", STRONG_ENCRYPTION],
    ["ipsecIntegrity", STRONG_INTEGRITY],
    ["dhGroup", STRONG_GROUPS],
    ["pfsGroup", STRONG_GROUPS],
  ];
  const out: string[] = [];
  for (const [key, accepted] of checks) {
    const v = asString(field<IpsecPolicy>(policy, key));
    if (v === UNKNOWN) return UNKNOWN;
    if (v === undefined || !accepted.has(normaliseAlgorithm(v))) out.push(`${key} ${v === undefined ? "unset" : quote(v)}`);
  }
  return out;
}

/** IPsec connections use IKEv2 and custom policies of strong algorithms only. */
export const requireVpnConnectionStrongIke = resourceRule({
  name: "azure-vpn-connection-ikev2-strong-ciphers",
  description:
    "Azure site-to-site VPN connections must use IKEv2 and custom IPsec policies with AES-256, SHA-2 and Diffie-Hellman/PFS groups of 2048 bits or elliptic curves.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  types: ["azure-native:network:VirtualNetworkGatewayConnection"],
  check: (ctx) => {
    const kind = asString(field<ConnectionArgs>(ctx.props, "connectionType"));
    if (kind === UNKNOWN) return ctx.undecided("connectionType");
    if (kind?.toLowerCase() !== "ipsec") return;
    const protocol = asString(field<ConnectionArgs>(ctx.props, "connectionProtocol"));
    if (protocol === UNKNOWN) ctx.undecided("connectionProtocol");
    else if (protocol?.toUpperCase() === "IKEV1") {
      ctx.report(`${ctx.label} should negotiate IKEv2: set connectionProtocol to "IKEv2".`);
    }
    const policies = asList(field<ConnectionArgs>(ctx.props, "ipsecPolicies"));
    if (policies === UNKNOWN) return ctx.undecided("ipsecPolicies");
    if (policies.length === 0) {
      ctx.report(
        `${ctx.label} should pin strong IPsec/IKE algorithms: it has no ipsecPolicies, so Azure's ` +
          `default proposals (including SHA-1 and DH group 2) apply; add a policy with AES256 or ` +
          `GCMAES256, SHA256, DHGroup14 (or ECP256) and PFS2048 (or ECP256).`,
      );
      return;
    }
    policies.forEach((p, i) => {
      const weak = weakFields(p);
      if (weak === UNKNOWN) return ctx.undecided(`ipsecPolicies[${i}]`);
      if (weak.length === 0) return;
      ctx.report(
        `${ctx.label} should use strong IPsec/IKE algorithms: ipsecPolicies[${i}] has ` +
          `${joinAnd(weak)}; use AES256 or GCMAES256, SHA256 or stronger, and DH/PFS groups 14, 2048 or ECP.`,
      );
    });
  },
});
