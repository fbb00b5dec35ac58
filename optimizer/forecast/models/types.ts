// What every forecasting model provides once fitted: point forecasts from any origin, reading only
// the values before that origin.

/** The models cloudfit chooses among per series. */
export type ModelName = "seasonal-naive" | "ets" | "ar" | "ets+ar";

/** A fitted model. */
export interface FittedModel {
  readonly name: ModelName;
  /** Point forecasts for steps origin .. origin + h - 1, from values[0, origin) only. */
  predict(values: ArrayLike<number>, origin: number, h: number): Float64Array;
}
