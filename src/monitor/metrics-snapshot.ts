/** Latency quantiles of one histogram, in milliseconds (null while nothing was observed). */
export interface LatencySummary {
  count: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
}

/** The monitor's counters at one moment, as JSON for the dashboard and the admin API. */
export interface MetricsSnapshot {
  /** When it was taken, ISO 8601. */
  time: string
  requests: { allow: number; deny: number; error: number; total: number }
  rateLimited: number
  upstreamErrors: number
  activeStreams: number
  /** Null when no grants source is connected. */
  activeGrants: number | null
  latency: { airlock: LatencySummary; upstream: LatencySummary; auditWrite: LatencySummary }
  alerts: { sent: number; failed: number; dropped: number; suppressed: number }
  events: { published: number; subscribers: number; droppedSubscribers: number }
}
