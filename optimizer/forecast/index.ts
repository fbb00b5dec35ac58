// Forecasting and right-sizing from usage history: ingest, seasonality, models, backtest,
// quantiles, right-size rules and the monthly bill forecast, as pure functions on plain data.

export * from "./types";
export { parseDuration, formatDuration, parseTimestamp, isoTime } from "./time";
export { readUsage, detectFormat, UsageFormatError, isCpuMetric, isMemoryMetric } from "./ingest";
export type { UsageFormat, ReadOptions } from "./ingest";
export { detectSeasonality, stepsPerDay, SEASONAL_THRESHOLD } from "./seasonality";
export type { SeasonalPeriod } from "./seasonality";
export { forecastValues, SWITCH_MARGIN } from "./pipeline";
export type { ForecastOptions, ValuesForecast, CandidateScore } from "./pipeline";
export { forecastSeries, boundsFor } from "./forecast";
export type { SeriesForecast, SeriesForecastOptions } from "./forecast";
export { backtest, rollingOrigins, maseScale } from "./backtest";
export type { BacktestResult } from "./backtest";
export type { ModelName } from "./models/types";
export { parseBillCsv, forecastBill, daysIn } from "./bill";
export type { BillForecast, BillMonth } from "./bill";
export * from "./rightsize/rules";
export { replaySeries } from "./rightsize/replay";
export type { ReplayScore } from "./rightsize/replay";
export { recommendService, cpuDemand, memoryDemand, DEFAULT_LIMITS } from "./rightsize/recommend";
export type { ServiceRecommendation, ServiceSize, ResourceRecommendation } from "./rightsize/recommend";
export { sourcesFromMapping, sourcesFromNames, UsageMappingError, MAPPING_FILES } from "./rightsize/mapping";
export type { UsageSource, Resource } from "./rightsize/mapping";
export { applySizes, StackEditError } from "./rightsize/yamlEdit";
export { rightsizeSpec } from "./rightsize/run";
export type { RightsizeResult, ServiceUsage } from "./rightsize/run";
