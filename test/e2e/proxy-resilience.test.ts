import assert from 'node:assert/strict'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { docker, engineRequest, rawRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { type RelayHop, relayHop } from '../helpers/relay-hop.js'
import { runProcess } from '../helpers/run-process.js'
import { uniqueName } from '../helpers/unique-name.js'

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url))

/** `airlock proxy` as a child process, with what it printed. */
interface ProxyProcess {
  child: ChildProcessWithoutNullStreams
  socket: string
  host: string
  stderr: () => string
  exited: Promise<number | null>
}

async function startProxyProcess(args: string[], socket: string): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [CLI, 'proxy', '--listen', `unix://${socket}`, ...args])
  let out = ''
  let err = ''
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not start: ${out}\n${err}`)), 20_000)
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString()
      if (out.includes('\n')) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then((code) => reject(new Error(`proxy exited with ${code}: ${err}`)))
  })
  assert.equal(out, `export DOCKER_HOST=unix://${socket}\n`)
  return { child, socket, host: `unix://${socket}`, stderr: () => err, exited }
}

const ping = async (socket: string) => (await engineRequest(socket, { path: '/_ping' })).text

describe('airlock proxy: framing, resilience and signals', () => {
  let daemon: Dockerd
  let work: string
  let proxy: ProxyProcess
  let hop: RelayHop
  const policy = () => join(work, 'policy.yaml')

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    work = mkdtempSync(join(tmpdir(), 'airlock-proxy-resilience-'))
    hop = await relayHop(join(work, 'hop.sock'), daemon.socket)
    writeFileSync(policy(), 'profile: baseline\n')
    proxy = await startProxyProcess(
      [
        '--upstream',
        hop.url,
        '--data',
        join(work, 'data'),
        '--policy',
        policy(),
        '--max-json-body',
        '16k',
        '--log-level',
        'info',
      ],
      join(work, 'proxy.sock'),
    )
  })
  after(async () => {
    if (proxy && proxy.child.exitCode === null) proxy.child.kill('SIGKILL')
    await hop?.down()
    rmSync(work, { recursive: true, force: true })
    await daemon?.stop()
  })

  const RAW: [string, string, RegExp][] = [
    [
      'Content-Length with Transfer-Encoding',
      'POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      /^HTTP\/1\.1 400 /,
    ],
    [
      'two Content-Length headers',
      'POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
      /^HTTP\/1\.1 400 /,
    ],
    [
      'a form-encoded create',
      'POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 13\r\nConnection: close\r\n\r\nImage=busybox',
      /^HTTP\/1\.1 400 [\s\S]*dockerd would read request parameters from the body/,
    ],
    [
      'a path with /../',
      'GET /v1.41/containers/../info HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n',
      /^HTTP\/1\.1 400 [\s\S]*not canonical/,
    ],
    [
      'an unknown path',
      'GET /v1.41/debug/pprof/heap HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n',
      /^HTTP\/1\.1 403 [\s\S]*airlock: denied: cannot classify/,
    ],
    [
      'a JSON body over the limit',
      `POST /v1.41/volumes/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n{"Name":"${'a'.repeat(19988)}"}`,
      /^HTTP\/1\.1 413 [\s\S]*larger than the limit of 16384 bytes/,
    ],
  ]
  for (const [what, bytes, expected] of RAW) {
    it(`refuses ${what} with Docker's JSON error and keeps serving`, async () => {
      const res = (await rawRequest(proxy.socket, bytes, { idleMs: 1000 })).toString('latin1')
      assert.match(res, expected)
      assert.match(res, /Content-Type: application\/json/i)
      assert.match(res, /\{"message":"airlock: /)
      assert.equal(await ping(proxy.socket), 'OK')
    })
  }

  it('keeps serving after a client disconnects in the middle of a body', async () => {
    const s = net.createConnection({ path: proxy.socket })
    await new Promise((r) => s.once('connect', r))
    s.write(
      'POST /v1.41/containers/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"Image":',
    )
    await sleep(100)
    s.destroy()
    await sleep(100)
    assert.equal(await ping(proxy.socket), 'OK')
  })

  it('keeps serving after the daemon connection is cut in the middle of a stream', async () => {
    const name = uniqueName('proxy-cut')
    const r = await docker(
      ['run', '-d', '--name', name, BUSYBOX_IMAGE, 'sh', '-c', 'while true; do echo tick; sleep 0.1; done'],
      {
        host: proxy.host,
      },
    )
    assert.equal(r.code, 0, r.stderr)
    try {
      const streaming = rawRequest(
        proxy.socket,
        `GET /v1.41/containers/${name}/logs?follow=1&stdout=1 HTTP/1.1\r\nHost: d\r\n\r\n`,
        {
          timeoutMs: 10_000,
        },
      )
      await sleep(800)
      hop.cutAll()
      const got = (await streaming).toString('latin1')
      assert.match(got, /^HTTP\/1\.1 200 OK/)
      assert.match(got, /tick/)
      assert.equal(await ping(proxy.socket), 'OK')
      const again = await docker(['ps', '-q', '--filter', `name=${name}`], { host: proxy.host })
      assert.equal(again.code, 0, again.stderr)
      assert.notEqual(again.stdout.trim(), '')
    } finally {
      await docker(['rm', '-f', name], { host: daemon.host })
    }
  })

  it('reloads the policy on SIGHUP, keeping the old one when the new one is invalid', async () => {
    const before = await docker(['create', '--net', 'host', BUSYBOX_IMAGE, 'true'], { host: proxy.host })
    assert.notEqual(before.code, 0)
    assert.match(before.stderr, /no-host-network/)
    writeFileSync(policy(), 'profile: baseline\nrules:\n  AL-9999: off\n')
    proxy.child.kill('SIGHUP')
    await sleep(500)
    assert.match(proxy.stderr(), /policy reload failed; the previous policy stays in force/)
    const still = await docker(['create', '--net', 'host', BUSYBOX_IMAGE, 'true'], { host: proxy.host })
    assert.notEqual(still.code, 0, 'the old policy is still in force')
    writeFileSync(policy(), 'profile: baseline\nrules:\n  no-host-network: off\n')
    proxy.child.kill('SIGHUP')
    await sleep(500)
    assert.match(proxy.stderr(), /"msg":"policy reloaded"/)
    const after = await docker(['create', '--net', 'host', BUSYBOX_IMAGE, 'true'], { host: proxy.host })
    assert.equal(after.code, 0, after.stderr)
    await docker(['rm', after.stdout.trim()], { host: daemon.host })
  })

  it('drains on SIGTERM, exits 0, and leaves an intact audit log', async () => {
    const events = rawRequest(proxy.socket, 'GET /v1.41/events HTTP/1.1\r\nHost: d\r\n\r\n', {
      timeoutMs: 30_000,
    })
    await sleep(300)
    const t0 = Date.now()
    proxy.child.kill('SIGTERM')
    assert.equal(await proxy.exited, 0)
    assert.ok(Date.now() - t0 < 15_000, 'bounded drain')
    assert.match((await events).toString('latin1'), /^HTTP\/1\.1 200 OK/)
    const verify = await runProcess(process.execPath, [CLI, 'audit', 'verify', '--data', join(work, 'data')])
    assert.equal(verify.code, 0, verify.stderr)
  })
})
