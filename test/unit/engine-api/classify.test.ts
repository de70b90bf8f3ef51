import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { compareApiVersions } from '../../../src/engine-api/api-version.js'
import { classifyRequest, encodeGoPath, UnknownEndpointError } from '../../../src/engine-api/classify.js'
import { parseGoQuery, queryBool, queryGet, queryInt } from '../../../src/engine-api/go-query.js'
import { muxCleanPath, parseRequestTarget } from '../../../src/engine-api/request-target.js'
import { matchRoute, ROUTES } from '../../../src/engine-api/routes.js'
import { AmbiguousRequestError, InputError } from '../../../src/errors.js'

describe('compareApiVersions (moby versions.compare)', () => {
  it('compares numerically, missing and bad parts as 0', () => {
    assert.equal(compareApiVersions('1.9', '1.12'), -1)
    assert.equal(compareApiVersions('1.41.0', '1.41'), 0)
    assert.equal(compareApiVersions('1.040', '1.40'), 0)
    assert.equal(compareApiVersions('1.x', '1.0'), 0)
    assert.equal(compareApiVersions('2', '1.99'), 1)
  })
})

describe('parseRequestTarget', () => {
  it('splits path and query at the first ?', () => {
    assert.deepEqual(parseRequestTarget('/v1.41/containers/json?all=1&a=?b'), {
      path: '/v1.41/containers/json',
      rawQuery: 'all=1&a=?b',
    })
  })
  it('decodes percent-escapes once', () => {
    assert.equal(parseRequestTarget('/containers/%63reate').path, '/containers/create')
    assert.equal(parseRequestTarget('/containers/a%2525').path, '/containers/a%25')
  })
  it('refuses non-origin-form, fragments, controls, bad escapes and non-UTF-8', () => {
    for (const t of [
      'http://x/containers/json',
      '*',
      'containers/json',
      '/a#b',
      '/a b',
      '/a\\b',
      '/a%zz',
      '/a%ff',
      '/a%00b',
    ]) {
      assert.throws(() => parseRequestTarget(t), AmbiguousRequestError, t)
    }
  })
  it('refuses paths dockerd would redirect (unclean, also after decoding)', () => {
    for (const t of [
      '//containers/json',
      '/containers/./json',
      '/containers/x/../json',
      '/containers/x%2F..%2F..%2Fjson',
      '/containers//x/start',
    ]) {
      assert.throws(() => parseRequestTarget(t), /not canonical/, t)
    }
  })
  it('keeps a trailing slash clean like gorilla/mux', () => {
    assert.equal(muxCleanPath('/networks/'), '/networks/')
    assert.equal(parseRequestTarget('/networks/').path, '/networks/')
  })
})

describe('parseGoQuery', () => {
  it('keeps every value in order, first wins for Get', () => {
    const q = parseGoQuery('t=a&t=b&x&y=&z=1+2%20')
    assert.deepEqual(q.get('t'), ['a', 'b'])
    assert.equal(queryGet(q, 't'), 'a')
    assert.equal(queryGet(q, 'x'), '')
    assert.equal(queryGet(q, 'z'), '1 2 ')
  })
  it('refuses semicolons and bad escapes', () => {
    assert.throws(() => parseGoQuery('a=1;networkmode=host'), AmbiguousRequestError)
    assert.throws(() => parseGoQuery('a=%zz&networkmode=host'), AmbiguousRequestError)
  })
  it('reads booleans like httputils.BoolValue', () => {
    for (const v of ['1', 'true', 'yes', 'TRUE', ' x ', 'on'])
      assert.equal(queryBool(parseGoQuery(`b=${encodeURIComponent(v)}`), 'b'), true, v)
    for (const v of ['', '0', 'no', 'false', 'NONE', ' False '])
      assert.equal(queryBool(parseGoQuery(`b=${encodeURIComponent(v)}`), 'b'), false, v)
  })
  it('reads ints like Int64ValueOrZero', () => {
    assert.equal(queryInt(parseGoQuery('m=123'), 'm'), 123)
    assert.equal(queryInt(parseGoQuery('m=1e3'), 'm'), 0)
    assert.equal(queryInt(parseGoQuery('m=-5'), 'm'), -5)
  })
})

describe('routes', () => {
  it('routes every method/path like gorilla/mux, first match wins', () => {
    assert.equal(matchRoute('GET', '/containers/json')?.route.kind, 'container.list')
    assert.equal(matchRoute('GET', '/containers/web/json')?.route.kind, 'container.inspect')
    assert.deepEqual(matchRoute('POST', '/containers/a/b/start')?.vars, { name: 'a/b' })
    assert.equal(matchRoute('GET', '/images/json')?.route.kind, 'image.list')
    assert.equal(matchRoute('GET', '/images/library/busybox:1/json')?.vars['name'], 'library/busybox:1')
    assert.equal(matchRoute('DELETE', '/containers/x/checkpoints/y')?.route.kind, 'container.delete')
    assert.equal(matchRoute('GET', '/networks/')?.route.kind, 'network.list')
    assert.equal(matchRoute('GET', '/networks/n1')?.route.kind, 'network.inspect')
    assert.equal(matchRoute('PUT', '/containers/c/archive')?.route.kind, 'archive.put')
    assert.equal(matchRoute('HEAD', '/containers/c/archive')?.route.kind, 'archive.stat')
  })
  it('has no route for debug endpoints, OPTIONS or unknown paths', () => {
    for (const [m, p] of [
      ['GET', '/debug/pprof/'],
      ['GET', '/pprof/profile'],
      ['GET', '/vars'],
      ['OPTIONS', '/containers/json'],
      ['POST', '/containers/x/copy'],
      ['GET', '/containers'],
      ['PATCH', '/containers/x/update'],
    ] as const) {
      assert.equal(matchRoute(m, p), undefined, `${m} ${p}`)
    }
  })
  it('every route pattern is unique per method', () => {
    const seen = new Set<string>()
    for (const r of ROUTES) {
      const k = `${r.method} ${r.pattern}`
      assert.ok(!seen.has(k), k)
      seen.add(k)
    }
  })
})

describe('classifyRequest', () => {
  it('classifies versioned and unversioned paths', () => {
    const c = classifyRequest('POST', '/v1.41/containers/create?name=web')
    assert.equal(c.route.kind, 'container.create')
    assert.equal(c.pathVersion, '1.41')
    assert.equal(c.version, '1.41')
    assert.equal(queryGet(c.query, 'name'), 'web')
    const u = classifyRequest('GET', '/containers/json', { defaultVersion: '1.43' })
    assert.equal(u.pathVersion, undefined)
    assert.equal(u.version, '1.43')
  })
  it('applies the version bounds dockerd applies', () => {
    assert.throws(() => classifyRequest('GET', '/v1.11/containers/json'), /too old/)
    assert.throws(() => classifyRequest('GET', '/v9.0/containers/json'), /newer than Airlock knows/)
    assert.throws(() => classifyRequest('POST', '/v1.24/containers/prune'), UnknownEndpointError)
    assert.equal(classifyRequest('POST', '/v1.25/containers/prune').route.kind, 'container.prune')
  })
  it('denies what it cannot classify', () => {
    assert.throws(() => classifyRequest('GET', '/v1.41/nope'), UnknownEndpointError)
    assert.throws(() => classifyRequest('GET', '/v1.41/containers/json;x'), UnknownEndpointError)
    assert.ok(new UnknownEndpointError('GET', '/x') instanceof InputError)
  })
  it('sees through percent-encoding of the path, and forwards a canonical target', () => {
    const c = classifyRequest('POST', '/v1.41/%63ontainers/%63reate?name=a%20b')
    assert.equal(c.route.kind, 'container.create')
    assert.equal(c.forwardTarget, '/v1.41/containers/create?name=a%20b')
    const s = classifyRequest('POST', '/v1.41/containers/a%2Fb/start')
    assert.equal(s.vars['name'], 'a/b')
    assert.equal(s.forwardTarget, '/v1.41/containers/a/b/start')
  })
  it('forwarded targets classify to the same route and vars (property)', () => {
    const seg = fc.stringMatching(/^[A-Za-z0-9_.:@%+ -]{1,12}$/).filter((s) => s !== '.' && s !== '..')
    fc.assert(
      fc.property(seg, fc.constantFrom('start', 'json', 'logs', 'exec', 'archive'), (name, op) => {
        let first: ReturnType<typeof classifyRequest>
        try {
          first = classifyRequest(
            op === 'json' || op === 'logs' ? 'GET' : op === 'archive' ? 'PUT' : 'POST',
            `/v1.41/containers/${encodeURIComponent(name)}/${op}`,
          )
        } catch {
          return
        }
        const again = classifyRequest(first.method, first.forwardTarget)
        assert.equal(again.route, first.route)
        assert.deepEqual(again.vars, first.vars)
      }),
    )
  })
  it('encodes paths so they decode back', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = `/${s.replace(/[\u0000-\u001f\u007f\\#]/g, '')}`
        assert.equal(decodeURIComponent(encodeGoPath(p)), p)
      }),
    )
  })
})
