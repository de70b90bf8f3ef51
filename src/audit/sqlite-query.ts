import { InputError } from '../errors.js'
import type { AuditQuery } from './audit-store.js'
import { ROW_COLUMNS } from './sqlite-schema.js'

/** How many records `query` returns when no limit is given. */
export const DEFAULT_QUERY_LIMIT = 1000

function isoTime(value: string | Date, name: string): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime()
  if (Number.isNaN(ms)) throw new InputError(`${name}: not a date or ISO 8601 time: ${String(value)}`)
  return new Date(ms).toISOString()
}

function nonNegativeInt(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new InputError(`${name} must be an integer ≥ ${min}`)
  return value
}

/**
 * The SQL and parameters of a query over the events table, in seq order. `shape` names the filters present, so one prepared statement serves every query of that
 * shape. Throws `InputError` on a bad time or number.
 *
 * @example buildQuery({ caller: 'alice', limit: 10 }) // { shape: 'caller', sql: 'SELECT … WHERE caller = ? …', params: ['alice', 10] }
 */
export function buildQuery(q: AuditQuery): { shape: string; sql: string; params: (string | number)[] } {
  const where: string[] = []
  const params: (string | number)[] = []
  const shape: string[] = []
  const add = (name: string, clause: string, value: string | number) => {
    shape.push(name)
    where.push(clause)
    params.push(value)
  }
  if (q.since !== undefined) add('since', 'time >= ?', isoTime(q.since, 'since'))
  if (q.until !== undefined) add('until', 'time < ?', isoTime(q.until, 'until'))
  if (q.caller !== undefined) add('caller', 'caller = ?', q.caller)
  if (q.decision !== undefined) add('decision', 'decision = ?', q.decision)
  if (q.actionKind !== undefined) add('actionKind', 'action_kind = ?', q.actionKind)
  if (q.afterSeq !== undefined) add('afterSeq', 'seq > ?', nonNegativeInt(q.afterSeq, 'afterSeq', 0))
  params.push(nonNegativeInt(q.limit ?? DEFAULT_QUERY_LIMIT, 'limit', 1))
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : ''
  return {
    shape: shape.join(','),
    sql: `SELECT ${ROW_COLUMNS} FROM events${filter} ORDER BY seq LIMIT ?`,
    params,
  }
}
