/**
 * `airlock scan` over a generated corpus of 10,000 Kubernetes manifests and 2,000 compose files, as a
 * ratio to merely reading and parsing the same YAML (the floor every scanner pays). Target: ≤ 2×.
 * Run with `node build/bench/run.js scan`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseAllDocuments } from 'yaml'
import { renderJson } from '../src/report/json.js'
import { defaultScanAdapters } from '../src/scan/default-adapters.js'
import { discoverFiles } from '../src/scan/discover-files.js'
import { createPathFilter } from '../src/scan/path-filter.js'
import { scan } from '../src/scan/scan.js'
import { scanPolicy } from '../src/scan/scan-policy.js'

const K8S_FILES = 10_000
const COMPOSE_FILES = 2_000
const PER_DIR = 100

/** A small deterministic generator, so every run scans the same corpus. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

type Pick = <T>(xs: readonly T[]) => T

function container(pick: Pick, rnd: () => number, name: string, indent: string): string {
  const lines = [
    `${indent}- name: ${name}`,
    `${indent}  image: registry.example.com/team/${name}:${Math.floor(rnd() * 40)}.${Math.floor(rnd() * 10)}`,
  ]
  if (rnd() < 0.6)
    lines.push(`${indent}  ports:`, `${indent}    - containerPort: ${pick([80, 443, 8080, 9090, 5432])}`)
  if (rnd() < 0.5) {
    lines.push(`${indent}  env:`)
    for (let i = 0; i < 1 + Math.floor(rnd() * 6); i++)
      lines.push(`${indent}    - name: VAR_${i}`, `${indent}      value: "v${i}"`)
  }
  if (rnd() < 0.6) {
    lines.push(`${indent}  resources:`, `${indent}    requests: {cpu: 100m, memory: 128Mi}`)
    if (rnd() < 0.7) lines.push(`${indent}    limits: {cpu: "1", memory: 512Mi}`)
  }
  const sc = rnd()
  if (sc < 0.4) {
    lines.push(
      `${indent}  securityContext:`,
      `${indent}    runAsNonRoot: true`,
      `${indent}    allowPrivilegeEscalation: false`,
      `${indent}    readOnlyRootFilesystem: true`,
      `${indent}    capabilities: {drop: ["ALL"]}`,
    )
  } else if (sc < 0.5) lines.push(`${indent}  securityContext: {privileged: true}`)
  else if (sc < 0.6)
    lines.push(`${indent}  securityContext:`, `${indent}    capabilities: {add: ["NET_ADMIN", "SYS_TIME"]}`)
  if (rnd() < 0.4) lines.push(`${indent}  volumeMounts:`, `${indent}    - {name: data, mountPath: /data}`)
  if (rnd() < 0.3) {
    lines.push(
      `${indent}  livenessProbe:`,
      `${indent}    httpGet: {path: /healthz, port: 8080}`,
      `${indent}    periodSeconds: 10`,
    )
  }
  return lines.join('\n')
}

function manifest(i: number, rnd: () => number, pick: Pick): string {
  const kind = pick(['Deployment', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'])
  const name = `app-${i}`
  const podLines = [
    ...(rnd() < 0.1 ? ['hostNetwork: true'] : []),
    ...(rnd() < 0.05 ? ['hostPID: true'] : []),
    ...(rnd() < 0.3
      ? ['securityContext:', '  runAsUser: 1000', '  seccompProfile: {type: RuntimeDefault}']
      : []),
    'containers:',
    container(pick, rnd, 'main', ''),
    ...(rnd() < 0.3 ? [container(pick, rnd, 'sidecar', '')] : []),
    ...(rnd() < 0.2 ? ['initContainers:', container(pick, rnd, 'init', '')] : []),
    'volumes:',
    rnd() < 0.1 ? '  - {name: data, hostPath: {path: /var/lib/app}}' : '  - {name: data, emptyDir: {}}',
  ]
  const indentBy = (n: number) =>
    podLines
      .flatMap((l) => l.split('\n'))
      .map((l) => `${' '.repeat(n)}${l}`)
      .join('\n')
  const head = `apiVersion: ${kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  labels: {app: ${name}, team: t${i % 17}}\n`
  let body: string
  if (kind === 'Pod') body = `spec:\n${indentBy(2)}\n`
  else if (kind === 'CronJob') {
    body = `spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n${indentBy(10)}\n`
  } else {
    const extra = kind === 'Job' ? '      restartPolicy: Never\n' : ''
    body = `spec:\n  replicas: ${1 + (i % 5)}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${extra}${indentBy(6)}\n`
  }
  const service =
    rnd() < 0.4
      ? `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - port: 80\n      targetPort: 8080\n`
      : ''
  return `# generated manifest ${i}\n${head}${body}${service}`
}

function composeFile(i: number, rnd: () => number, pick: Pick): string {
  const lines = [`# generated compose file ${i}`, 'services:']
  const volumes: string[] = []
  const n = 1 + Math.floor(rnd() * 5)
  for (let s = 0; s < n; s++) {
    lines.push(
      `  svc${s}:`,
      `    image: ${pick(['nginx:1.27', 'postgres:16', 'redis:7', 'registry.example.com/app:1.2', 'busybox'])}`,
    )
    if (rnd() < 0.6) lines.push('    ports:', `      - "${8000 + s}:80"`)
    if (rnd() < 0.5) lines.push('    environment:', '      LOG_LEVEL: info', `      INDEX: "${s}"`)
    if (rnd() < 0.4) {
      const socket = rnd() < 0.2
      lines.push(
        '    volumes:',
        socket ? '      - /var/run/docker.sock:/var/run/docker.sock' : `      - data${s}:/data`,
      )
      if (!socket) volumes.push(`  data${s}: {}`)
    }
    if (rnd() < 0.1) lines.push('    privileged: true')
    if (rnd() < 0.3)
      lines.push('    cap_drop: [ALL]', '    security_opt: ["no-new-privileges:true"]', '    read_only: true')
    if (rnd() < 0.3)
      lines.push('    deploy:', '      resources:', '        limits: {cpus: "0.5", memory: 256M}')
    if (rnd() < 0.2) lines.push('    restart: unless-stopped')
  }
  if (volumes.length) lines.push('volumes:', ...volumes)
  return `${lines.join('\n')}\n`
}

/** Writes the corpus: Kubernetes manifests and compose files in directories of 100. */
export function generateCorpus(dir: string): { files: number } {
  const rnd = random(42)
  const pick: Pick = (xs) => xs[Math.floor(rnd() * xs.length)] as (typeof xs)[number]
  for (let i = 0; i < K8S_FILES; i++) {
    const sub = join(dir, 'k8s', `d${Math.floor(i / PER_DIR)}`)
    if (i % PER_DIR === 0) mkdirSync(sub, { recursive: true })
    writeFileSync(join(sub, `m${i}.yaml`), manifest(i, rnd, pick))
  }
  for (let i = 0; i < COMPOSE_FILES; i++) {
    const sub = join(dir, 'compose', `d${Math.floor(i / PER_DIR)}`)
    if (i % PER_DIR === 0) mkdirSync(sub, { recursive: true })
    writeFileSync(join(sub, `stack-${i}.yml`), composeFile(i, rnd, pick))
  }
  return { files: K8S_FILES + COMPOSE_FILES }
}

/** Wall time and this process's CPU time (less sensitive to other load on the machine). */
interface Took {
  ms: number
  cpuMs: number
}

function cpuNow(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

function timed<T>(fn: () => T): Took & { value: T } {
  const t0 = performance.now()
  const c0 = cpuNow()
  const value = fn()
  return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, value }
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<Took & { value: T }> {
  const t0 = performance.now()
  const c0 = cpuNow()
  const value = await fn()
  return { ms: performance.now() - t0, cpuMs: cpuNow() - c0, value }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-scan-'))
  try {
    const gen = timed(() => generateCorpus(dir))
    const files = discoverFiles([{ path: dir, isDirectory: true }], createPathFilter(dir))
    process.stdout.write(
      `corpus: ${gen.value.files} files (${K8S_FILES} Kubernetes, ${COMPOSE_FILES} compose) in ${(gen.ms / 1000).toFixed(1)} s\n`,
    )
    // The floor: read every file and parse every YAML document (the AST with ranges every scanner needs).
    const floor = () => {
      let docs = 0
      for (const f of files) docs += parseAllDocuments(readFileSync(f, 'utf8')).length
      return docs
    }
    const policy = scanPolicy({ profile: 'restricted' })
    const adapters = defaultScanAdapters()
    const full = async () => {
      const report = await scan({ paths: [dir], policy, adapters })
      return { report, json: renderJson(report).length }
    }
    floor()
    await full()
    const inf = Number.POSITIVE_INFINITY
    const best = { floor: { ms: inf, cpuMs: inf }, scan: { ms: inf, cpuMs: inf } }
    let last: Awaited<ReturnType<typeof full>> | undefined
    for (let i = 0; i < 3; i++) {
      const f = timed(floor)
      const s = await timedAsync(full)
      last = s.value
      best.floor = { ms: Math.min(best.floor.ms, f.ms), cpuMs: Math.min(best.floor.cpuMs, f.cpuMs) }
      best.scan = { ms: Math.min(best.scan.ms, s.ms), cpuMs: Math.min(best.scan.cpuMs, s.cpuMs) }
    }
    const r = last?.report
    const sum = r?.summary
    const sec = (t: Took) => `${(t.ms / 1000).toFixed(2)} s wall, ${(t.cpuMs / 1000).toFixed(2)} s CPU`
    process.stdout.write(
      [
        `YAML parse (floor):          ${sec(best.floor)}`,
        `scan + rules + JSON report:  ${sec(best.scan)}  (${sum?.workloads} workloads, ${r?.findings.length} findings, ${((last?.json ?? 0) / 1e6).toFixed(1)} MB JSON)`,
        `ratio:                       ${(best.scan.cpuMs / best.floor.cpuMs).toFixed(2)}× the parse time in CPU time, ${(best.scan.ms / best.floor.ms).toFixed(2)}× in wall time (target ≤ 2×)`,
        '',
      ].join('\n'),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
