// Text of prices for people: dollars, unit prices and a one-line summary of an estimate's
// components ("2 × m5.large on-demand at $0.0960/h + 40 GiB gp3 at $0.0800/GiB-month").

import type { CostComponent, ResourceEstimate } from "./types";

/** Formats US dollars with thousands separators and cents ("$1,234.50"). */
export function formatUSD(usd: number): string {
  const sign = usd < 0 ? "-" : "";
  const [whole, cents] = Math.abs(usd).toFixed(2).split(".");
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

/** A unit price with enough digits to be exact for small rates ("$0.40 per 1M queries", "$0.0000166667 per GB-second"). */
export function formatUnitPrice(usd: number, unit: string): string {
  const digits = usd === 0 ? 2 : Math.min(10, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(usd))) + 2));
  const text = usd.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, "$1");
  const single = unit.replace(/^hours$/, "hour").replace(/^months$/, "month").replace(/-months$/, "-month").replace(/^days$/, "day");
  return `$${text} per ${single}`;
}

function quantityText(c: CostComponent): string {
  if (c.quantity === null) return "";
  const q = Number.isInteger(c.quantity) ? c.quantity.toLocaleString("en-US") : c.quantity.toLocaleString("en-US", { maximumFractionDigits: 4 });
  return `${q} ${c.unit}`;
}

/** One line per component: "Instance usage (Linux, on-demand, m5.large): 730 hours at $0.096 per hour = $70.08". */
export function componentLine(c: CostComponent): string {
  if (c.monthlyUSD === null) return `${c.name}: depends on usage, ${formatUnitPrice(c.unitUSD, c.unit)}`;
  return `${c.name}: ${quantityText(c)} at ${formatUnitPrice(c.unitUSD, c.unit)} = ${formatUSD(c.monthlyUSD)}`;
}

/** A one-line detail of an estimate: its priced components, then its note. */
export function estimateDetail(e: ResourceEstimate): string {
  const priced = e.components.filter((c) => c.monthlyUSD !== null && c.monthlyUSD !== 0).map(componentLine);
  return [...priced, ...(e.note ? [e.note] : [])].join("; ");
}
