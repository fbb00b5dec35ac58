// The security rules of Azure network security groups, inline on the group or as separate
// SecurityRule resources, and how one of them is open to the whole internet. Shared by the
// admin-port and the public-ingress rules.

import type { NetworkSecurityGroupArgs } from "@pulumi/azure-native/network/networkSecurityGroup";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { PortRange, ProtocolScope, isAzureWorldSource, parsePortRange, protocolScope } from "./net";
import { Read, asList, asString, field } from "./read";
import { UNKNOWN } from "./unknown";

/** Network security groups, with inline rules. */
export const NSG = "azure-native:network:NetworkSecurityGroup";
/** A separate security rule of a group. */
export const SECURITY_RULE = "azure-native:network:SecurityRule";

type Rule = azureInput.network.SecurityRuleArgs;

/** One security rule and how messages and undecided reasons name it. */
export interface AzureRule {
  readonly rule: Read;
  /** "rule 'ssh'", "security rule 2" or "it". */
  readonly where: string;
  /** Prefix of its property paths ("securityRules[0]." or ""). */
  readonly at: string;
}

/** The security rules a resource declares; UNKNOWN when the list is not known yet. */
export function azureRules(type: string, props: Read): AzureRule[] | typeof UNKNOWN {
  if (type === SECURITY_RULE) return [{ rule: props, where: "it", at: "" }];
  const rules = asList(field<NetworkSecurityGroupArgs>(props, "securityRules"));
  if (rules === UNKNOWN) return UNKNOWN;
  return rules.map((rule, i) => {
    const name = asString(field<Rule>(rule, "name"));
    const named = typeof name === "string" && name.trim() !== "";
    return { rule, where: named ? `rule '${name}'` : `security rule ${i + 1}`, at: `securityRules[${i}].` };
  });
}

/** The values of a single-value property and its list twin (`x` and `xs`), UNKNOWN if either is. */
function pair(rule: Read, single: keyof Rule & string, plural: keyof Rule & string): Read[] | typeof UNKNOWN {
  const one = field<Rule>(rule, single);
  const many = asList(field<Rule>(rule, plural));
  if (one === UNKNOWN || many === UNKNOWN) return UNKNOWN;
  return [...(one === undefined ? [] : [one]), ...many];
}

/** What an inbound allow rule opens to the internet. */
export interface AzureOpening {
  readonly world: readonly string[];
  readonly scope: ProtocolScope;
  readonly ranges: readonly PortRange[];
}

/**
 * What one rule opens to the whole internet: undefined when nothing (outbound, deny, no world
 * source), or the properties that decide it when they are not known yet.
 */
export function azureWorldOpening(r: AzureRule): AzureOpening | { undecided: string } | undefined {
  const { rule, at } = r;
  const direction = asString(field<Rule>(rule, "direction"));
  const access = asString(field<Rule>(rule, "access"));
  if (direction === UNKNOWN || access === UNKNOWN) return { undecided: `${at}direction or access` };
  if (direction?.toLowerCase() !== "inbound" || access?.toLowerCase() !== "allow") return undefined;

  const sourceNames = `${at}sourceAddressPrefix or sourceAddressPrefixes`;
  const sources = pair(rule, "sourceAddressPrefix", "sourceAddressPrefixes");
  if (sources === UNKNOWN) return { undecided: sourceNames };
  const world: string[] = [];
  let sourcesUnknown = false;
  for (const s of sources) {
    const prefix = asString(s);
    if (prefix === UNKNOWN) sourcesUnknown = true;
    else if (typeof prefix === "string" && isAzureWorldSource(prefix)) world.push(prefix.trim());
  }
  if (world.length === 0) return sourcesUnknown ? { undecided: sourceNames } : undefined;

  const scope = protocolScope(field<Rule>(rule, "protocol"));
  if (scope === UNKNOWN) return { undecided: `${at}protocol` };
  if (scope === undefined || scope === "none") return undefined;
  const portNames = `${at}destinationPortRange or destinationPortRanges`;
  const ports = pair(rule, "destinationPortRange", "destinationPortRanges");
  if (ports === UNKNOWN) return { undecided: portNames };
  const ranges: PortRange[] = [];
  for (const p of ports) {
    const range = parsePortRange(p);
    if (range === UNKNOWN) return { undecided: portNames };
    if (range !== undefined) ranges.push(range);
  }
  return { world: [...new Set(world)], scope, ranges };
}
