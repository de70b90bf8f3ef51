/**
 * Differential tests of container create decoding against the real daemon: every generated body is
 * sent to dockerd directly and the created container inspected; what the daemon applied must equal
 * what Airlock decided on. Airlock's canonical re-encoding, sent to the daemon, must create the same
 * container. Bodies Airlock refuses as ambiguous are safe by construction and are counted, but every
 * body generated without an ambiguity trick must be accepted.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { inspectToSpec } from '../../src/adapters/inspect/inspect-to-spec.js'
import { classifyRequest } from '../../src/engine-api/classify.js'
import { interpretRequest } from '../../src/engine-api/interpret/index.js'
import { AirlockError } from '../../src/errors.js'
import type { ContainerSpec } from '../../src/model/container-spec.js'
import { engineRequest } from '../helpers/docker-cli.js'
import { type Dockerd, startDockerd } from '../helpers/dockerd.js'
import { BUSYBOX_IMAGE, ensureBusyboxImage } from '../helpers/images.js'
import { arbitraryCreateBody, type Json, type Spelled, TRICKY_BODIES } from './create-bodies.js'
import { securityProjection, setDaemonDefaults } from './security-projection.js'

type AirlockView = { refused: string } | { spec: ContainerSpec; canonical: Buffer }

function airlockView(body: Buffer): AirlockView {
  try {
    const req = classifyRequest('POST', '/v1.41/containers/create')
    const interp = interpretRequest({ req, body, headers: { 'content-type': 'application/json' } })
    if (interp.action.kind !== 'container.create' || interp.body.kind !== 'encoded')
      throw new Error('unexpected interpretation')
    return { spec: interp.action.spec, canonical: interp.body.encode([]) }
  } catch (err) {
    if (err instanceof AirlockError) return { refused: err.message }
    throw err
  }
}

describe('differential: container create, Airlock vs dockerd', () => {
  let daemon: Dockerd
  const stats = { sent: 0, compared: 0, refusedByAirlock: 0, rejectedByDaemon: 0 }

  async function daemonView(
    body: Buffer,
  ): Promise<{ status: number; spec?: ContainerSpec; message?: string }> {
    const res = await engineRequest(daemon.socket, {
      method: 'POST',
      path: '/v1.41/containers/create',
      headers: { 'Content-Type': 'application/json' },
      body,
    })
    if (res.status !== 201) return { status: res.status, message: res.text }
    const id = (JSON.parse(res.text) as { Id: string }).Id
    const inspect = await engineRequest(daemon.socket, { path: `/v1.41/containers/${id}/json` })
    await engineRequest(daemon.socket, { method: 'DELETE', path: `/v1.41/containers/${id}?force=1&v=1` })
    return { status: 201, spec: inspectToSpec(inspect.body) }
  }

  async function compare(doc: Spelled): Promise<void> {
    const body = Buffer.from(doc.text)
    stats.sent++
    const a = airlockView(body)
    if ('refused' in a) {
      stats.refusedByAirlock++
      if (process.env['AIRLOCK_DIFF_VERBOSE'])
        process.stderr.write(`refused: ${a.refused} tricks=${doc.tricks}\n`)
      assert.ok(
        doc.tricks.length > 0,
        `Airlock refused a body without ambiguity tricks: ${a.refused}\n${doc.text}`,
      )
      return
    }
    const d = await daemonView(body)
    if (d.status !== 201 || !d.spec) {
      stats.rejectedByDaemon++
      if (process.env['AIRLOCK_DIFF_VERBOSE']) process.stderr.write(`daemon rejected: ${d.message?.trim()}\n`)
      assert.ok(d.status >= 400 && d.status < 500, `daemon failed with ${d.status}: ${d.message}`)
      return
    }
    stats.compared++
    assert.deepEqual(
      securityProjection(a.spec),
      securityProjection(d.spec),
      `Airlock and dockerd disagree on\n${doc.text}`,
    )
    const c = await daemonView(a.canonical)
    assert.equal(c.status, 201, `the canonical body was rejected: ${c.message}\n${a.canonical}`)
    assert.deepEqual(
      securityProjection(c.spec as ContainerSpec),
      securityProjection(d.spec),
      `the canonical body means something else\n${a.canonical}`,
    )
  }

  before(async () => {
    daemon = await startDockerd()
    await ensureBusyboxImage(daemon.host)
    // Learn the daemon's own defaults from an empty create, so they compare equal to "unset".
    const res = await engineRequest(daemon.socket, {
      method: 'POST',
      path: '/v1.41/containers/create',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify({ Image: BUSYBOX_IMAGE, Cmd: ['true'] })),
    })
    const id = (JSON.parse(res.text) as { Id: string }).Id
    const hc = (
      JSON.parse((await engineRequest(daemon.socket, { path: `/v1.41/containers/${id}/json` })).text) as {
        HostConfig: Record<string, unknown>
      }
    ).HostConfig
    await engineRequest(daemon.socket, { method: 'DELETE', path: `/v1.41/containers/${id}?force=1` })
    setDaemonDefaults({
      ipc: String(hc['IpcMode']),
      cgroupns: String(hc['CgroupnsMode']),
      maskedPaths: hc['MaskedPaths'] as string[],
      readonlyPaths: hc['ReadonlyPaths'] as string[],
    })
  })
  after(async () => {
    process.stderr.write(`differential stats: ${JSON.stringify(stats)}\n`)
    await daemon?.stop()
  })

  for (const [name, doc] of Object.entries(TRICKY_BODIES)) {
    it(`agrees on: ${name}`, async () => {
      await compare(doc)
    })
  }

  it('agrees on generated bodies (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryCreateBody(BUSYBOX_IMAGE), async (doc) => compare(doc)),
      {
        numRuns: Number(process.env['AIRLOCK_DIFF_RUNS'] ?? 120),
        seed: Number(process.env['AIRLOCK_DIFF_SEED'] ?? Date.now() % 2 ** 31),
      },
    )
    assert.ok(
      stats.compared > 20,
      `too few bodies were compared against the daemon: ${JSON.stringify(stats)}`,
    )
  })
})

export type { Json }
