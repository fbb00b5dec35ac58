// The pricing entry: estimates every resource of a stack with the catalog, as named cost
// components. Pure: plain resources and options in, one estimate per resource out. Used by the
// command line's preview, the cost policies of the pack and any cost output.

import { Catalog, loadCatalog } from "../catalog";
import { RuleContext, RuleResult, Unpriceable } from "./context";
import { FREE_PACKAGES, freeTypeOf } from "./free-types";
import { formatUnitPrice } from "./format";
import { cloudOf, isUnknownError, list, str, tagsOf } from "./read";
import { RULES } from "./rules";
import type { CostComponent, CostEstimate, PricingOptions, PricingResource, ResourceEstimate } from "./types";

const TEMPLATE_TYPES = ["gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate"];

function reasonOf(e: unknown): string {
  if (e instanceof Unpriceable) return e.message;
  if (isUnknownError(e)) return `a value its price depends on is unknown until deployment (${e instanceof Error ? e.message : String(e)})`;
  return `its properties could not be read (${e instanceof Error ? e.message : String(e)})`;
}

/** True for resources that are components (never billed): explicit, or inferred from the type and provider. */
function isComponent(r: PricingResource): boolean {
  if (r.custom !== undefined) return !r.custom;
  if (r.type === "pulumi:pulumi:Stack") return true;
  const [pkg, mod] = r.type.split(":");
  // Provider packages name a module path ("aws:ec2/instance:Instance"); a custom resource also has a provider.
  return pkg !== undefined && mod !== undefined && !r.provider && !mod.includes("/") && cloudOf(r.type) === undefined && !FREE_PACKAGES[pkg];
}

/** Tags a resource is billed under: its own, or for a GCP instance group manager its template's labels. */
function billedTags(r: PricingResource, ctx: RuleContext): Record<string, string> {
  const own = tagsOf(r);
  if (Object.keys(own).length > 0 || !r.type.endsWith("InstanceGroupManager")) return own;
  const versions = list(r.props, "versions");
  try {
    const t = ctx.linked(r, ["versions"], TEMPLATE_TYPES, () => str(versions[0], "instanceTemplate"));
    return t ? tagsOf(t) : own;
  } catch {
    return own;
  }
}

function free(r: PricingResource, note: string, tags: Record<string, string> = {}): ResourceEstimate {
  return { urn: r.urn, type: r.type, name: r.name, billing: "free", monthlyUSD: 0, components: [], note, tags };
}

function unpriced(r: PricingResource, note: string, tags: Record<string, string>): ResourceEstimate {
  const cloud = cloudOf(r.type);
  return { urn: r.urn, type: r.type, name: r.name, billing: "unpriced", monthlyUSD: null, components: [], note, tags, ...(cloud ? { cloud } : {}) };
}

/** The note of a priced result: what was assumed, and each usage-dependent price ("depends on usage: $0.40 per 1M queries"). */
function noteOf(components: readonly CostComponent[], extra: string | undefined): string {
  const usage = components.filter((c) => c.quantity === null);
  const parts = extra ? [extra] : [];
  if (usage.length > 0) {
    parts.push(
      "depends on usage: " +
        usage.map((c) => `${c.name} ${formatUnitPrice(c.unitUSD, c.unit)}${c.usageKey ? ` (usage key ${c.usageKey})` : ""}`).join("; "),
    );
  }
  return parts.join("; ");
}

/** Estimates one resource against the stack's other resources. */
export function estimateResource(r: PricingResource, ctx: RuleContext): ResourceEstimate {
  if (r.type.startsWith("pulumi:providers:")) return free(r, "a provider resource is never billed");
  if (isComponent(r)) return free(r, "a component resource is never billed; its children are priced");
  const cloud = cloudOf(r.type);
  const pkg = r.type.split(":")[0];
  if (!cloud) {
    if (FREE_PACKAGES[pkg]) return free(r, FREE_PACKAGES[pkg]);
    return unpriced(r, `resources of the ${pkg} provider are outside the catalog, which prices AWS, Azure and Google Cloud`, {});
  }
  let tags: Record<string, string> = {};
  try {
    tags = billedTags(r, ctx);
  } catch {
    // Tags unknown during preview: the resource still counts towards the totals, untagged.
  }
  const rule = RULES[r.type];
  if (!rule) {
    const entry = freeTypeOf(r.type);
    if (entry) return free(r, `${entry.why} (source: ${entry.source})`, tags);
    return unpriced(r, `type ${r.type} has no price rule; budget for it separately or add a rule under optimizer/pricing/rules`, tags);
  }
  let result: RuleResult;
  try {
    result = rule(r, ctx);
  } catch (e) {
    return unpriced(r, reasonOf(e), tags);
  }
  if ("free" in result) return free(r, result.free, tags);
  const known = result.components.filter((c) => c.monthlyUSD !== null);
  const billing = known.length === result.components.length ? "priced" : "usage";
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    billing,
    monthlyUSD: known.reduce((s, c) => s + c.monthlyUSD!, 0),
    components: result.components,
    note: noteOf(result.components, result.note),
    cloud,
    region: result.region,
    tags,
  };
}

/**
 * Estimates every resource: priced (all components known), usage (some component needs a
 * quantity the usage file does not give: its unit price is in the note, never a silent 0), free
 * (components, providers and types that cost nothing alone, with the reason) or unpriced (why).
 */
export function estimateCosts(resources: readonly PricingResource[], options: PricingOptions = {}, catalog: Catalog = loadCatalog()): CostEstimate {
  const ctx = new RuleContext(catalog, options, resources);
  const out = resources.map((r) => estimateResource(r, ctx));
  return { pricesOf: catalog.pricesOf, resources: out, totalUSD: out.reduce((s, e) => s + (e.monthlyUSD ?? 0), 0) };
}
