// The JSON the dashboard's API serves: shared by the server and the Preact client (types only, no
// Node imports, so the client's own tsconfig can check them).
import type { Alert } from '../monitor/alerts/alert.js'
import type { AuditStatus } from '../monitor/audit-status.js'
import type { DecisionSummary, SummaryFinding, Waiver } from '../monitor/decision-summary.js'
import type { MetricsSnapshot } from '../monitor/metrics-snapshot.js'

export type { Alert, AuditStatus, DecisionSummary, MetricsSnapshot, SummaryFinding, Waiver }

/** Who is looking: `admin` may revoke grants; everyone else who got in reads. */
export interface Me {
  user: string
  role: string
  admin: boolean
}

/** One API call in the feed: live from the event bus (`busId`) or read back from the log (`seq`). */
export interface FeedItem extends DecisionSummary {
  busId?: number
  seq?: number
}

/** The filters of the feed; each one is an exact match when set. */
export interface FeedFilter {
  caller?: string
  kind?: string
  decision?: 'allow' | 'deny' | 'error'
}

/** What the dashboard says about a rule: the explanation and the fix. */
export interface RuleInfo {
  id: string
  slug: string
  title: string
  severity: string
  description: string
  remediation: string
  /** Relative path of the generated documentation page. */
  docsPage: string
}

/** A grant with its status and time left. */
export interface GrantItem {
  id: string
  subject: string
  rules: string[]
  image?: string
  container?: string
  reason: string
  createdBy: string
  createdAt: string
  expiresAt: string
  approvedBy?: string
  revokedAt?: string
  revokedBy?: string
  status: 'pending' | 'active' | 'expired' | 'revoked'
  /** Seconds until it expires at the server's `now` (0 once over). */
  expiresInSeconds: number
}

export interface GrantsResponse {
  /** The server's clock, so countdowns do not depend on the browser's. */
  now: string
  items: GrantItem[]
}

/** A finding on a running container. */
export interface ContainerFinding {
  ruleId: string
  slug: string
  title: string
  severity: string
  result: 'fail' | 'warn'
  message: string
  /** Set when an exemption waives it. */
  waivedBy?: string
}

export interface ContainerItem {
  id: string
  name: string
  image: string
  findings: ContainerFinding[]
}

export interface ContainersResponse {
  items: ContainerItem[]
  /** Containers that could not be read, with why. */
  errors: string[]
}

export interface MinuteCount {
  /** Start of the minute, ISO 8601. */
  minute: string
  allow: number
  deny: number
  error: number
}

export interface StatsResponse {
  from: string
  to: string
  perMinute: MinuteCount[]
  topCallers: { caller: string; calls: number; denied: number }[]
  topDeniedRules: { ruleId: string; count: number }[]
  /** Records read; `partial` when the window held more than the dashboard reads. */
  scanned: number
  partial: boolean
}

export interface AuditChainResponse {
  latest: AuditStatus | null
  head: { seq: number; hash: string } | null
}
