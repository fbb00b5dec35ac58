// Time helpers for usage data: durations on the command line ("1d", "90m", "PT5M"), timestamps
// in the formats exporters write, and ISO-8601 output.

const UNIT_SEC: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds in a duration such as "5m", "1d", "7d", "2w" or ISO-8601 "PT5M" / "P1D"; undefined if unreadable. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  const short = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(t);
  if (short) {
    const sec = Number(short[1]) * UNIT_SEC[short[2].toLowerCase()];
    return sec > 0 ? sec : undefined;
  }
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(t);
  if (iso && t.length > 1 && !/T$/i.test(t)) {
    const [, w, d, h, m, s] = iso;
    const sec = Number(w ?? 0) * 604800 + Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
    return sec > 0 ? sec : undefined;
  }
  return undefined;
}

/** Formats seconds as a short duration: 300 -> "5m", 86400 -> "1d". */
export function formatDuration(sec: number): string {
  for (const [u, n] of [["w", 604800], ["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (sec >= n && sec % n === 0) return `${sec / n}${u}`;
  }
  return `${sec}s`;
}

/**
 * Epoch milliseconds of a timestamp: ISO-8601 (a missing zone is UTC), "YYYY-MM-DD HH:MM:SS"
 * (UTC), or a number of epoch seconds or milliseconds. NaN when unreadable.
 */
export function parseTimestamp(text: string | number): number {
  if (typeof text === "number") return text > 1e11 ? text : text * 1000;
  const s = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return parseTimestamp(Number(s));
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h = "0", mi = "0", se = "0", frac, zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se, frac ? Math.round(Number(frac) * 1000) : 0);
  if (zone && zone !== "Z") {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
    ms -= (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60000;
  }
  return ms;
}

/** ISO-8601 UTC without milliseconds: 2014-04-24T00:39:00Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}
