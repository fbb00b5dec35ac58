// Data residency: every regional resource on AWS, Azure and Google Cloud must be placed in an
// allowed region, continent or country. Nothing is restricted until the config names some.

import { stringListSetting } from "../lib/config";
import { cloudOf, locationOf } from "../lib/location";
import { joinOr } from "../lib/messages";
import { CONTINENTS, placeOf } from "../lib/regions";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

interface Config {
  /** Region ids, lower-cased. */
  readonly regions: readonly string[];
  /** Continent codes, upper-cased. */
  readonly continents: readonly string[];
  /** ISO country codes, upper-cased. */
  readonly countries: readonly string[];
}

/** "region eu-west-1", "continent EU", "country DE" for every allowed location. */
function allowedItems(c: Config): string[] {
  return [
    ...c.regions.map((r) => `region ${r}`),
    ...c.continents.map((x) => `continent ${x}`),
    ...c.countries.map((x) => `country ${x}`),
  ];
}

/** Every regional resource sits in an allowed region, continent or country. */
export const restrictRegions = resourceRule<Config>({
  name: "compliance-allowed-regions",
  description:
    "Resources on AWS, Azure and Google Cloud must be placed in an allowed region, continent or country (data residency).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  configSchema: {
    properties: {
      regions: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Allowed region ids on any cloud (\"eu-west-1\", \"westeurope\", \"europe-west4\").",
      },
      continents: {
        type: "array",
        items: { type: "string", enum: [...CONTINENTS] },
        default: [],
        description: "Allowed continents: AF, AS, EU (Europe), NA, OC or SA.",
      },
      countries: {
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z]{2}$" },
        default: [],
        description: "Allowed ISO 3166 country codes (\"DE\", \"IE\").",
      },
    },
  },
  types: (type) => cloudOf(type) !== undefined,
  config: (raw) => ({
    regions: stringListSetting(raw.regions).map((r) => r.toLowerCase()),
    continents: stringListSetting(raw.continents).map((r) => r.toUpperCase()),
    countries: stringListSetting(raw.countries).map((r) => r.toUpperCase()),
  }),
  check: (ctx) => {
    const c = ctx.config;
    if (c.regions.length + c.continents.length + c.countries.length === 0) return;
    const loc = locationOf(ctx.type, ctx.props, ctx.providerProps);
    if (loc === UNKNOWN) return ctx.undecided("its region");
    if (loc === undefined || c.regions.includes(loc.region)) return;
    const place = placeOf(loc.cloud, loc.region);
    const onContinent = place !== undefined && c.continents.includes(place.continent);
    const inCountry = place?.country !== undefined && c.countries.includes(place.country);
    if (onContinent || inCountry) return;
    const items = allowedItems(c);
    const allowed = `only ${joinOr(items)} ${items.length === 1 ? "is" : "are"} allowed`;
    if (place) {
      const where = place.country ? `${place.country}, ${place.continent}` : place.continent;
      ctx.report(
        `${ctx.label} should be in an allowed location: it is in ${loc.region} (${where}) ` +
          `but ${allowed}; deploy it to an allowed region.`,
      );
    } else if (c.continents.length + c.countries.length > 0) {
      ctx.report(
        `${ctx.label} should be in an allowed location: it is in ${loc.region}, whose ` +
          `country and continent the pack does not know, and ${allowed}; deploy it to an ` +
          `allowed region or list ${loc.region} under regions.`,
      );
    } else {
      ctx.report(
        `${ctx.label} should be in an allowed location: it is in ${loc.region} ` +
          `but ${allowed}; deploy it to an allowed region.`,
      );
    }
  },
});
