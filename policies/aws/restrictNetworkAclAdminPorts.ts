// Network ACLs must not allow inbound SSH, RDP (or every port) from the whole internet. Inline
// rules are evaluated as AWS does, lowest rule number first, so a deny placed before a broad
// allow protects the port; a separate NetworkAclRule is judged on its own.

import type { NetworkAclArgs } from "@pulumi/aws/ec2/networkAcl";
import type { NetworkAclRuleArgs } from "@pulumi/aws/ec2/networkAclRule";
import type * as awsInput from "@pulumi/aws/types/input";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { DEFAULT_ADMIN_PORTS, PortRange, describePorts, isWorldCidr, protocolScope, rangeFromPorts } from "../lib/net";
import { Read, asBool, asNumber, asString, field, asList } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const NACL = "aws:ec2/networkAcl:NetworkAcl";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

type Inline = awsInput.ec2.NetworkAclIngress;

interface Config {
  readonly adminPorts: readonly number[];
}

/** One inbound rule from the whole internet: allow or deny, and the ports it covers. */
interface WorldRule {
  readonly order: number;
  readonly allow: boolean;
  /** undefined means every port. */
  readonly range?: PortRange;
}

/** A rule as a WorldRule, undefined when its source is not the whole internet, or UNKNOWN. */
function worldRule(
  order: Read,
  action: Read,
  sources: readonly Read[],
  protocol: Read,
  from: Read,
  to: Read,
): WorldRule | typeof UNKNOWN | undefined {
  const cidrs = sources.map(asString);
  if (cidrs.some((c) => c === UNKNOWN)) return UNKNOWN;
  if (!cidrs.some((c) => typeof c === "string" && isWorldCidr(c))) return undefined;
  const verb = asString(action);
  const scope = protocolScope(protocol);
  const n = asNumber(order);
  if (verb === UNKNOWN || scope === UNKNOWN || n === UNKNOWN) return UNKNOWN;
  if (scope === undefined || scope === "none") return undefined;
  const allow = verb?.trim().toLowerCase() === "allow";
  if (scope === "all") return { order: n ?? 0, allow };
  const range = rangeFromPorts(from, to);
  if (range === UNKNOWN) return UNKNOWN;
  return range === undefined ? undefined : { order: n ?? 0, allow, range };
}

/** The admin ports the first matching world rule allows, and whether an allow covers all. */
function exposedPorts(rules: readonly WorldRule[], adminPorts: readonly number[]): { ports: number[]; all: boolean } {
  const sorted = [...rules].sort((a, b) => a.order - b.order);
  const covers = (r: WorldRule, p: number) => !r.range || (p >= r.range.from && p <= r.range.to);
  const ports = adminPorts.filter((p) => sorted.find((r) => covers(r, p))?.allow === true);
  const all = sorted.find((r) => !r.range || (r.range.from <= 0 && r.range.to >= 65535))?.allow === true;
  return { ports, all: all && ports.length === adminPorts.length };
}

/** No network ACL lets the internet reach port 22, 3389 or every port. */
export const restrictNetworkAclAdminPorts = resourceRule<Config>({
  name: "aws-network-acl-no-public-admin-ports",
  description:
    "Network ACLs must not allow inbound SSH, RDP or every port from 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CIS AWS 5.1", "CKV_AWS_231", "CKV_AWS_232", "CKV_AWS_352"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [NACL, NACL_RULE],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const p = ctx.props;
    const rules: WorldRule[] = [];
    let where: string;
    let fix: string;
    if (ctx.type === NACL) {
      const ingress = asList(field<NetworkAclArgs>(p, "ingress"));
      if (ingress === UNKNOWN) return ctx.undecided("ingress");
      for (const [i, r] of ingress.entries()) {
        const f = (k: keyof Inline & string) => field<Inline>(r, k);
        const rule = worldRule(f("ruleNo"), f("action"), [f("cidrBlock"), f("ipv6CidrBlock")], f("protocol"), f("fromPort"), f("toPort"));
        if (rule === UNKNOWN) return ctx.undecided(`ingress[${i}]`);
        if (rule) rules.push(rule);
      }
      where = "its ingress rules allow";
      fix = "add a deny rule for those ports with a lower ruleNo, or narrow the allow rules' cidrBlock";
    } else {
      const egress = asBool(field<NetworkAclRuleArgs>(p, "egress"));
      if (egress === UNKNOWN) return ctx.undecided("egress");
      if (egress === true) return;
      const f = (k: keyof NetworkAclRuleArgs & string) => field<NetworkAclRuleArgs>(p, k);
      const rule = worldRule(f("ruleNumber"), f("ruleAction"), [f("cidrBlock"), f("ipv6CidrBlock")], f("protocol"), f("fromPort"), f("toPort"));
      if (rule === UNKNOWN) return ctx.undecided("its action, source, protocol or ports");
      if (rule) rules.push(rule);
      where = "it allows";
      fix = "narrow its cidrBlock to known networks or change ruleAction to deny";
    }
    const { ports, all } = exposedPorts(rules, ctx.config.adminPorts);
    if (ports.length === 0) return;
    ctx.report(
      `${ctx.label} should not let the internet reach admin ports: ${where} ` +
        `${describePorts(ports, all)} from anywhere; ${fix}.`,
    );
  },
});
