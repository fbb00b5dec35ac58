// Cloud VPN tunnels must negotiate IKEv2 (the default) and, when they pin a cipher suite, only
// strong algorithms: AES-256 (CBC or GCM), SHA-2 integrity and Diffie-Hellman groups of 2048
// bits or elliptic curves.

import type { VPNTunnelArgs } from "@pulumi/gcp/compute/vpntunnel";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { STRONG_ENCRYPTION, STRONG_INTEGRITY, weakEntries } from "../lib/ipsec";
import { joinAnd } from "../lib/messages";
import { Read, asList, asNumber, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Suite = gcpInput.compute.VPNTunnelCipherSuite;

/** Google's names of the accepted groups (Cloud VPN "Supported IKE ciphers"). */
const STRONG_GROUPS = new Set(["MODP2048", "MODP3072", "MODP4096", "ECP256", "ECP384", "ECP521", "CURVE25519"]);

/** A list of algorithm names; UNKNOWN when not known. */
function names(value: Read): string[] | typeof UNKNOWN {
  const items = asList(value);
  if (items === UNKNOWN) return UNKNOWN;
  const out = items.map(asString);
  if (out.some((x) => x === UNKNOWN)) return UNKNOWN;
  return out.filter((x): x is string => typeof x === "string");
}

/** ikeVersion is 2 and any pinned cipher suite names strong algorithms only. */
export const requireVpnTunnelIkev2 = resourceRule({
  name: "gcp-vpn-tunnel-ikev2-strong-ciphers",
  description:
    "Google Cloud VPN tunnels must use IKEv2, and any cipher suite they pin must use AES-256, SHA-2 and Diffie-Hellman groups of 2048 bits or elliptic curves.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  types: ["gcp:compute/vPNTunnel:VPNTunnel"],
  check: (ctx) => {
    const version = asNumber(field<VPNTunnelArgs>(ctx.props, "ikeVersion"));
    if (version === UNKNOWN) ctx.undecided("ikeVersion");
    else if (version !== undefined && version !== 2) {
      ctx.report(`${ctx.label} should negotiate IKEv2: ikeVersion is ${version}; set it to 2 (the default).`);
    }
    const suite = field<VPNTunnelArgs>(ctx.props, "cipherSuite");
    if (suite === UNKNOWN) return ctx.undecided("cipherSuite");
    const checks: [string, Read, ReadonlySet<string>][] = [];
    for (const phase of ["phase1", "phase2"] as const) {
      const p = field<Suite>(suite, phase);
      const f = (k: string) => field<Record<string, unknown>>(p, k);
      checks.push([`cipherSuite.${phase}.encryptions`, f("encryptions"), STRONG_ENCRYPTION]);
      checks.push([`cipherSuite.${phase}.integrities`, f("integrities"), STRONG_INTEGRITY]);
      checks.push([`cipherSuite.${phase}.${phase === "phase1" ? "dhs" : "pfs"}`, f(phase === "phase1" ? "dhs" : "pfs"), STRONG_GROUPS]);
    }
    const weak: string[] = [];
    for (const [path, value, accepted] of checks) {
      const list = names(value);
      if (list === UNKNOWN) {
        ctx.undecided(path);
        continue;
      }
      const bad = weakEntries(list, accepted);
      if (bad.length > 0) weak.push(`${path} (${bad.join(", ")})`);
    }
    if (weak.length === 0) return;
    ctx.report(
      `${ctx.label} should pin strong ciphers only: remove the weak entries of ${joinAnd(weak)}; ` +
        `use AES-GCM-16-256 or AES-CBC-256, HMAC-SHA2-256-128 or stronger, and MODP_2048 or ECP groups.`,
    );
  },
});
