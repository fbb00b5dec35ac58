// Azure network security groups must not open administrative ports (SSH, RDP, or every port) to
// the internet, whether the rule is inline on the group or a separate SecurityRule resource.

import type { NetworkSecurityGroupArgs } from "@pulumi/azure-native/network/networkSecurityGroup";
import type * as azureInput from "@pulumi/azure-native/types/input";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import {
  DEFAULT_ADMIN_PORTS,
  PortRange,
  describePorts,
  exposureOf,
  isAzureWorldSource,
  parsePortRange,
  protocolScope,
} from "../lib/net";
import { Read, asList, asString, field } from "../lib/read";
import { ResourceContext, resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const NSG = "azure-native:network:NetworkSecurityGroup";
const SECURITY_RULE = "azure-native:network:SecurityRule";

type Rule = azureInput.network.SecurityRuleArgs;

interface Config {
  readonly adminPorts: readonly number[];
}

/** The values of a single-value property and its list twin (`x` and `xs`), UNKNOWN if either is. */
function pair(
  rule: Read,
  single: keyof Rule & string,
  plural: keyof Rule & string,
): Read[] | typeof UNKNOWN {
  const one = field<Rule>(rule, single);
  const many = asList(field<Rule>(rule, plural));
  if (one === UNKNOWN || many === UNKNOWN) return UNKNOWN;
  return [...(one === undefined ? [] : [one]), ...many];
}

/** Checks one security rule; `where` names it in the message and `at` in undecided paths. */
function checkRule(ctx: ResourceContext<Config>, rule: Read, where: string, at: string): void {
  const direction = asString(field<Rule>(rule, "direction"));
  const access = asString(field<Rule>(rule, "access"));
  if (direction === UNKNOWN || access === UNKNOWN) return ctx.undecided(`${at}direction or access`);
  if (direction?.toLowerCase() !== "inbound" || access?.toLowerCase() !== "allow") return;

  const sourceNames = `${at}sourceAddressPrefix or sourceAddressPrefixes`;
  const portNames = `${at}destinationPortRange or destinationPortRanges`;
  const sources = pair(rule, "sourceAddressPrefix", "sourceAddressPrefixes");
  if (sources === UNKNOWN) return ctx.undecided(sourceNames);
  const world: string[] = [];
  let sourcesUnknown = false;
  for (const s of sources) {
    const prefix = asString(s);
    if (prefix === UNKNOWN) sourcesUnknown = true;
    else if (typeof prefix === "string" && isAzureWorldSource(prefix)) world.push(prefix.trim());
  }
  if (world.length === 0) {
    if (sourcesUnknown) ctx.undecided(sourceNames);
    return;
  }

  const scope = protocolScope(field<Rule>(rule, "protocol"));
  if (scope === UNKNOWN) return ctx.undecided(`${at}protocol`);
  if (scope === undefined) return;
  const ports = pair(rule, "destinationPortRange", "destinationPortRanges");
  if (ports === UNKNOWN) return ctx.undecided(portNames);
  const ranges: PortRange[] = [];
  for (const p of ports) {
    const range = parsePortRange(p);
    if (range === UNKNOWN) return ctx.undecided(portNames);
    if (range !== undefined) ranges.push(range);
  }
  const exposure = exposureOf(scope, ranges, ctx.config.adminPorts);
  if (!exposure) return;
  ctx.report(
    `${ctx.label} should not open admin ports to the internet: ${where} allows ` +
      `${describePorts(exposure.ports, exposure.all)} from ${joinAnd([...new Set(world)])}; ` +
      `restrict its sourceAddressPrefix or sourceAddressPrefixes to known networks.`,
  );
}

/** No inbound allow rule opens port 22, 3389 or every port to `*`, `Internet` or 0.0.0.0/0. */
export const restrictNsgAdminPorts = resourceRule<Config>({
  name: "azure-network-no-public-admin-ports",
  description:
    "Azure network security rules must not allow inbound SSH, RDP or every port from *, Internet or 0.0.0.0/0.",
  enforcementLevel: "mandatory",
  severity: "critical",
  benchmarks: ["CIS Azure 6.1", "CIS Azure 6.2", "CKV_AZURE_9", "CKV_AZURE_10"],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [NSG, SECURITY_RULE],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    if (ctx.type === SECURITY_RULE) return checkRule(ctx, ctx.props, "it", "");
    const rules = asList(field<NetworkSecurityGroupArgs>(ctx.props, "securityRules"));
    if (rules === UNKNOWN) return ctx.undecided("securityRules");
    rules.forEach((rule, i) => {
      const name = asString(field<Rule>(rule, "name"));
      const named = typeof name === "string" && name.trim() !== "";
      const where = named ? `rule '${name}'` : `security rule ${i + 1}`;
      checkRule(ctx, rule, where, `securityRules[${i}].`);
    });
  },
});
