import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkFraming } from '../../../src/enforce/proxy/framing.js'
import { Refusal } from '../../../src/enforce/proxy/refusal.js'
import { stubExchange } from './fixtures.js'

function refusal(rawHeaders: string[], httpVersion = '1.1'): Refusal | undefined {
  try {
    checkFraming(stubExchange({ method: 'POST', target: '/containers/create', rawHeaders, httpVersion }))
    return undefined
  } catch (err) {
    assert.ok(err instanceof Refusal)
    return err
  }
}

describe('framing pass', () => {
  it('accepts an ordinary JSON request and a chunked upload', () => {
    assert.equal(
      refusal(['Host', 'docker', 'Content-Type', 'application/json', 'Content-Length', '2']),
      undefined,
    )
    assert.equal(
      refusal(['Host', 'docker', 'Content-Type', 'application/x-tar', 'Transfer-Encoding', 'chunked']),
      undefined,
    )
    assert.equal(refusal(['Host', 'docker'], '1.0'), undefined)
  })

  it('refuses Content-Length together with Transfer-Encoding (400, connection closed)', () => {
    const r = refusal(['Content-Length', '5', 'Transfer-Encoding', 'chunked'])
    assert.equal(r?.status, 400)
    assert.equal(r?.close, true)
    assert.match(r?.message ?? '', /^airlock: refused: both Content-Length and Transfer-Encoding/)
  })

  it('refuses two Content-Length headers, even equal ones', () => {
    assert.equal(refusal(['Content-Length', '5', 'Content-Length', '5'])?.status, 400)
  })

  it('refuses a Content-Length that is not a number', () => {
    assert.equal(refusal(['Content-Length', '5, 6'])?.status, 400)
    assert.equal(refusal(['Content-Length', '-1'])?.status, 400)
  })

  it('refuses any Transfer-Encoding other than exactly chunked', () => {
    for (const te of ['gzip, chunked', 'identity', 'chunked, chunked', 'x-chunked']) {
      assert.equal(refusal(['Transfer-Encoding', te])?.status, 400, te)
    }
    assert.equal(refusal(['Transfer-Encoding', 'chunked', 'Transfer-Encoding', 'chunked'])?.status, 400)
  })

  it('refuses HTTP versions other than 1.0 and 1.1', () => {
    assert.match(refusal([], '2.0')?.message ?? '', /HTTP version 2\.0/)
    assert.equal(refusal([], '0.9')?.status, 400)
  })

  it('refuses duplicates of the headers dockerd reads once', () => {
    for (const name of ['Content-Type', 'Upgrade', 'X-Registry-Auth', 'X-Registry-Config']) {
      const r = refusal([name, 'a', name.toLowerCase(), 'b'])
      assert.equal(r?.status, 400, name)
      assert.match(r?.message ?? '', /more than once/)
    }
  })

  it('refuses form content types whatever their case and parameters', () => {
    for (const ct of [
      'application/x-www-form-urlencoded',
      'Application/X-WWW-Form-Urlencoded; charset=utf-8',
      ' application/x-www-form-urlencoded ;x=1',
      'multipart/form-data; boundary=x',
      'multipart/mixed',
    ]) {
      const r = refusal(['Content-Type', ct, 'Content-Length', '3'])
      assert.equal(r?.status, 400, ct)
      assert.match(r?.message ?? '', /dockerd would read request parameters from the body/)
    }
  })
})
