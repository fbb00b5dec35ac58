// Puts raw points on a regular grid: sorts, merges repeated timestamps, snaps drifting
// timestamps to their slot, fills gaps by linear interpolation, and counts each of these.

import type { IngestReport, RawSeries, UsageSeries } from "../types";

/** The typical spacing of sorted timestamps in seconds: their median difference, rounded to a whole minute above 1 min. */
export function guessIntervalSec(times: readonly number[]): number | undefined {
  const diffs: number[] = [];
  for (let i = 1; i < times.length; i++) if (times[i] > times[i - 1]) diffs.push((times[i] - times[i - 1]) / 1000);
  if (diffs.length === 0) return undefined;
  diffs.sort((a, b) => a - b);
  const med = diffs[Math.floor(diffs.length / 2)];
  return med >= 60 ? Math.round(med / 60) * 60 : Math.max(1, Math.round(med));
}

/**
 * A regular series from raw points. Each point after the first takes the slot `round(dt /
 * interval)` after its predecessor's, so clocks that drift by a few seconds per point never shift
 * the series; a point less than half an interval after its predecessor is merged into its slot.
 */
export function regularize(raw: RawSeries, source: string, intervalSec?: number): UsageSeries {
  const read = raw.points.length;
  let reordered = 0;
  for (let i = 1; i < raw.points.length; i++) if (raw.points[i].t < raw.points[i - 1].t) reordered++;
  const valid = raw.points.filter((p) => Number.isFinite(p.v) && Number.isFinite(p.t));
  const nonNumeric = read - valid.length;
  const pts = reordered > 0 ? [...valid].sort((a, b) => a.t - b.t) : valid;
  const interval = intervalSec ?? raw.intervalSec ?? guessIntervalSec(pts.map((p) => p.t)) ?? 60;
  const stepMs = interval * 1000;
  const slotSum: number[] = [];
  const slotCount: number[] = [];
  let duplicates = 0;
  let snapped = 0;
  let slot = 0;
  const start = pts.length > 0 ? pts[0].t : 0;
  for (let i = 0; i < pts.length; i++) {
    if (i > 0) {
      const steps = Math.round((pts[i].t - pts[i - 1].t) / stepMs);
      if (steps === 0) duplicates++;
      slot += steps;
    }
    if (Math.abs(pts[i].t - (start + slot * stepMs)) >= 1000) snapped++;
    slotSum[slot] = (slotSum[slot] ?? 0) + pts[i].v;
    slotCount[slot] = (slotCount[slot] ?? 0) + 1;
  }
  const n = slotSum.length;
  const values = new Array<number>(n);
  let filled = 0;
  let longestGap = 0;
  let last = -1;
  for (let k = 0; k < n; k++) {
    if (slotCount[k] === undefined) continue;
    values[k] = slotSum[k] / slotCount[k];
    const gap = k - last - 1;
    if (last >= 0 && gap > 0) {
      for (let j = last + 1; j < k; j++) values[j] = values[last] + ((values[k] - values[last]) * (j - last)) / (k - last);
      filled += gap;
      longestGap = Math.max(longestGap, gap);
    }
    last = k;
  }
  const ingest: IngestReport = { read, filled, dropped: nonNumeric + duplicates, duplicates, reordered, snapped, longestGap };
  return {
    name: raw.name,
    source,
    unit: raw.unit,
    intervalSec: interval,
    startMs: start,
    relativeTime: Boolean(raw.relativeTime),
    values,
    ingest,
  };
}
