import Table from 'cli-table3'
import pc from 'picocolors'
import type { StoredEvent } from './audit-store.js'

const COLUMNS = ['time', 'caller', 'method path', 'action', 'decision', 'rules', 'status'] as const
/** Fixed widths (padding included), so tables printed one after another line up (`tail -f`). */
const WIDTHS = [26, 20, 48, 20, 10, 18, 8]
const NO_BORDER = Object.fromEntries(
  [
    'top',
    'top-mid',
    'top-left',
    'top-right',
    'bottom',
    'bottom-mid',
    'bottom-left',
    'bottom-right',
    'left',
    'left-mid',
    'mid',
    'mid-mid',
    'right',
    'right-mid',
    'middle',
  ].map((c) => [c, '']),
)

function decisionCell(decision: StoredEvent['decision'], color: boolean): string {
  if (!color) return decision
  if (decision === 'allow') return pc.green(decision)
  return decision === 'deny' ? pc.red(decision) : pc.yellow(decision)
}

/**
 * Audit records as a borderless table: time, caller, method and path, action, decision, rules,
 * status. Long cells are cut with '…'. `header: false` for the following pages of `tail -f`.
 *
 * @example process.stdout.write(eventTable(store.tail(20), { header: true, color: pc.isColorSupported }))
 */
export function eventTable(
  events: readonly StoredEvent[],
  opts: { header: boolean; color: boolean },
): string {
  const head = opts.header ? COLUMNS.map((c) => (opts.color ? pc.bold(c) : c)) : []
  const table = new Table({
    head,
    colWidths: WIDTHS,
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
  })
  for (const e of events) {
    table.push([
      e.time,
      e.caller.user,
      `${e.method} ${e.path}`,
      e.actionKind,
      decisionCell(e.decision, opts.color),
      e.ruleIds.join(','),
      String(e.status),
    ])
  }
  if (events.length === 0 && !opts.header) return ''
  return `${table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')}\n`
}
