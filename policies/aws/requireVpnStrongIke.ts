// Site-to-Site VPN tunnels must negotiate IKEv2 with strong proposals only. Without explicit
// tunnel options AWS offers IKEv1 and IKEv2 with AES-128, SHA-1 and Diffie-Hellman group 2
// among its defaults, so both tunnels must list their versions and algorithms.

import type { VpnConnectionArgs } from "@pulumi/aws/ec2/vpnConnection";
import { STRONG_DH_GROUPS, STRONG_ENCRYPTION, STRONG_INTEGRITY, weakEntries } from "../lib/ipsec";
import { joinAnd } from "../lib/messages";
import { asList, asNumber, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type Key = keyof VpnConnectionArgs & string;

/** Reads a list option of a tunnel as strings; UNKNOWN when not known. */
function listOption(props: unknown, key: Key): string[] | typeof UNKNOWN {
  const items = asList(field<VpnConnectionArgs>(props, key));
  if (items === UNKNOWN) return UNKNOWN;
  const out: string[] = [];
  for (const item of items) {
    const v = asString(item);
    if (v === UNKNOWN) return UNKNOWN;
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** What is wrong with one tunnel's options, as "tunnel1IkeVersions (unset)" items. */
function tunnelProblems(props: unknown, n: 1 | 2, undecided: (p: string) => void): string[] {
  const problems: string[] = [];
  const check = (suffix: string, bad: (values: string[]) => string[]) => {
    const key = `tunnel${n}${suffix}` as Key;
    const values = listOption(props, key);
    if (values === UNKNOWN) return undecided(key);
    if (values.length === 0) return void problems.push(`${key} (unset, so AWS defaults apply)`);
    const weak = bad(values);
    if (weak.length > 0) problems.push(`${key} (${weak.join(", ")})`);
  };
  check("IkeVersions", (v) => v.filter((x) => x.trim().toLowerCase() !== "ikev2"));
  check("Phase1EncryptionAlgorithms", (v) => weakEntries(v, STRONG_ENCRYPTION));
  check("Phase2EncryptionAlgorithms", (v) => weakEntries(v, STRONG_ENCRYPTION));
  check("Phase1IntegrityAlgorithms", (v) => weakEntries(v, STRONG_INTEGRITY));
  check("Phase2IntegrityAlgorithms", (v) => weakEntries(v, STRONG_INTEGRITY));
  for (const phase of [1, 2]) {
    const key = `tunnel${n}Phase${phase}DhGroupNumbers` as Key;
    const groups = asList(field<VpnConnectionArgs>(props, key));
    if (groups === UNKNOWN) {
      undecided(key);
      continue;
    }
    const numbers = groups.map(asNumber);
    if (numbers.some((g) => g === UNKNOWN)) undecided(key);
    else if (numbers.length === 0) problems.push(`${key} (unset, so AWS defaults apply)`);
    else {
      const weak = numbers.filter((g) => typeof g !== "number" || !STRONG_DH_GROUPS.has(g));
      if (weak.length > 0) problems.push(`${key} (${weak.join(", ")})`);
    }
  }
  return problems;
}

/** Both tunnels of every VPN connection pin IKEv2, AES-256, SHA-2 and DH groups 14-21. */
export const requireVpnStrongIke = resourceRule({
  name: "aws-vpn-tunnels-ikev2-strong-ciphers",
  description:
    "Site-to-Site VPN connections must restrict both tunnels to IKEv2 with AES-256, SHA-2 integrity and Diffie-Hellman groups 14 to 21.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  types: ["aws:ec2/vpnConnection:VpnConnection"],
  check: (ctx) => {
    const problems = [
      ...tunnelProblems(ctx.props, 1, ctx.undecided),
      ...tunnelProblems(ctx.props, 2, ctx.undecided),
    ];
    if (problems.length === 0) return;
    ctx.report(
      `${ctx.label} should use IKEv2 with strong ciphers only: fix ${joinAnd(problems)}; set ` +
        `tunnelNIkeVersions to ["ikev2"], the phase 1 and 2 encryption algorithms to ["AES256"] ` +
        `or ["AES256-GCM-16"], integrity to ["SHA2-256"] or stronger, and DH groups to [14] or higher.`,
    );
  },
});
