// Failover of the front door, simulated: a region's balancer stops answering, Route 53's health
// checkers notice after their consecutive failures, the weighted record set stops answering with
// that region, and each client moves once its resolver's cached answer expires. Pure: the random
// source is passed in, so a seeded generator makes every run reproducible.
//
// Model (Route 53 Developer Guide, "How Route 53 determines whether a health check is healthy"):
// each of `checkers` health checkers probes every `intervalS` seconds at its own phase; a probe of a
// dead endpoint fails when its connection times out (`probeTimeoutS` after it starts); a checker
// calls the endpoint unhealthy after `failureThreshold` consecutive failures; Route 53 calls it
// unhealthy once no more than 18% of checkers still report it healthy, and DNS answers change
// `propagationS` later. A client's resolver cached the failed region's answer at a uniformly random
// moment in the TTL before the outage and re-queries every `ttlS` seconds; before the change a
// re-query lands on the failed region again with the share of its weight.

/** What the front door deploys: Route 53 health checks every 10 s, unhealthy after 3 failures, TTL 30 s. */
export const FRONT_DOOR = {
  /** Seconds between probes of each Route 53 health checker (10 or 30). */
  requestIntervalS: 10,
  /** Consecutive failures before a checker calls the target unhealthy. */
  failureThreshold: 3,
  /** TTL of the public records in seconds. */
  ttlS: 30,
} as const;

/** The front door's health checking and caching. */
export interface FailoverConfig {
  readonly intervalS: number;
  readonly failureThreshold: number;
  readonly ttlS: number;
  /** Health checkers probing the endpoint; Route 53 runs several per checking region. */
  readonly checkers: number;
  /** How long a probe of a dead endpoint takes to fail (TCP connect timeout: 4 s for Route 53). */
  readonly probeTimeoutS: number;
  /** Delay from the health verdict to changed DNS answers. */
  readonly propagationS: number;
  /** Share of the failed region in the weighted record set (its weight over the total). */
  readonly failedShare: number;
}

/** Percentiles of a sample in seconds. */
export interface Distribution {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The deployed front door as the simulation sees it: FRONT_DOOR's probing and TTL, 16 health
 * checkers, Route 53's 4 s TCP connect timeout, no propagation delay, and the failed region
 * holding 3 of 4 weight units (prod's europe-west4).
 */
export const DEFAULT_FAILOVER: FailoverConfig = {
  intervalS: FRONT_DOOR.requestIntervalS,
  failureThreshold: FRONT_DOOR.failureThreshold,
  ttlS: FRONT_DOOR.ttlS,
  checkers: 16,
  probeTimeoutS: 4,
  propagationS: 0,
  failedShare: 0.75,
};

/** What a simulation found. */
export interface FailoverReport {
  readonly runs: number;
  /** From the outage to DNS answering without the failed region. */
  readonly detection: Distribution;
  /** From the outage to a client that held the failed region reaching a healthy one. */
  readonly clients: Distribution;
  /** The bound: threshold x interval + probe timeout + propagation + TTL. */
  readonly worstCaseS: number;
}

/** Route 53's share: healthy while more than 18% of checkers report healthy. */
const HEALTHY_SHARE = 0.18;

/** The worst-case failover time the model allows: detection at its latest, then a full TTL. */
export function worstCaseFailoverS(c: FailoverConfig): number {
  return c.failureThreshold * c.intervalS + c.probeTimeoutS + c.propagationS + c.ttlS;
}

/** Simulates `runs` outages (one client each) and reports detection and client failover times. */
export function simulateFailover(c: FailoverConfig, runs: number, random: () => number): FailoverReport {
  const detections: number[] = [];
  const clients: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Each checker's first probe after the outage starts at a uniform phase in [0, interval).
    const verdicts = Array.from({ length: c.checkers }, () => {
      const phase = random() * c.intervalS;
      return phase + (c.failureThreshold - 1) * c.intervalS + c.probeTimeoutS;
    }).sort((a, b) => a - b);
    // Unhealthy once at most 18% still report healthy: the k-th checker's verdict, k = ceil(82%).
    const k = Math.ceil(c.checkers * (1 - HEALTHY_SHARE)) - 1;
    const changed = verdicts[Math.min(k, verdicts.length - 1)] + c.propagationS;
    detections.push(changed);
    // The client's cache of the failed region expires at a uniform moment within one TTL.
    let query = random() * c.ttlS;
    while (query < changed && random() < c.failedShare) query += c.ttlS;
    clients.push(query);
  }
  return {
    runs,
    detection: distribution(detections),
    clients: distribution(clients),
    worstCaseS: worstCaseFailoverS(c),
  };
}

function distribution(xs: number[]): Distribution {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => round(s[Math.min(s.length - 1, Math.floor(q * s.length))]);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(s[s.length - 1]) };
}

const round = (x: number) => Math.round(x * 10) / 10;
