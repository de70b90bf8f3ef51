import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { AuditEvent, type AuditEventInput } from '../src/audit/audit-event.js'
import { canonicalJson } from '../src/audit/canonical-json.js'
import { chainHash, GENESIS_HASH } from '../src/audit/hash-chain.js'
import { SqliteStore, type SqliteStoreOptions } from '../src/audit/sqlite-store.js'

interface Result {
  name: string
  count: number
  perSecond: number
  p50us: number
  p99us: number
}

function event(i: number): AuditEventInput {
  return {
    time: new Date().toISOString(),
    caller: { user: 'alice', groups: ['dev'], role: 'developer', via: 'mtls' },
    listener: 'tcp',
    method: 'POST',
    path: `/v1.45/containers/create?name=bench-${i}`,
    actionKind: 'container.create',
    decision: i % 3 === 0 ? 'deny' : 'allow',
    status: i % 3 === 0 ? 403 : 201,
    ruleIds: ['AL-0001', 'AL-0002'],
    findings: [{ ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' }],
    mutations: [{ path: ['security', 'noNewPrivileges'], value: true, reason: 'secure default' }],
    message: 'airlock: denied by AL-0001 no-privileged: privileged is true',
    bodySha256: 'a'.repeat(64),
    bodyBytes: 1834,
    upstreamStatus: null,
    durationMs: 1.25,
    requestId: `01J8Z3K4M5N6P7Q8R9S0T${String(i).padStart(5, '0')}`,
  }
}

/** Runs `op` until `maxCount` calls or `maxMs` elapsed (after a warm-up), timing each call. */
function measure(name: string, op: (i: number) => void, opts: { maxCount: number; maxMs: number }): Result {
  for (let i = 0; i < 100; i++) op(-1 - i)
  const times: number[] = []
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(opts.maxMs) * 1_000_000n
  let now = start
  while (times.length < opts.maxCount && now < deadline) {
    const t0 = now
    op(times.length)
    now = process.hrtime.bigint()
    times.push(Number(now - t0) / 1000)
  }
  const total = Number(now - start) / 1e9
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0
  return { name, count: times.length, perSecond: times.length / total, p50us: pct(0.5), p99us: pct(0.99) }
}

function withStore<T>(options: Omit<SqliteStoreOptions, 'dataDir'>, fn: (s: SqliteStore) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-audit-'))
  const store = SqliteStore.open({ dataDir: dir, key: 'x'.repeat(32), ...options })
  try {
    return fn(store)
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Measures the audit store's append path: the in-memory work alone (validate, canonical JSON,
 * HMAC: the baseline), synchronous appends with synchronous=FULL and NORMAL, and deferred appends.
 * Prints appends/s and p50/p99 µs per call, and each figure as a multiple of the baseline.
 *
 * @example node build/bench/audit.js
 */
export async function run(): Promise<Result[]> {
  const key = Buffer.from('x'.repeat(32))
  let prev = GENESIS_HASH
  const results = [
    measure(
      'baseline: validate + canonical JSON + HMAC',
      (i) => {
        prev = chainHash(prev, Math.abs(i) + 1, Buffer.from(canonicalJson(AuditEvent.parse(event(i)))), key)
      },
      { maxCount: 50_000, maxMs: 2000 },
    ),
    withStore({ synchronous: 'FULL' }, (s) =>
      measure('append, synchronous=FULL', (i) => s.append(event(i)), { maxCount: 20_000, maxMs: 5000 }),
    ),
    withStore({ synchronous: 'NORMAL' }, (s) =>
      measure('append, synchronous=NORMAL', (i) => s.append(event(i)), { maxCount: 50_000, maxMs: 3000 }),
    ),
    withStore({ synchronous: 'FULL' }, (s) => {
      const r = measure('appendDeferred, synchronous=FULL', (i) => s.appendDeferred(event(i)), {
        maxCount: 50_000,
        maxMs: 3000,
      })
      s.flush()
      return r
    }),
  ]
  const base = results[0]!
  console.log(
    `audit store bench (${os.platform()} ${os.arch()}, node ${process.version}, tmpdir ${os.tmpdir()})`,
  )
  for (const r of results) {
    const ratio = (base.perSecond / r.perSecond).toFixed(1)
    console.log(
      `${r.name.padEnd(44)} ${Math.round(r.perSecond).toString().padStart(8)} appends/s  p50 ${r.p50us.toFixed(1).padStart(8)} µs  p99 ${r.p99us.toFixed(1).padStart(8)} µs  (${ratio}× baseline cost, n=${r.count})`,
    )
  }
  return results
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
