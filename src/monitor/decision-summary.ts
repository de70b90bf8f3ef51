import type { Decision } from '../model/decision.js'
import type { Finding } from '../model/finding.js'

/** A finding that did not block because a grant or an exemption waived it. */
export interface Waiver {
  ruleId: string
  by: 'grant' | 'exemption'
  /** The grant id or the exemption's id. */
  id: string
}

/**
 * One API call through Airlock once it is over (answered, forwarded, or refused): what the live
 * feed shows, what metrics count and what alert rules watch. Built once per request by the proxy.
 */
export interface DecisionSummary {
  /** Arrival time, ISO 8601. */
  time: string
  requestId: string
  /** The caller's user name, as in the audit record. */
  caller: string
  /** The caller's role, when identities have roles. */
  role?: string | undefined
  listener: string
  method: string
  path: string
  /** Action kind, or `unclassified` for a request refused before it was routed. */
  kind: string
  /** The container, image, volume or network the call acts on; '' when none. */
  target: string
  decision: 'allow' | 'deny' | 'error'
  /** Status sent to the client (429 for a rate-limited call); 0 when none was sent. */
  status: number
  /** Failing and warned rules, once each. */
  ruleIds: readonly string[]
  /** The decision's message (denials: rule, detail and fix). */
  message: string
  /** Grants that waived a rule for this call. */
  grantIds: readonly string[]
  /** Findings waived by grants or exemptions: an elevated call. */
  waivers: readonly Waiver[]
  /** The findings, blocking ones first, bounded (see `summaryFindings`); absent when not known. */
  findings?: readonly SummaryFinding[] | undefined
  /** Findings left out of `findings` to bound its size. */
  findingsOmitted?: number | undefined
  /** Time Airlock spent itself: arrival until it forwarded or answered, in ms. */
  airlockMs: number
  /** Time the daemon took to answer (until its response head), in ms; null when not forwarded. */
  upstreamMs: number | null
}

const NO_WAIVERS: readonly Waiver[] = Object.freeze([])

/**
 * The waived findings of a decision (empty, shared, when none: the common case allocates nothing).
 *
 * @example waiversOf(decision) // [{ ruleId: 'AL-0001', by: 'grant', id: 'g-1a2b3c4d5e' }]
 */
export function waiversOf(decision: Pick<Decision, 'findings'> | undefined): readonly Waiver[] {
  if (!decision) return NO_WAIVERS
  let out: Waiver[] | undefined
  for (const f of decision.findings) {
    if (!f.waivedBy) continue
    out ??= []
    out.push({ ruleId: f.ruleId, by: f.waivedBy.kind, id: f.waivedBy.id })
  }
  return out ?? NO_WAIVERS
}

/** One finding of a call as the live feed carries it: its own message and where, bounded in size. */
export interface SummaryFinding {
  ruleId: string
  /** `fail` blocks unless a grant or an exemption waived it (see `waivers`); `warn` is reported only. */
  result: 'fail' | 'warn'
  /** The finding's message, at most 300 characters. */
  message: string
  /** Where: the wire path when known (`HostConfig.Privileged`), else the spec path; '' when none. */
  path: string
}

/** Findings a summary carries at most. */
export const SUMMARY_FINDINGS_MAX = 20

const NO_FINDINGS: Pick<DecisionSummary, 'findings'> = Object.freeze({ findings: Object.freeze([]) })

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** What `summaryFindings` reads of a finding (a `Finding`, or an audit record's compact one). */
export type FindingInput = Pick<Finding, 'ruleId' | 'message'> & {
  result: string
  path?: readonly (string | number)[]
  waivedBy?: unknown
}

/**
 * The findings of a decision as a summary carries them: fail and warn only, blocking ones first
 * (then waived, then warnings), at most `SUMMARY_FINDINGS_MAX` with messages cut at 300 characters
 * and paths at 120, and how many were left out. `describe` names a path in the wire format.
 *
 * @example summaryFindings(decision.findings, interpretation.describePath) // { findings: [{ ruleId: 'AL-0001', result: 'fail', message: 'privileged is true', path: 'HostConfig.Privileged' }] }
 */
export function summaryFindings(
  findings: readonly FindingInput[] | undefined,
  describe?: (path: (string | number)[]) => string | undefined,
): Pick<DecisionSummary, 'findings' | 'findingsOmitted'> {
  if (!findings || findings.length === 0) return NO_FINDINGS
  const rank = (f: FindingInput) => (f.result === 'warn' ? 2 : f.waivedBy ? 1 : 0)
  const kept = findings
    .filter((f) => f.result === 'fail' || f.result === 'warn')
    .sort((a, b) => rank(a) - rank(b))
  const out: SummaryFinding[] = kept.slice(0, SUMMARY_FINDINGS_MAX).map((f) => {
    const path = f.path ? (describe?.([...f.path]) ?? f.path.join('.')) : ''
    return {
      ruleId: f.ruleId,
      result: f.result as SummaryFinding['result'],
      message: clip(f.message, 300),
      path: clip(path, 120),
    }
  })
  const omitted = kept.length - out.length
  return omitted > 0 ? { findings: out, findingsOmitted: omitted } : { findings: out }
}

/** When a request reached each point, from `performance.now()`. */
export interface RequestTimes {
  /** Arrival (`Exchange.started`). */
  started: number
  /** The terminal pass began sending to the daemon; undefined when Airlock answered itself. */
  forwarded?: number | undefined
  /** The daemon's response head arrived; undefined when it never did. */
  upstreamHead?: number | undefined
  /** Airlock answered the client itself (refusals): the end of its own work. */
  answered?: number | undefined
}

/**
 * Splits a request's time into Airlock's own (arrival until forwarded, or until it answered) and
 * the daemon's (forwarded until its response head), in ms.
 *
 * @example splitLatency({ started: 10, forwarded: 10.3, upstreamHead: 12.3 }) // { airlockMs: 0.3, upstreamMs: 2 }
 */
export function splitLatency(t: RequestTimes): { airlockMs: number; upstreamMs: number | null } {
  const ownEnd = t.forwarded ?? t.answered ?? t.started
  const upstreamMs =
    t.forwarded !== undefined && t.upstreamHead !== undefined ? t.upstreamHead - t.forwarded : null
  return {
    airlockMs: Math.max(0, ownEnd - t.started),
    upstreamMs: upstreamMs === null ? null : Math.max(0, upstreamMs),
  }
}
