// Shapes shared by the price feed readers and the catalog merge of `cloudfit catalog refresh`.

import type { Cloud } from "../../spec";

/** One instance price read from a feed: on-demand and/or spot, per hour, Linux. */
export interface FeedPrice {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceType: string;
  readonly onDemandHourlyUSD?: number;
  readonly spotHourlyUSD?: number;
  /** vCPUs and memory when the feed gives them (a type new to the catalog needs both). */
  readonly vcpus?: number;
  readonly memoryGiB?: number;
}

/** GCP prices per vCPU-hour and GiB-hour of a machine series in a region. */
export interface SeriesRate {
  readonly region: string;
  /** Lower-case series, e.g. "n2", "e2", "c3". */
  readonly series: string;
  readonly usage: "ondemand" | "spot";
  readonly resource: "core" | "ram";
  readonly usd: number;
}

/** What one feed read gives: instance prices, or GCP series rates, and the feed's date. */
export interface FeedRead {
  readonly prices: readonly FeedPrice[];
  readonly rates?: readonly SeriesRate[];
  /** The feed's publication or effective date (YYYY-MM-DD) when it states one. */
  readonly date?: string;
}
