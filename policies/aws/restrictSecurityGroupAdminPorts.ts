// Security groups must not open administrative ports (SSH, RDP, or every port) to the whole
// internet, whichever way the ingress rule is written: inline on the group, as a
// SecurityGroupRule, or as a vpc.SecurityGroupIngressRule.

import type { SecurityGroupArgs } from "@pulumi/aws/ec2/securityGroup";
import type { SecurityGroupRuleArgs } from "@pulumi/aws/ec2/securityGroupRule";
import type * as awsInput from "@pulumi/aws/types/input";
import type { SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import {
  DEFAULT_ADMIN_PORTS,
  Exposure,
  describePorts,
  exposureOf,
  isWorldCidr,
  protocolScope,
  rangeFromPorts,
} from "../lib/net";
import { joinAnd } from "../lib/messages";
import { Read, asList, asString, field } from "../lib/read";
import { ResourceContext, resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

type Inline = awsInput.ec2.SecurityGroupIngress;

interface Config {
  readonly adminPorts: readonly number[];
}

/** The world-open CIDRs among some source lists; UNKNOWN entries are reported separately. */
function worldSources(lists: readonly Read[]): { world: string[]; unknown: boolean } {
  const world: string[] = [];
  let unknown = false;
  for (const list of lists) {
    const items = asList(list);
    if (items === UNKNOWN) {
      unknown = true;
      continue;
    }
    for (const item of items) {
      const cidr = asString(item);
      if (cidr === UNKNOWN) unknown = true;
      else if (typeof cidr === "string" && isWorldCidr(cidr)) world.push(cidr.trim());
    }
  }
  return { world: [...new Set(world)], unknown };
}

/** One ingress rule, however it is written, with the property names to cite for each part. */
interface Ingress {
  /** How the message names the rule ("ingress[0]", "it"). */
  readonly where: string;
  readonly protocol: Read;
  readonly fromPort: Read;
  readonly toPort: Read;
  readonly sources: readonly Read[];
  /** Property paths of the parts, for undecided reasons. */
  readonly names: { readonly protocol: string; readonly ports: string; readonly sources: string };
  /** The remedy, naming the properties to narrow. */
  readonly fix: string;
}

/** Checks one ingress rule: its sources, its protocol and its port range. */
function checkIngress(ctx: ResourceContext<Config>, rule: Ingress): void {
  const { world, unknown: sourcesUnknown } = worldSources(rule.sources);
  if (world.length === 0) {
    if (sourcesUnknown) ctx.undecided(rule.names.sources);
    return;
  }
  const scope = protocolScope(rule.protocol);
  if (scope === UNKNOWN) return ctx.undecided(rule.names.protocol);
  if (scope === undefined) return;
  let exposure: Exposure | undefined;
  if (scope === "all") {
    exposure = exposureOf("all", [], ctx.config.adminPorts);
  } else {
    const range = rangeFromPorts(rule.fromPort, rule.toPort);
    if (range === UNKNOWN) return ctx.undecided(rule.names.ports);
    if (range === undefined) return;
    exposure = exposureOf(scope, [range], ctx.config.adminPorts);
  }
  if (!exposure) return;
  ctx.report(
    `${ctx.label} should not open admin ports to the internet: ${rule.where} allows ` +
      `${describePorts(exposure.ports, exposure.all)} from ${joinAnd(world)}; ${rule.fix}.`,
  );
}

/** No security group ingress rule opens port 22, 3389 or every port to 0.0.0.0/0 or ::/0. */
export const restrictSecurityGroupAdminPorts = resourceRule<Config>({
  name: "aws-security-group-no-public-admin-ports",
  description:
    "Security group ingress rules must not open SSH, RDP or every port to 0.0.0.0/0 or ::/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS AWS 5.2", "CIS AWS 5.3", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [SECURITY_GROUP, SECURITY_GROUP_RULE, INGRESS_RULE],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const p = ctx.props;
    if (ctx.type === SECURITY_GROUP) {
      const rules = asList(field<SecurityGroupArgs>(p, "ingress"));
      if (rules === UNKNOWN) return ctx.undecided("ingress");
      rules.forEach((rule, i) =>
        checkIngress(ctx, {
          where: `ingress[${i}]`,
          protocol: field<Inline>(rule, "protocol"),
          fromPort: field<Inline>(rule, "fromPort"),
          toPort: field<Inline>(rule, "toPort"),
          sources: [field<Inline>(rule, "cidrBlocks"), field<Inline>(rule, "ipv6CidrBlocks")],
          names: {
            protocol: `ingress[${i}].protocol`,
            ports: `ingress[${i}].fromPort or toPort`,
            sources: `ingress[${i}].cidrBlocks or ipv6CidrBlocks`,
          },
          fix: `restrict ingress[${i}].cidrBlocks and ipv6CidrBlocks to known networks`,
        }),
      );
    } else if (ctx.type === SECURITY_GROUP_RULE) {
      const direction = asString(field<SecurityGroupRuleArgs>(p, "type"));
      if (direction === UNKNOWN) return ctx.undecided("type");
      if (direction !== "ingress") return;
      checkIngress(ctx, {
        where: "it",
        protocol: field<SecurityGroupRuleArgs>(p, "protocol"),
        fromPort: field<SecurityGroupRuleArgs>(p, "fromPort"),
        toPort: field<SecurityGroupRuleArgs>(p, "toPort"),
        sources: [
          field<SecurityGroupRuleArgs>(p, "cidrBlocks"),
          field<SecurityGroupRuleArgs>(p, "ipv6CidrBlocks"),
        ],
        names: {
          protocol: "protocol",
          ports: "fromPort or toPort",
          sources: "cidrBlocks or ipv6CidrBlocks",
        },
        fix: "restrict its cidrBlocks and ipv6CidrBlocks to known networks",
      });
    } else {
      checkIngress(ctx, {
        where: "it",
        protocol: field<SecurityGroupIngressRuleArgs>(p, "ipProtocol"),
        fromPort: field<SecurityGroupIngressRuleArgs>(p, "fromPort"),
        toPort: field<SecurityGroupIngressRuleArgs>(p, "toPort"),
        sources: [
          field<SecurityGroupIngressRuleArgs>(p, "cidrIpv4"),
          field<SecurityGroupIngressRuleArgs>(p, "cidrIpv6"),
        ],
        names: {
          protocol: "ipProtocol",
          ports: "fromPort or toPort",
          sources: "cidrIpv4 or cidrIpv6",
        },
        fix: "set cidrIpv4 or cidrIpv6 to a known network",
      });
    }
  },
});
