import { parseDurationSeconds } from '../../policy/units.js'
import type { PolicyFail } from '../resolve-rate-limits.js'
import {
  ALERT_DEFAULTS,
  ALERT_KINDS,
  type AlertKind,
  type AlertRule,
  DEFAULT_WEBHOOK_PER_MINUTE,
  KIND_FIELDS,
  type WebhookTarget,
} from './alert-rule.js'
import type { AlertsSection } from './alerts-schema.js'

const OPTIONAL_FIELDS = ['threshold', 'window', 'every', 'roles'] as const

function kindsUsing(field: (typeof OPTIONAL_FIELDS)[number]): string {
  return ALERT_KINDS.filter((k) => KIND_FIELDS[k].includes(field)).join(', ')
}

/**
 * The `alerts:` list resolved: defaults per kind filled in, durations in seconds, webhooks with
 * their throttle (one URL listed by several rules gets the lowest `maxPerMinute`). Fields a kind
 * does not read, and duplicate names, are errors.
 *
 * @example resolveAlertRules([{ kind: 'denial-burst', threshold: 5 }], fail)[0]?.windowSeconds // 60
 */
export function resolveAlertRules(section: AlertsSection, fail: PolicyFail): AlertRule[] {
  const ids = new Set<string>()
  const perUrl = new Map<string, number>()
  const rules = section.map((entry, i): AlertRule => {
    const kind: AlertKind = entry.kind
    for (const field of OPTIONAL_FIELDS) {
      if (entry[field] !== undefined && !KIND_FIELDS[kind].includes(field)) {
        throw fail(
          ['alerts', i, field],
          `${field} does not apply to ${kind} (it applies to ${kindsUsing(field)})`,
        )
      }
    }
    let id = entry.name ?? kind
    if (entry.name !== undefined && ids.has(id)) {
      throw fail(['alerts', i, 'name'], `another alert is already named "${id}"`)
    }
    for (let n = 2; ids.has(id); n++) id = `${kind}#${n}`
    ids.add(id)
    const d = ALERT_DEFAULTS[kind]
    const webhooks = (entry.webhooks ?? []).map((w): WebhookTarget => {
      const t = typeof w === 'string' ? { url: w, maxPerMinute: DEFAULT_WEBHOOK_PER_MINUTE } : w
      const max = t.maxPerMinute ?? DEFAULT_WEBHOOK_PER_MINUTE
      perUrl.set(t.url, Math.min(perUrl.get(t.url) ?? max, max))
      return { url: t.url, maxPerMinute: max }
    })
    return {
      id,
      kind,
      severity: entry.severity ?? d.severity,
      threshold: entry.threshold ?? d.threshold,
      windowSeconds: entry.window === undefined ? d.windowSeconds : parseDurationSeconds(entry.window),
      dedupeSeconds: entry.dedupe === undefined ? d.dedupeSeconds : parseDurationSeconds(entry.dedupe),
      everySeconds: entry.every === undefined ? d.everySeconds : parseDurationSeconds(entry.every),
      roles: entry.roles ?? d.roles,
      webhooks,
    }
  })
  for (const r of rules) for (const w of r.webhooks) w.maxPerMinute = perUrl.get(w.url) ?? w.maxPerMinute
  return rules
}
