#!/usr/bin/env node
// Runs every test of the project, after `npm run build`:
//   1. unit tests (build/test/unit), no daemon;
//   2. integration and e2e tests (build/test/integration, build/test/e2e) against ONE private dockerd
//      started here, shared by all test files through AIRLOCK_TEST_DOCKER_* variables, with the
//      busybox test image imported once; the daemon is stopped at the end, also on failure or ^C.
// Environment:
//   AIRLOCK_TEST_ONLY=unit|e2e      run one phase only (e2e = integration + e2e)
//   AIRLOCK_TEST_CONCURRENCY=n      test files run in parallel in phase 2 (default: max(2, cores))
//   AIRLOCK_TEST_TIMEOUT_MS=ms      per-test timeout (default 120000)
//   AIRLOCK_TEST_DOCKER_HOST=unix://…  use this running daemon instead of starting one
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const build = join(root, 'build', 'test')
const only = process.env.AIRLOCK_TEST_ONLY ?? ''
const timeoutMs = Number(process.env.AIRLOCK_TEST_TIMEOUT_MS ?? 120_000)
const cores = availableParallelism()
const TEST_FILE = /(\.test|[-_]test)\.[cm]?js$/

if (!['', 'unit', 'e2e', 'integration'].includes(only)) {
  console.error(`AIRLOCK_TEST_ONLY must be unit or e2e, not ${JSON.stringify(only)}`)
  process.exit(2)
}
if (!existsSync(build)) {
  console.error('build/test does not exist: run `npm run build` first (npm test does)')
  process.exit(2)
}

/** Test files under `dir`, sorted; helpers and fixtures are never run as tests. */
function testFiles(dir) {
  if (!existsSync(dir)) return []
  const out = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && !['helpers', 'fixtures', 'node_modules'].includes(entry.name)) {
      out.push(...testFiles(path))
    } else if (entry.isFile() && TEST_FILE.test(entry.name)) out.push(path)
  }
  return out.sort()
}

let current
/** Runs `node --test` on `files` with the spec reporter; resolves with its exit code. */
function nodeTest(files, { concurrency, env }) {
  const args = [
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    `--test-timeout=${timeoutMs}`,
    ...files.map((f) => relative(root, f)),
  ]
  return new Promise((resolve) => {
    current = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' })
    current.on('exit', (code, signal) => {
      current = undefined
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

const results = []
let daemon

async function stopDaemon() {
  const d = daemon
  daemon = undefined
  if (d === undefined || d.shared) return
  const started = Date.now()
  try {
    mkdirSync(join(root, 'test-artifacts'), { recursive: true })
    copyFileSync(join(d.dir, 'dockerd.log'), join(root, 'test-artifacts', 'dockerd.log'))
  } catch {
    // the log is a convenience
  }
  await d.stop()
  console.log(`test dockerd stopped in ${seconds(started)} (log: test-artifacts/dockerd.log)`)
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    current?.kill(sig)
    stopDaemon().finally(() => process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1)))
  })
}

async function unitPhase() {
  const files = testFiles(join(build, 'unit'))
  if (files.length === 0) return console.log('no unit tests found')
  const started = Date.now()
  console.log(`\n== unit tests: ${files.length} files ==`)
  const code = await nodeTest(files, { concurrency: cores, env: process.env })
  results.push({ phase: 'unit', code, time: seconds(started) })
}

async function daemonPhase() {
  const files = [...testFiles(join(build, 'integration')), ...testFiles(join(build, 'e2e'))]
  if (files.length === 0) return console.log('no integration or e2e tests found')
  const helpers = (name) => import(pathToFileURL(join(build, 'helpers', name)).href)
  const { startDockerd } = await helpers('dockerd.js')
  const { ensureBusyboxImage } = await helpers('images.js')
  const { sharedDockerdEnv } = await helpers('shared-dockerd.js')
  const { engineRequest } = await helpers('engine-request.js')
  console.log(`\n== integration + e2e tests: ${files.length} files against a real dockerd ==`)
  let started = Date.now()
  try {
    daemon = await startDockerd()
  } catch (e) {
    console.error(`cannot start the test dockerd: ${e.message}`)
    results.push({ phase: 'integration+e2e', code: 1, time: seconds(started) })
    return
  }
  const version = JSON.parse((await engineRequest(daemon.socket, { path: '/version' })).text)
  console.log(
    `dockerd ${version.Version} (API ${version.ApiVersion}) ${daemon.shared ? 'reused' : 'started'} ` +
      `in ${seconds(started)} at ${daemon.host}`,
  )
  started = Date.now()
  await ensureBusyboxImage(daemon.host)
  console.log(`busybox test image ready in ${seconds(started)}`)
  started = Date.now()
  const concurrency = Number(process.env.AIRLOCK_TEST_CONCURRENCY ?? Math.max(2, cores))
  const code = await nodeTest(files, { concurrency, env: { ...process.env, ...sharedDockerdEnv(daemon) } })
  results.push({ phase: 'integration+e2e', code, time: seconds(started) })
  if (code !== 0) console.log(`--- test dockerd log (tail) ---\n${daemon.logTail(30)}\n---`)
}

try {
  if (only === '' || only === 'unit') await unitPhase()
  if (only === '' || only === 'e2e' || only === 'integration') await daemonPhase()
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e)
  results.push({ phase: 'harness', code: 1, time: '-' })
} finally {
  await stopDaemon().catch((e) => {
    console.error(`stopping the test dockerd failed: ${e.message}`)
    results.push({ phase: 'teardown', code: 1, time: '-' })
  })
}

console.log('\n== summary ==')
for (const r of results) console.log(`${r.code === 0 ? 'pass' : 'FAIL'}  ${r.phase.padEnd(16)} ${r.time}`)
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1
