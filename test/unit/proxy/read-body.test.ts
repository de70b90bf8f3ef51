import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { PassThrough } from 'node:stream'
import { describe, it } from 'node:test'
import { classify } from '../../../src/enforce/proxy/classify-pass.js'
import { incomingBody } from '../../../src/enforce/proxy/incoming-body.js'
import { readBody } from '../../../src/enforce/proxy/read-body.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { stubExchange } from './fixtures.js'

/** A fake IncomingMessage: a stream with headers and `complete`. */
function fakeRequest(headers: Record<string, string>) {
  const s = new PassThrough() as PassThrough & { headers: Record<string, string>; complete: boolean }
  s.headers = headers
  s.complete = false
  s.on('end', () => {
    s.complete = true
  })
  return s
}

const limits = { maxBody: 100, maxJsonBody: 10 }

async function refusalOf(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p
  } catch (err) {
    assert.ok(err instanceof Refusal, String(err))
    return err
  }
  assert.fail('expected a refusal')
}

describe('read-body pass', () => {
  it('buffers a JSON body and hashes it', async () => {
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/volumes/create',
      body: Buffer.from('{"Name":"a"}'),
    })
    classify(ex, '1.41')
    await readBody(ex, { maxBody: 100, maxJsonBody: 100 })
    assert.equal(ex.bodyBuffer?.toString(), '{"Name":"a"}')
    assert.equal(ex.digest.bytes, 12)
    assert.match(ex.digest.hex(), /^[0-9a-f]{64}$/)
  })

  it('refuses a JSON body over the limit with 413 and keeps nothing', async () => {
    const ex = stubExchange({
      method: 'POST',
      target: '/v1.41/volumes/create',
      body: Buffer.from('{"Name":"abcdef"}'),
    })
    classify(ex, '1.41')
    const r = await refusalOf(readBody(ex, limits))
    assert.equal(r.status, 413)
    assert.equal(r.close, true)
    assert.equal(ex.bodyBuffer, undefined)
  })

  it('reads and discards a body sent to a route that reads none, within the JSON limit', async () => {
    const ex = stubExchange({ method: 'POST', target: '/v1.41/containers/x/stop', body: Buffer.from('junk') })
    classify(ex, '1.41')
    await readBody(ex, limits)
    assert.equal(ex.bodyBuffer, undefined)
    assert.equal(ex.digest.bytes, 4)
    const big = stubExchange({ method: 'POST', target: '/v1.41/containers/x/stop', body: Buffer.alloc(11) })
    classify(big, '1.41')
    assert.equal((await refusalOf(readBody(big, limits))).status, 413)
  })

  it('leaves stream bodies unread but refuses a declared length over the stream limit', async () => {
    const ex = stubExchange({ method: 'POST', target: '/v1.41/build', body: Buffer.alloc(50) })
    classify(ex, '1.41')
    await readBody(ex, limits)
    assert.equal(ex.digest.bytes, 0)
    const big = stubExchange({ method: 'POST', target: '/v1.41/build', body: Buffer.alloc(101) })
    classify(big, '1.41')
    assert.equal((await refusalOf(readBody(big, limits))).status, 413)
  })
})

describe('incomingBody', () => {
  it('reads a chunked body as it arrives', async () => {
    const req = fakeRequest({ 'transfer-encoding': 'chunked' })
    const body = incomingBody(req as unknown as IncomingMessage)
    assert.equal(body.empty, false)
    const p = body.read(100)
    req.write('ab')
    req.end('cd')
    assert.equal((await p).toString(), 'abcd')
  })

  it('is empty without Content-Length and Transfer-Encoding', async () => {
    const body = incomingBody(fakeRequest({}) as unknown as IncomingMessage)
    assert.equal(body.empty, true)
    assert.equal((await body.read(10)).length, 0)
  })

  it('refuses at once a declared length over the limit, before reading', async () => {
    const req = fakeRequest({ 'content-length': '1000' })
    assert.equal((await refusalOf(incomingBody(req as unknown as IncomingMessage).read(10))).status, 413)
  })

  it('stops at the limit for chunked bodies that grow past it', async () => {
    const req = fakeRequest({ 'transfer-encoding': 'chunked' })
    const p = incomingBody(req as unknown as IncomingMessage).read(5)
    req.write('abc')
    req.write('def')
    assert.equal((await refusalOf(p)).status, 413)
  })

  it('reports a body the client did not finish as an error, not a denial', async () => {
    const req = fakeRequest({ 'content-length': '10' })
    const p = incomingBody(req as unknown as IncomingMessage).read(100)
    req.write('abc')
    req.destroy()
    const r = await refusalOf(p)
    assert.equal(r.outcome, 'error')
    assert.match(r.message, /after 3 bytes/)
  })
})
