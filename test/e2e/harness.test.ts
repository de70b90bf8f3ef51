import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { compose, docker, engineRequest, rawRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { parseHttpResponse } from '../helpers/http-response.js'
import { BUSYBOX_IMAGE, buildImage, ensureBusyboxImage, imageId } from '../helpers/images.js'
import { tempDir } from '../helpers/temp-dir.js'
import { uniqueName } from '../helpers/unique-name.js'

describe('test harness against a real dockerd', () => {
  let daemon: Dockerd
  const scratch = tempDir('harness')
  const work = scratch.path

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
  })
  after(async () => {
    scratch.remove()
    await daemon?.stop()
  })

  it('answers GET /_ping through engineRequest', async () => {
    const res = await engineRequest(daemon.socket, { path: '/_ping' })
    assert.equal(res.status, 200)
    assert.equal(res.text, 'OK')
    assert.match(res.headers['api-version'] ?? '', /^1\.\d+$/)
    assert.equal(
      daemon.shared,
      Boolean(process.env['AIRLOCK_TEST_DOCKER_HOST']),
      'reuses the run-wide daemon',
    )
  })

  it('returns the exact response bytes through rawRequest', async () => {
    const req = 'HEAD /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n'
    const res = (await rawRequest(daemon.socket, Buffer.from(req))).toString('latin1')
    assert.match(res, /^HTTP\/1\.1 200 OK\r\n/)
    assert.ok(res.endsWith('\r\n\r\n'), 'a HEAD response has no body')
  })

  it('sends headers exactly as given, duplicates included', async () => {
    const res = await engineRequest(daemon.socket, {
      path: '/_ping',
      headers: [
        ['Host', 'a'],
        ['Host', 'b'],
      ],
    })
    assert.equal(res.status, 400, 'Go refuses a request with two Host headers')
  })

  it('reads pipelined responses on a keep-alive connection with rawRequest idleMs', async () => {
    const ping = 'GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n'
    const res = (await rawRequest(daemon.socket, ping + ping, { idleMs: 300 })).toString('latin1')
    assert.equal(res.match(/HTTP\/1\.1 200 OK/g)?.length, 2, res)
  })

  it('decodes a chunked response (GET /info is larger than Go buffers)', async () => {
    const res = await engineRequest(daemon.socket, { path: '/v1.41/info' })
    assert.equal(res.status, 200, res.text)
    assert.equal(res.headers['transfer-encoding'], 'chunked')
    const info = JSON.parse(res.text) as { Driver: string; Images: number }
    assert.equal(typeof info.Driver, 'string')
    assert.ok(info.Images >= 1)
  })

  it('imports the busybox image with CMD sh and PATH=/bin', async () => {
    const res = await engineRequest(daemon.socket, { path: `/v1.41/images/${BUSYBOX_IMAGE}/json` })
    assert.equal(res.status, 200, res.text)
    const image = JSON.parse(res.text) as { RepoTags: string[]; Config: { Cmd: string[]; Env: string[] } }
    assert.ok(image.RepoTags.includes(BUSYBOX_IMAGE))
    assert.deepEqual(image.Config.Cmd, ['sh'])
    assert.ok(image.Config.Env.includes('PATH=/bin'))
  })

  it('keeps the busybox image import idempotent', async () => {
    const before = await imageId(daemon.host, BUSYBOX_IMAGE)
    assert.equal(await ensureBusyboxImage(daemon.host), before)
  })

  it('runs `docker run --rm busybox echo hi` with the real CLI', async () => {
    const r = await docker(['run', '--rm', BUSYBOX_IMAGE, 'echo', 'hi'], { host: daemon.host })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, 'hi\n')
  })

  it('passes stdin to the CLI', async () => {
    const r = await docker(['run', '--rm', '-i', BUSYBOX_IMAGE, 'wc', '-c'], {
      host: daemon.host,
      input: 'abcd',
    })
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout.trim(), '4')
  })

  it('builds FROM the busybox image with the classic builder', async () => {
    const dir = join(work, 'build')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo built > /built\n`)
    const tag = `${uniqueName('harness-build')}:1`
    const id = await buildImage(daemon.host, dir, tag)
    assert.match(id, /^sha256:[0-9a-f]{64}$/)
    const r = await docker(['run', '--rm', tag, 'cat', '/built'], { host: daemon.host })
    assert.equal(r.stdout, 'built\n', r.stderr)
    await docker(['rmi', tag], { host: daemon.host })
  })

  it('runs docker-compose 1.29 against the daemon', async () => {
    const version = await compose(['version', '--short'], { host: daemon.host, cwd: work })
    assert.equal(version.code, 0, version.stderr)
    assert.match(version.stdout, /^1\.29\./)
    const file = `services:\n  app:\n    image: ${BUSYBOX_IMAGE}\n    command: ["sleep", "300"]\n`
    writeFileSync(join(work, 'docker-compose.yml'), `version: "3.8"\n${file}`)
    const project = uniqueName('harness')
    const up = await compose(['-p', project, 'up', '-d'], { host: daemon.host, cwd: work })
    assert.equal(up.code, 0, up.stderr)
    const ps = await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`], {
      host: daemon.host,
    })
    assert.equal(ps.stdout.trim().split('\n').length, 1, ps.stdout)
    const down = await compose(['-p', project, 'down', '-t', '0'], { host: daemon.host, cwd: work })
    assert.equal(down.code, 0, down.stderr)
  })

  it('starts and stops a second, private daemon that leaves nothing behind', async () => {
    const second = await startDockerd({ reuse: false })
    try {
      assert.notEqual(second.socket, daemon.socket)
      assert.equal(second.shared, false)
      assert.ok(existsSync(second.dir))
      const ping = await engineRequest(second.socket, { path: '/_ping' })
      assert.equal(ping.text, 'OK')
      const info = JSON.parse((await engineRequest(second.socket, { path: '/info' })).text) as {
        Images: number
      }
      assert.equal(info.Images, 0, 'a new daemon has no images: it does not share the data root')
    } finally {
      await second.stop()
    }
    assert.equal(existsSync(second.dir), false, `${second.dir} still exists`)
    const bridge = second.network?.bridge ?? ''
    assert.notEqual(spawnSync('ip', ['link', 'show', bridge]).status, 0, `bridge ${bridge} still exists`)
    assert.match(second.logTail(200), /Daemon shutdown complete/, 'dockerd shut down cleanly on SIGTERM')
  })
})

describe('parseHttpResponse', () => {
  const parse = (s: string, opts?: { requestMethod?: string; closed?: boolean }) =>
    parseHttpResponse(Buffer.from(s, 'latin1'), opts)

  it('waits for the whole Content-Length body', () => {
    assert.equal(parse('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab'), undefined)
    assert.equal(parse('HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdEXTRA')?.body.toString(), 'abcd')
  })

  it('removes chunked framing and waits for the last chunk', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
    assert.equal(parse(`${head}3\r\nabc\r\n`), undefined)
    assert.equal(parse(`${head}3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n`)?.body.toString(), 'abcde')
  })

  it('skips interim 100 responses and keeps repeated headers in order', () => {
    const res = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: 1\r\nx-a: 2\r\n\r\n')
    assert.equal(res?.status, 204)
    assert.deepEqual(res?.rawHeaders, [
      ['X-A', '1'],
      ['x-a', '2'],
    ])
    assert.equal(res?.headers['x-a'], '1, 2')
  })

  it('reads an unframed body until the connection closes, and no body for HEAD', () => {
    assert.equal(parse('HTTP/1.0 200 OK\r\n\r\nabc'), undefined)
    assert.equal(parse('HTTP/1.0 200 OK\r\n\r\nabc', { closed: true })?.body.toString(), 'abc')
    const head = parse('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n', { requestMethod: 'HEAD' })
    assert.equal(head?.body.length, 0)
  })
})
