import * as fs from 'node:fs'
import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings'
import pc from 'picocolors'
import type { StoredEvent } from '../../audit/audit-store.js'
import { DEFAULT_DATA_DIR } from '../../audit/data-dir.js'
import { eventTable } from '../../audit/event-table.js'
import { exportJsonl, exportLine } from '../../audit/export-jsonl.js'
import { followEvents } from '../../audit/follow-events.js'
import { SqliteStore } from '../../audit/sqlite-store.js'
import { CliExit, EXIT } from '../exit.js'
import type { RegisterCommand } from './index.js'

const dataOption = () =>
  new Option('--data <dir>', 'Airlock data dir (holds audit.db)').default(DEFAULT_DATA_DIR)

function count(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a whole number')
  return n
}

/** Writes to stdout, waiting when the pipe is full. */
function out(text: string): Promise<void> {
  if (text === '' || process.stdout.write(text)) return Promise.resolve()
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()))
}

async function withStore<T>(dataDir: string, fn: (store: SqliteStore) => T | Promise<T>): Promise<T> {
  const store = SqliteStore.open({ dataDir, readonly: true })
  try {
    return await fn(store)
  } finally {
    store.close()
  }
}

async function verify(opts: { data: string }): Promise<void> {
  const result = await withStore(opts.data, (s) => s.verify())
  if (!result.ok) {
    const { seq, reason, detail } = result.firstBad
    throw new CliExit(EXIT.denied, `audit log broken at record ${seq}: ${reason} (${detail})`)
  }
  const { seq, hash } = result.head
  process.stdout.write(`audit log intact: ${result.count} records, head ${seq} ${hash.slice(0, 12)}\n`)
}

async function tail(opts: {
  data: string
  lines: number
  follow?: true
  format: 'table' | 'json'
}): Promise<void> {
  const color = opts.format === 'table' && pc.isColorSupported
  let header = true
  const print = (events: StoredEvent[]) => {
    if (opts.format === 'json') return out(events.map((e) => `${exportLine(e)}\n`).join(''))
    const text = eventTable(events, { header, color })
    header = false
    return out(text)
  }
  await withStore(opts.data, async (store) => {
    const last = store.tail(opts.lines)
    await print(last)
    if (!opts.follow) return
    const stop = new AbortController()
    const onSignal = () => stop.abort()
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal)
    try {
      await followEvents(store, last.at(-1)?.seq ?? store.head()?.seq ?? 0, print, { signal: stop.signal })
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
    }
  })
}

async function exportLog(opts: {
  data: string
  format: 'jsonl'
  since?: string
  output?: string
}): Promise<void> {
  const since = opts.since === undefined ? {} : { since: opts.since }
  await withStore(opts.data, async (store) => {
    if (opts.output === undefined) return exportJsonl(store, since, out)
    const fd = fs.openSync(opts.output, 'w', 0o600)
    try {
      return await exportJsonl(store, since, (chunk) => void fs.writeSync(fd, chunk))
    } finally {
      fs.closeSync(fd)
    }
  })
}

/**
 * `airlock audit verify | tail | export`: reads the audit log read-only, beside a running proxy.
 *
 * @example
 * airlock audit verify --data /var/lib/airlock   # exit 0 intact, 1 broken, 2 no log or no key
 * airlock audit tail -n 50 -f --format json
 * airlock audit export --format jsonl --since 2025-01-01 --output audit.jsonl
 */
export const registerAudit: RegisterCommand = (program: Command) => {
  const audit = program.command('audit').description('verify, follow and export the tamper-evident audit log')
  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 at the first bad record')
    .addOption(dataOption())
    .action((opts) => verify(opts))
  audit
    .command('tail')
    .description('print the last records; -f follows until interrupted')
    .addOption(dataOption())
    .addOption(new Option('-n, --lines <n>', 'how many records').argParser(count).default(20))
    .option('-f, --follow', 'keep printing new records until SIGINT')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'json'] as const).default('table'),
    )
    .action((opts) => tail(opts))
  audit
    .command('export')
    .description('every record with seq, prevHash and hash, one JSON object per line')
    .addOption(dataOption())
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl'] as const).default('jsonl'))
    .option('--since <time>', 'only records at or after this ISO 8601 time')
    .option('--output <file>', 'write to this file (mode 0600) instead of stdout')
    .action((opts) => exportLog(opts))
}
