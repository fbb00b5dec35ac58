// Seeded synthetic series for the forecasting tests: known cycles, trend and noise.

/** A deterministic uniform generator in [0, 1) (Park-Miller). */
export function seeded(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Standard normal draws from a seeded generator (Box-Muller). */
export function gaussian(seed: number): () => number {
  const u = seeded(seed);
  return () => Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
}

/** A 5-minute series: level + trend per day + daily and weekly sines + Gaussian noise. */
export function synthetic(o: { days: number; level?: number; trendPerDay?: number; daily?: number; weekly?: number; noise?: number; seed?: number }): number[] {
  const g = gaussian(o.seed ?? 1);
  const n = o.days * 288;
  return Array.from({ length: n }, (_, t) => {
    const d = t / 288;
    return (o.level ?? 50) + (o.trendPerDay ?? 0) * d + (o.daily ?? 0) * Math.sin(2 * Math.PI * d) + (o.weekly ?? 0) * Math.sin((2 * Math.PI * d) / 7) + (o.noise ?? 0) * g();
  });
}
