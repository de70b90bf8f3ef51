import { z } from 'zod'
import { SEVERITIES } from '../../model/finding.js'
import { ALERT_KINDS } from './alert-rule.js'

const DURATION = /^[0-9]+\s*(s|m|h|d)$/
const durationError = 'a duration such as 90s, 15m, 2h or 1d'

/** A duration: seconds, or a number with a unit. */
const Window = z.union([z.number().int().positive(), z.string().regex(DURATION, durationError)], {
  error: durationError,
})
/** Like Window, but 0 is allowed (no deduplication). */
const Dedupe = z.union([z.number().int().min(0), z.string().regex(DURATION, durationError)], {
  error: `0 or ${durationError}`,
})

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })

const Webhook = z.union(
  [
    HttpUrl,
    z.strictObject({
      url: HttpUrl,
      /** At most this many alerts per minute to this URL (default 30); more are dropped. */
      maxPerMinute: z.number().int().positive().optional(),
    }),
  ],
  { error: 'an http:// or https:// URL, or { url, maxPerMinute }' },
)

const AlertRuleEntry = z.strictObject({
  name: z.string().min(1).optional(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(SEVERITIES).optional(),
  /** denial-burst, exec-spread, rate-limited: how many within `window`. */
  threshold: z.number().int().positive().optional(),
  window: Window.optional(),
  /** The same alert is sent at most once per this long (0: every time). */
  dedupe: Dedupe.optional(),
  /** audit-chain: how often the chain is verified. */
  every: Window.optional(),
  /** elevated-action: the caller roles watched (default [admin]). */
  roles: z.array(z.string().min(1)).optional(),
  webhooks: z.array(Webhook).optional(),
})

/**
 * The policy file's `alerts:` list: declarative rules over the decision stream, each delivered to
 * the log and POSTed as JSON to its webhooks. An empty list turns alerts off; without the section,
 * every kind is on with its defaults, to the log only.
 */
export const AlertsSection = z.array(AlertRuleEntry)
export type AlertsSection = z.infer<typeof AlertsSection>
