/**
 * Decisions per second for a typical `docker run` create body, decoding included, as a ratio to
 * JSON.parse of the same body (the floor for reading it at all). Target: ≥ 100,000 decisions/s.
 */
import { performance } from 'node:perf_hooks'
import { classifyRequest } from '../src/engine-api/classify.js'
import { interpretRequest } from '../src/engine-api/interpret/index.js'
import { decide } from '../src/policy/decide.js'
import { builtinPolicy } from '../src/policy/profiles.js'
import { DOCKER_CLI_CREATE_BODY } from './go-json.js'

const HEADERS = { 'content-type': 'application/json' }

function perSecond(fn: () => void, ms: number): number {
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) {
    for (let i = 0; i < 200; i++) fn()
    n += 200
  }
  return (n / ms) * 1000
}

export async function run(): Promise<void> {
  const body = Buffer.from(DOCKER_CLI_CREATE_BODY)
  const policy = builtinPolicy('baseline')
  const full = () => {
    const req = classifyRequest('POST', '/v1.41/containers/create?name=web')
    const interp = interpretRequest({ req, body, headers: HEADERS })
    const d = decide(interp.action, policy)
    if (interp.body.kind === 'encoded') interp.body.encode(d.mutations)
  }
  const decideOnly = (() => {
    const interp = interpretRequest({
      req: classifyRequest('POST', '/v1.41/containers/create'),
      body,
      headers: HEADERS,
    })
    return () => decide(interp.action, policy)
  })()
  const parse = () => JSON.parse(body.toString('utf8'))
  for (const f of [full, decideOnly, parse]) perSecond(f, 300)
  const rounds = 5
  const r = { full: 0, decide: 0, parse: 0 }
  for (let i = 0; i < rounds; i++) {
    r.full = Math.max(r.full, perSecond(full, 400))
    r.decide = Math.max(r.decide, perSecond(decideOnly, 400))
    r.parse = Math.max(r.parse, perSecond(parse, 400))
  }
  const row = (name: string, ops: number) =>
    `${name.padEnd(48)} ${Math.round(ops).toString().padStart(9)}/s ${(1e6 / ops).toFixed(1).padStart(7)} µs  ${(r.parse / ops).toFixed(2)}x JSON.parse`
  process.stdout.write(
    `decisions on a ${body.length}-byte docker CLI create body (best of ${rounds}, one core)\n`,
  )
  process.stdout.write(`${row('JSON.parse (floor)', r.parse)}\n`)
  process.stdout.write(`${row('classify + decode + decide + re-encode', r.full)}\n`)
  process.stdout.write(`${row('decide() alone', r.decide)}\n`)
  process.stdout.write(`target ≥ 100000 decisions/s: ${r.full >= 100000 ? 'met' : 'NOT met'}\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
