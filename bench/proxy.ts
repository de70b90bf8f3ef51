import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startDockerd } from '../test/helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../test/helpers/images.js'

const SELF = fileURLToPath(import.meta.url)
const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))

/** One response read off a keep-alive connection. */
interface Response {
  status: number
  head: string
  body: Buffer
}

const CRLF2 = Buffer.from('\r\n\r\n')

/**
 * A minimal HTTP/1.1 client on one keep-alive unix socket connection: one request at a time,
 * Content-Length and chunked responses. Lean on purpose: the load generator should cost the same for
 * every target.
 */
class Conn {
  readonly #socket: net.Socket
  #buf: Buffer = Buffer.alloc(0)
  #waiting: ((r: Response) => void) | undefined
  #fail: ((e: Error) => void) | undefined

  private constructor(socket: net.Socket) {
    this.#socket = socket
    socket.on('data', (b: Buffer) => {
      this.#buf = this.#buf.length ? Buffer.concat([this.#buf, b]) : b
      this.#parse()
    })
    socket.on('error', (e) => this.#fail?.(e))
    socket.on('close', () => this.#fail?.(new Error('connection closed')))
  }

  static open(path: string): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const s = net.createConnection({ path })
      s.once('connect', () => resolve(new Conn(s)))
      s.once('error', reject)
    })
  }

  request(bytes: Buffer | string): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.#waiting = resolve
      this.#fail = reject
      this.#socket.write(bytes)
    })
  }

  close(): void {
    this.#fail = undefined
    this.#socket.destroy()
  }

  #parse(): void {
    const end = this.#buf.indexOf(CRLF2)
    if (end < 0 || !this.#waiting) return
    const head = this.#buf.subarray(0, end).toString('latin1')
    const status = Number(head.slice(9, 12))
    const rest = this.#buf.subarray(end + 4)
    const cl = /\r\ncontent-length: *([0-9]+)/i.exec(head)
    let body: Buffer
    let used: number
    if (cl) {
      const n = Number(cl[1])
      if (rest.length < n) return
      body = rest.subarray(0, n)
      used = n
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: Buffer[] = []
      let pos = 0
      for (;;) {
        const eol = rest.indexOf('\r\n', pos)
        if (eol < 0) return
        const size = Number.parseInt(rest.subarray(pos, eol).toString('latin1'), 16)
        if (rest.length < eol + 2 + size + 2) return
        if (size === 0) {
          used = eol + 4
          break
        }
        parts.push(rest.subarray(eol + 2, eol + 2 + size))
        pos = eol + 2 + size + 2
      }
      body = Buffer.concat(parts)
    } else {
      body = Buffer.alloc(0)
      used = 0
    }
    this.#buf = rest.subarray(used)
    const done = this.#waiting
    this.#waiting = undefined
    this.#fail = undefined
    done({ status, head, body })
  }
}

const PING = Buffer.from('GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n')
const LIST = Buffer.from('GET /v1.41/containers/json HTTP/1.1\r\nHost: docker\r\n\r\n')

function createRequest(): Buffer {
  const body = JSON.stringify({ Image: BUSYBOX_IMAGE, Cmd: ['true'], HostConfig: {} })
  return Buffer.from(
    `POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  )
}

async function expectOk(p: Promise<Response>, what: string): Promise<Response> {
  const r = await p
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.body.toString().slice(0, 300)}`)
  return r
}

/** Times `n` sequential operations on one connection; microseconds each. */
async function latencies(path: string, n: number, op: (c: Conn) => Promise<void>): Promise<number[]> {
  const c = await Conn.open(path)
  const out: number[] = []
  try {
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint()
      await op(c)
      out.push(Number(process.hrtime.bigint() - t0) / 1000)
    }
  } finally {
    c.close()
  }
  return out
}

/** Requests per second with `conns` keep-alive connections for `ms`. */
async function throughput(path: string, conns: number, ms: number): Promise<number> {
  const all = await Promise.all(Array.from({ length: conns }, () => Conn.open(path)))
  let count = 0
  const deadline = Date.now() + ms
  const t0 = process.hrtime.bigint()
  await Promise.all(
    all.map(async (c) => {
      while (Date.now() < deadline) {
        await c.request(PING)
        count++
      }
    }),
  )
  const secs = Number(process.hrtime.bigint() - t0) / 1e9
  for (const c of all) c.close()
  return count / secs
}

/** MiB/s of a container writing 64 MiB to stdout, read through attach (first byte to last). */
async function attachStream(path: string): Promise<number> {
  const c = await Conn.open(path)
  const cmd = ['sh', '-c', 'dd if=/dev/zero bs=1048576 count=64 2>/dev/null']
  const body = JSON.stringify({ Image: BUSYBOX_IMAGE, Cmd: cmd, AttachStdout: true, HostConfig: {} })
  const created = await expectOk(
    c.request(
      `POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ),
    'create',
  )
  const id = (JSON.parse(created.body.toString()) as { Id: string }).Id
  try {
    const s = net.createConnection({ path })
    await new Promise((r) => s.once('connect', r))
    let headDone = false
    let bytes = 0
    let first = 0n
    const ended = new Promise<void>((resolve) => {
      s.on('data', (b: Buffer) => {
        if (!headDone) {
          const i = b.indexOf(CRLF2)
          if (i < 0) return
          headDone = true
          b = b.subarray(i + 4)
        }
        if (b.length && first === 0n) first = process.hrtime.bigint()
        bytes += b.length
      })
      s.on('end', () => resolve())
      s.on('close', () => resolve())
    })
    s.write(
      `POST /v1.41/containers/${id}/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`,
    )
    await sleep(50)
    await expectOk(
      c.request(`POST /v1.41/containers/${id}/start HTTP/1.1\r\nHost: docker\r\nContent-Length: 0\r\n\r\n`),
      'start',
    )
    await ended
    const secs = Number(process.hrtime.bigint() - first) / 1e9
    s.destroy()
    // 64 MiB of payload plus 8-byte stream headers.
    if (bytes < 64 * 1024 * 1024) throw new Error(`attach delivered ${bytes} bytes`)
    return 64 / secs
  } finally {
    await c.request(`DELETE /v1.41/containers/${id}?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n`)
    c.close()
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0
}

function median(xs: number[]): number {
  return pct(xs, 0.5)
}

/** The byte-forwarding hop: pipes every connection to the daemon socket, nothing else. */
function byteHop(listen: string, upstream: string): void {
  net
    .createServer((c) => {
      const u = net.createConnection({ path: upstream })
      c.pipe(u).pipe(c)
      c.on('error', () => u.destroy())
      u.on('error', () => c.destroy())
    })
    .listen(listen, () => process.stdout.write('ready\n'))
}

/**
 * Diagnostic target: the same proxy with an audit store that drops every record, to show what the
 * audit log costs. Not a configuration anyone can run: the CLI always records.
 */
async function proxyWithoutAudit(
  listen: string,
  upstream: string,
  policyFile: string,
  dataDir: string,
): Promise<void> {
  const { startProxy } = await import('../src/enforce/proxy/proxy.js')
  const drop = { append: () => ({}) as never, appendDeferred: () => {}, flush: () => {}, close: () => {} }
  await startProxy({
    listen: [`unix://${listen}`],
    upstream: `unix://${upstream}`,
    dataDir,
    policyFile,
    store: drop as never,
  })
  process.stdout.write('ready\n')
}

function waitForLine(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${out}`)), 20_000)
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString()
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${out}`)))
  })
}

function rssMiB(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

type Target = 'direct' | 'hop' | 'airlock' | 'noaudit' | 'nomonitor'
const TARGETS: readonly Target[] = ['direct', 'hop', 'airlock', 'noaudit', 'nomonitor']
const empty = (): Record<Target, number[]> => ({
  direct: [],
  hop: [],
  airlock: [],
  noaudit: [],
  nomonitor: [],
})

/**
 * The benchmark's policy: baseline, with rate limits so high the load never reaches them (the
 * limiter still runs on every call, so its cost is measured, but no call is refused).
 */
const BENCH_POLICY = [
  'profile: baseline',
  'rateLimits:',
  ...['create', 'exec', 'read', 'write'].map((c) => `  ${c}: { perMinute: 100000000, burst: 100000000 }`),
  '',
].join('\n')

/**
 * The proxy benchmark: one private dockerd; the daemon socket directly, a byte-forwarding hop (the
 * floor for any proxy) and `airlock proxy` (child process, built-in baseline policy), measured
 * interleaved. Prints p50/p99 of `_ping`, `containers/json` and create+delete, `_ping` requests/s
 * at 32 connections, MiB/s of a 64 MiB attach stream and the proxy's RSS, with ratios to the hop.
 * Set AIRLOCK_BENCH_CPU_PROF=dir to write a CPU profile of the proxy.
 *
 * @example node build/bench/run.js proxy
 */
export async function run(): Promise<void> {
  const daemon = await startDockerd({ reuse: false })
  const work = mkdtempSync(join(tmpdir(), 'airlock-bench-proxy-'))
  const children: ChildProcess[] = []
  try {
    await ensureBusyboxImage(daemon.host)
    const paths: Record<Target, string> = {
      direct: daemon.socket,
      hop: join(work, 'hop.sock'),
      airlock: join(work, 'airlock.sock'),
      noaudit: join(work, 'noaudit.sock'),
      nomonitor: join(work, 'nomonitor.sock'),
    }
    const policyFile = join(work, 'policy.yaml')
    writeFileSync(policyFile, BENCH_POLICY)
    const noaudit = spawn(
      process.execPath,
      [SELF, '--no-audit', paths.noaudit, daemon.socket, policyFile, join(work, 'data-noaudit')],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    children.push(noaudit)
    await waitForLine(noaudit, 'proxy without audit')
    const hop = spawn(process.execPath, [SELF, '--hop', paths.hop, daemon.socket], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(hop)
    await waitForLine(hop, 'byte hop')
    const prof = process.env['AIRLOCK_BENCH_CPU_PROF']
    const airlockProxy = (listen: string, data: string, extra: string[]) =>
      spawn(
        process.execPath,
        [
          ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
          CLI,
          'proxy',
          '--listen',
          `unix://${listen}`,
          '--upstream',
          daemon.host,
          '--data',
          join(work, data),
          '--policy',
          policyFile,
          '--log-level',
          'warn',
          ...extra,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
    const proxy = airlockProxy(paths.airlock, 'data', [])
    children.push(proxy)
    await waitForLine(proxy, 'airlock proxy')
    const nomonitor = airlockProxy(paths.nomonitor, 'data-nomonitor', ['--no-monitor'])
    children.push(nomonitor)
    await waitForLine(nomonitor, 'airlock proxy --no-monitor')

    const create = createRequest()
    const createDelete = async (c: Conn) => {
      const r = await expectOk(c.request(create), 'create')
      const id = (JSON.parse(r.body.toString()) as { Id: string }).Id
      await expectOk(
        c.request(`DELETE /v1.41/containers/${id}?force=1 HTTP/1.1\r\nHost: docker\r\n\r\n`),
        'delete',
      )
    }
    const ops: Record<string, { n: number; op: (c: Conn) => Promise<void> }> = {
      _ping: { n: 300, op: async (c) => void (await expectOk(c.request(PING), '_ping')) },
      'containers/json': {
        n: 150,
        op: async (c) => void (await expectOk(c.request(LIST), 'containers/json')),
      },
      'create+delete': { n: 8, op: createDelete },
    }
    const lat: Record<string, Record<Target, number[]>> = {}
    const rounds = 8
    for (const [name, { n, op }] of Object.entries(ops)) {
      lat[name] = empty()
      for (const t of TARGETS) await latencies(paths[t], Math.min(n, 20), op) // warm-up
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? TARGETS : [...TARGETS].reverse()
        for (const t of order) lat[name]![t].push(...(await latencies(paths[t], n, op)))
      }
    }
    const rps = empty()
    for (let r = 0; r < 3; r++) {
      const order = r % 2 === 0 ? TARGETS : [...TARGETS].reverse()
      for (const t of order) rps[t].push(await throughput(paths[t], 32, 2000))
    }
    const mibs = empty()
    for (let r = 0; r < 3; r++) {
      const order = r % 2 === 0 ? TARGETS : [...TARGETS].reverse()
      for (const t of order) mibs[t].push(await attachStream(paths[t]))
    }
    const rss = rssMiB(proxy.pid ?? 0)

    const fmt = (v: number, d = 0) => v.toFixed(d).padStart(9)
    const lines: string[] = []
    const row = (
      metric: string,
      v: Record<Target, number>,
      d: number,
      target: string,
      better: 'lower' | 'higher',
    ) => {
      const ratio = v.airlock / v.hop
      const ok =
        target === ''
          ? ''
          : (better === 'lower' ? ratio <= Number(target) : ratio >= Number(target))
            ? 'met'
            : 'MISSED'
      lines.push(
        `${metric.padEnd(28)}${fmt(v.direct, d)}${fmt(v.hop, d)}${fmt(v.airlock, d)}${ratio.toFixed(2).padStart(10)}x  ${target ? `${better === 'lower' ? '≤' : '≥'} ${target}x ${ok}`.padEnd(17) : ''.padEnd(17)}${fmt(v.noaudit, d)}${(v.noaudit / v.hop).toFixed(2).padStart(8)}x`,
      )
    }
    const pick = (m: Record<Target, number[]>, f: (xs: number[]) => number): Record<Target, number> => ({
      direct: f(m.direct),
      hop: f(m.hop),
      airlock: f(m.airlock),
      noaudit: f(m.noaudit),
      nomonitor: f(m.nomonitor),
    })
    // Monitoring on vs off: paired rounds alternating which goes first, the ratio of their medians
    // per round, then the median ratio (robust to the drift of a shared 2-core machine).
    const monitoring: string[] = []
    for (const name of ['_ping', 'containers/json']) {
      const op = ops[name]!.op
      const ratios: number[] = []
      const on: number[] = []
      const off: number[] = []
      for (let r = 0; r < 24; r++) {
        const first = r % 2 === 0 ? paths.airlock : paths.nomonitor
        const second = r % 2 === 0 ? paths.nomonitor : paths.airlock
        const a = median(await latencies(first, 100, op))
        const b = median(await latencies(second, 100, op))
        const [withMon, without] = r % 2 === 0 ? [a, b] : [b, a]
        on.push(withMon)
        off.push(without)
        ratios.push(withMon / without)
      }
      const cost = median(ratios)
      monitoring.push(
        `${`${name} p50 (µs)`.padEnd(28)}${fmt(median(off), 0)}${fmt(median(on), 0)}${cost.toFixed(3).padStart(10)}x  ≤ 1.05x ${cost <= 1.05 ? 'met' : 'MISSED'}`,
      )
    }
    for (const name of Object.keys(ops)) {
      const l = lat[name]!
      row(`${name} p50 (µs)`, pick(l, median), 0, name === 'create+delete' ? '' : '1.15', 'lower')
      row(
        `${name} p99 (µs)`,
        pick(l, (xs) => pct(xs, 0.99)),
        0,
        '',
        'lower',
      )
    }
    row('_ping req/s, 32 conns', pick(rps, median), 0, '1', 'higher')
    row('attach 64 MiB (MiB/s)', pick(mibs, median), 0, '0.9', 'higher')
    process.stdout.write(
      `proxy bench: dockerd at ${daemon.socket}, node ${process.version}, ${rounds} interleaved rounds\n` +
        `${'metric'.padEnd(28)}${'direct'.padStart(9)}${'hop'.padStart(9)}${'airlock'.padStart(9)}${'vs hop'.padStart(11)}  ${'target'.padEnd(17)}${'no-audit'.padStart(9)}${'vs hop'.padStart(9)}\n` +
        `${lines.join('\n')}\n` +
        'no-audit: the same proxy with an audit store that drops records (diagnostic: what the audit log costs)\n' +
        `monitoring cost (metrics, rate limits, live feed, alerts on vs --no-monitor; median of 24 paired rounds)\n${'metric'.padEnd(28)}${'off'.padStart(9)}${'on'.padStart(9)}${'on/off'.padStart(11)}  target\n${monitoring.join('\n')}\n` +
        `airlock proxy RSS: ${rss.now.toFixed(0)} MiB now, ${rss.peak.toFixed(0)} MiB peak (target < 150 MB: ${rss.peak * 1.048576 < 150 ? 'met' : 'MISSED'})\n`,
    )
  } finally {
    for (const c of children) c.kill('SIGTERM')
    await sleep(500)
    rmSync(work, { recursive: true, force: true })
    await daemon.stop()
  }
}

if (process.argv[2] === '--hop') byteHop(process.argv[3] as string, process.argv[4] as string)
else if (process.argv[2] === '--no-audit')
  await proxyWithoutAudit(
    process.argv[3] as string,
    process.argv[4] as string,
    process.argv[5] as string,
    process.argv[6] as string,
  )
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
