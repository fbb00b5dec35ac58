// The ingress rules of AWS security groups, however they are written: inline on the group, as a
// SecurityGroupRule, or as a vpc.SecurityGroupIngressRule; and how one of them is exposed to the
// whole internet. Shared by the admin-port and the public-ingress rules.

import type { SecurityGroupArgs } from "@pulumi/aws/ec2/securityGroup";
import type { SecurityGroupRuleArgs } from "@pulumi/aws/ec2/securityGroupRule";
import type * as awsInput from "@pulumi/aws/types/input";
import type { SecurityGroupIngressRuleArgs } from "@pulumi/aws/vpc/securityGroupIngressRule";
import { PortRange, ProtocolScope, isWorldCidr, protocolScope, rangeFromPorts } from "./net";
import { Read, asList, asString, field } from "./read";
import { UNKNOWN } from "./unknown";

/** Security groups with inline rules. */
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
/** A separate ingress or egress rule of a group. */
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
/** A separate ingress rule of the VPC module. */
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

type Inline = awsInput.ec2.SecurityGroupIngress;

/** One ingress rule, however it is written, with the property names to cite for each part. */
export interface AwsIngress {
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

/** The ingress rules a resource declares, or the property that is not known yet. */
export function awsIngressRules(type: string, p: Read): AwsIngress[] | { undecided: string } {
  if (type === SECURITY_GROUP) {
    const rules = asList(field<SecurityGroupArgs>(p, "ingress"));
    if (rules === UNKNOWN) return { undecided: "ingress" };
    return rules.map((rule, i) => ({
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
    }));
  }
  if (type === SECURITY_GROUP_RULE) {
    const direction = asString(field<SecurityGroupRuleArgs>(p, "type"));
    if (direction === UNKNOWN) return { undecided: "type" };
    if (direction !== "ingress") return [];
    return [
      {
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
      },
    ];
  }
  if (type === INGRESS_RULE) {
    return [
      {
        where: "it",
        protocol: field<SecurityGroupIngressRuleArgs>(p, "ipProtocol"),
        fromPort: field<SecurityGroupIngressRuleArgs>(p, "fromPort"),
        toPort: field<SecurityGroupIngressRuleArgs>(p, "toPort"),
        sources: [
          field<SecurityGroupIngressRuleArgs>(p, "cidrIpv4"),
          field<SecurityGroupIngressRuleArgs>(p, "cidrIpv6"),
        ],
        names: { protocol: "ipProtocol", ports: "fromPort or toPort", sources: "cidrIpv4 or cidrIpv6" },
        fix: "set cidrIpv4 or cidrIpv6 to a known network",
      },
    ];
  }
  return [];
}

/** The world-open CIDRs among some source lists, and whether any source is not known yet. */
export function worldSources(lists: readonly Read[]): { world: string[]; unknown: boolean } {
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

/** What an ingress rule opens to the internet: its sources, protocol scope and port ranges. */
export interface WorldOpening {
  readonly world: readonly string[];
  readonly scope: ProtocolScope;
  readonly ranges: readonly PortRange[];
}

/**
 * What one ingress rule opens to the whole internet: undefined when nothing (no world source,
 * or a protocol without ports), or the property that decides it when that is not known yet.
 */
export function awsWorldOpening(rule: AwsIngress): WorldOpening | { undecided: string } | undefined {
  const { world, unknown } = worldSources(rule.sources);
  if (world.length === 0) return unknown ? { undecided: rule.names.sources } : undefined;
  const scope = protocolScope(rule.protocol);
  if (scope === UNKNOWN) return { undecided: rule.names.protocol };
  if (scope === undefined || scope === "none") return undefined;
  if (scope === "all") return { world, scope, ranges: [] };
  const range = rangeFromPorts(rule.fromPort, rule.toPort);
  if (range === UNKNOWN) return { undecided: rule.names.ports };
  if (range === undefined) return undefined;
  return { world, scope, ranges: [range] };
}
