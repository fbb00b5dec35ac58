// Reader for Infracost golden outputs (the table `infracost breakdown` prints): resources with
// their named cost components, monthly quantities, units and monthly costs. The catalog build
// reads per-region transfer prices from one of them; the pricing tests compare against them.

/** One cost component line of a golden table. */
export interface GoldenComponent {
  /** Component names from the resource down, e.g. ["root_block_device", "Storage (general purpose SSD, gp2)"]. */
  readonly path: readonly string[];
  /** Monthly quantity, or null for a usage-dependent line. */
  readonly quantity: number | null;
  readonly unit: string;
  /** Monthly cost in USD, or null for a usage-dependent line. */
  readonly monthlyUSD: number | null;
  /** For a usage-dependent line: the price text after "depends on usage:" (e.g. "$0.05 per 1M request"). */
  readonly usagePrice?: string;
}

/** One resource of a golden table. */
export interface GoldenResource {
  /** Terraform address, e.g. aws_instance.instance1. */
  readonly name: string;
  readonly components: readonly GoldenComponent[];
}

const NUMBER = /^[\d,]+(\.\d+)?$/;

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ""));
}

/** Parses the resource table of a golden file (up to OVERALL TOTAL). */
export function parseGolden(text: string): GoldenResource[] {
  const out: { name: string; components: GoldenComponent[] }[] = [];
  const stack: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*OVERALL TOTAL/.test(raw)) break;
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "" || /^\s*Name\s{2,}Monthly Qty/.test(line)) continue;
    const tree = /^ ((?:[│ ]  )*)([├└])─ (.*)$/.exec(line);
    if (!tree) {
      // A resource line: one leading space, a name, no tree characters.
      const m = /^ (\S[^\s]*)(?:\s{2,}.*)?$/.exec(line);
      if (m && /^[a-z0-9_]+\./i.test(m[1])) {
        out.push({ name: m[1], components: [] });
        stack.length = 0;
      }
      continue;
    }
    const depth = tree[1].length / 3;
    const body = tree[3].replace(/\s*\*\s*$/, "");
    const resource = out[out.length - 1];
    if (!resource) continue;
    stack.length = depth;
    const usage = /^(.*?)\s{2,}Monthly cost depends on usage: (.*)$/.exec(body);
    if (usage) {
      stack.push(usage[1].trim());
      resource.components.push({ path: [...stack], quantity: null, unit: "", monthlyUSD: null, usagePrice: usage[2].trim() });
      continue;
    }
    const priced = /^(.*?)\s{2,}([\d,.]+)\s{2,}(.*?)\s{2,}\$([\d,.]+)$/.exec(body);
    if (priced && NUMBER.test(priced[2])) {
      stack.push(priced[1].trim());
      resource.components.push({
        path: [...stack],
        quantity: parseNumber(priced[2]),
        unit: priced[3].trim(),
        monthlyUSD: parseNumber(priced[4]),
      });
      continue;
    }
    // A group line (e.g. root_block_device) that only names the components below it.
    stack.push(body.trim());
  }
  return out;
}

/** The unit price of a priced component: monthly cost divided by monthly quantity. */
export function unitPrice(c: GoldenComponent): number {
  if (c.quantity === null || c.monthlyUSD === null || c.quantity === 0) {
    throw new Error(`golden component ${c.path.join(" / ")} has no quantity to divide by`);
  }
  return c.monthlyUSD / c.quantity;
}
