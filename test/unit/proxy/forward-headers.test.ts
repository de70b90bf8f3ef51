import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { forwardRequestHeaders, forwardResponseHeaders } from '../../../src/enforce/proxy/forward-headers.js'

describe('forward headers', () => {
  it('drops hop-by-hop, framing, credential and Host headers and sets Host: docker', () => {
    const out = forwardRequestHeaders([
      'Host',
      'evil.example',
      'Connection',
      'keep-alive, X-Secret',
      'Keep-Alive',
      'timeout=5',
      'Proxy-Authorization',
      'Basic x',
      'Proxy-Foo',
      'y',
      'TE',
      'trailers',
      'Trailer',
      'X-T',
      'Transfer-Encoding',
      'chunked',
      'Upgrade',
      'tcp',
      'Content-Length',
      '10',
      'Expect',
      '100-continue',
      'Authorization',
      'Bearer t',
      'Cookie',
      'a=b',
      'X-Secret',
      'named by Connection',
      'User-Agent',
      'Docker-Client/20.10',
      'X-Registry-Auth',
      'e30=',
      'Content-Type',
      'application/json',
    ])
    assert.deepEqual(out, [
      'Host',
      'docker',
      'User-Agent',
      'Docker-Client/20.10',
      'X-Registry-Auth',
      'e30=',
      'Content-Type',
      'application/json',
    ])
  })

  it('keeps the client order and names as sent', () => {
    assert.deepEqual(forwardRequestHeaders(['x-b', '2', 'X-A', '1']), [
      'Host',
      'docker',
      'x-b',
      '2',
      'X-A',
      '1',
    ])
  })

  it('drops hop-by-hop response headers but keeps Content-Length and Docker headers', () => {
    const out = forwardResponseHeaders([
      'Api-Version',
      '1.41',
      'Content-Length',
      '2',
      'Connection',
      'close',
      'Transfer-Encoding',
      'chunked',
      'Docker-Experimental',
      'false',
      'Upgrade',
      'tcp',
    ])
    assert.deepEqual(out, ['Api-Version', '1.41', 'Content-Length', '2', 'Docker-Experimental', 'false'])
  })
})
