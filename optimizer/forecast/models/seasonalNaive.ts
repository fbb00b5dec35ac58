// The seasonal-naive baseline: each step repeats the value one season earlier (the last value
// when the series has no season), as in the M4 competition's benchmarks.

import type { FittedModel } from "./types";

/** Seasonal naive with season `m` steps (1 = naive). */
export function seasonalNaive(m: number): FittedModel {
  return {
    name: "seasonal-naive",
    predict(values, origin, h) {
      const season = origin >= m ? m : 1;
      const out = new Float64Array(h);
      for (let k = 0; k < h; k++) out[k] = values[origin - season + (k % season)];
      return out;
    },
  };
}
