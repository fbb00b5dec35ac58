// Required tags (AWS, Azure) and labels (Google Cloud) on the resources a workload bills or
// exposes, counting the defaults the provider adds. Nothing is required until the config names
// some keys.

import { stringListSetting } from "../lib/config";
import { joinAnd } from "../lib/messages";
import { resourceRule } from "../lib/rule";
import { TAG_SITES, effectiveTags } from "../lib/tags";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  readonly keys: readonly string[];
}

/** Every taggable resource carries each configured key with a non-empty value. */
export const requireTags = resourceRule<Config>({
  name: "compliance-required-tags",
  description:
    "Taggable resources must carry every required tag (AWS, Azure) or label (Google Cloud) with a non-empty value.",
  enforcementLevel: "advisory",
  severity: "low",
  benchmarks: [],
  configSchema: {
    properties: {
      keys: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "Tag or label keys every taggable resource must carry, matched without regard to case (\"owner\", \"cost-center\").",
      },
    },
  },
  types: Object.keys(TAG_SITES),
  config: (raw) => ({ keys: stringListSetting(raw.keys) }),
  check: (ctx) => {
    if (ctx.config.keys.length === 0) return;
    const site = TAG_SITES[ctx.type];
    const found = effectiveTags(ctx.type, site, ctx.props, ctx.providerProps);
    if (found === UNKNOWN) return ctx.undecided(site.property);
    const byKey = new Map<string, string | typeof UNKNOWN>();
    for (const [k, v] of found.tags) byKey.set(k.toLowerCase(), v);
    const missing = ctx.config.keys.filter((key) => {
      const v = byKey.get(key.toLowerCase());
      return v !== UNKNOWN && (v === undefined || v.trim() === "");
    });
    if (missing.length === 0) return;
    if (found.defaultsUnknown) {
      return ctx.undecided(`the provider's default-${site.noun.slice(0, -1)} setting`);
    }
    ctx.report(`${ctx.label} should carry the required ${site.noun}: add ${joinAnd(missing)}.`);
  },
});
