import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { bearerToken } from '../../../src/dashboard/auth.js'
import { mountDashboard } from '../../../src/dashboard/mount-dashboard.js'
import { Unauthenticated } from '../../../src/identity/unauthenticated.js'
import { ADMIN_TOKEN, AUDITOR_TOKEN, bearer, DEV_TOKEN, dashboard, writeAsset } from './fixtures.js'

function sessionCookie(res: Response): string {
  const set = res.headers.get('set-cookie') ?? ''
  const m = /airlock_session=([^;]+)/.exec(set)
  assert.ok(m, `no session cookie in ${set}`)
  return `airlock_session=${m[1]}`
}

describe('dashboard auth', () => {
  const d = dashboard()
  after(() => d.close())

  it('serves no data without a principal: 401 for the API, the login page for pages', async () => {
    for (const path of ['/api/events', '/api/grants', '/api/metrics', '/api/events/stream', '/api/nothing']) {
      const res = await d.app.request(path)
      assert.equal(res.status, 401, path)
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="airlock"')
    }
    const page = await d.app.request('/')
    assert.equal(page.status, 302)
    assert.equal(page.headers.get('location'), '/login')
    const revoke = await d.app.request('/api/grants/g-active/revoke', { method: 'POST' })
    assert.equal(revoke.status, 401)
    assert.deepEqual(d.grants.revoked, [])
  })

  it('accepts a bearer token of an admin or an auditor, and refuses any other', async () => {
    assert.equal((await d.app.request('/api/me', bearer(ADMIN_TOKEN))).status, 200)
    assert.deepEqual(await (await d.app.request('/api/me', bearer(AUDITOR_TOKEN))).json(), {
      user: 'ada',
      role: 'auditor',
      admin: false,
    })
    assert.equal((await d.app.request('/api/me', bearer(DEV_TOKEN))).status, 401)
    assert.equal(
      (await d.app.request('/api/me', { headers: { authorization: `Basic ${ADMIN_TOKEN}` } })).status,
      401,
    )
  })

  it('exchanges a token at /login for an HttpOnly, SameSite=Strict session cookie and redirects', async () => {
    const res = await d.app.request(`/login?token=${ADMIN_TOKEN}`)
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/')
    const set = res.headers.get('set-cookie') ?? ''
    assert.match(set, /HttpOnly/)
    assert.match(set, /SameSite=Strict/)
    assert.match(set, /Path=\//)
    assert.doesNotMatch(set, new RegExp(ADMIN_TOKEN), 'the cookie is a session id, not the token')
    const cookie = sessionCookie(res)
    const me = await d.app.request('/api/me', { headers: { cookie } })
    assert.equal(((await me.json()) as { user: string }).user, 'root')
    const page = await d.app.request('/', { headers: { cookie } })
    assert.equal(page.status, 200)
    assert.match(await page.text(), /<script type="module" src="assets\/app.js">/)
  })

  it('the login form posts the token; a wrong one gets the form again with 401', async () => {
    const form = await d.app.request('/login')
    assert.equal(form.status, 200)
    assert.match(await form.text(), /<form method="post" action="login">/)
    const bad = await d.app.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ token: DEV_TOKEN }),
    })
    assert.equal(bad.status, 401)
    assert.match(await bad.text(), /Sign-in refused: that token does not belong to an admin or an auditor\./)
    const wrong = await d.app.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ token: 'alk_not-a-real-token' }),
    })
    assert.equal(wrong.status, 401)
    assert.match(
      await wrong.text(),
      /class="login-error" role="alert">Sign-in refused: the bearer token is not valid \(unknown, revoked or expired\)\./,
    )
    assert.equal(wrong.headers.get('set-cookie'), null)
    assert.equal((await d.app.request('/login?token=alk_not-a-real-token')).status, 401)
    const good = await d.app.request('/login', {
      method: 'POST',
      body: new URLSearchParams({ token: AUDITOR_TOKEN }),
    })
    assert.equal(good.status, 303)
  })

  it('a bad Authorization header is refused even with a good session cookie', async () => {
    const cookie = sessionCookie(await d.app.request(`/login?token=${ADMIN_TOKEN}`))
    const res = await d.app.request('/api/me', { headers: { cookie, authorization: 'Bearer nope' } })
    assert.equal(res.status, 401)
    assert.deepEqual(await res.json(), {
      message: 'airlock: unauthorized: the bearer token is not valid (unknown, revoked or expired)',
    })
    const basic = await d.app.request('/api/me', { headers: { cookie, authorization: 'Basic nope' } })
    assert.match(((await basic.json()) as { message: string }).message, /must be "Bearer <token>"/)
  })

  it('cookie sessions must send the CSRF header to change anything; bearer tokens need not', async () => {
    const cookie = sessionCookie(await d.app.request(`/login?token=${ADMIN_TOKEN}`))
    const forged = await d.app.request('/api/grants/g-active/revoke', { method: 'POST', headers: { cookie } })
    assert.equal(forged.status, 403)
    assert.deepEqual(d.grants.revoked, [])
    const verify = await d.app.request('/api/audit/verify', { method: 'POST', ...bearer(AUDITOR_TOKEN) })
    assert.equal(verify.status, 200)
  })

  it('only admins revoke grants', async () => {
    const res = await d.app.request('/api/grants/g-active/revoke', {
      method: 'POST',
      ...bearer(AUDITOR_TOKEN),
    })
    assert.equal(res.status, 403)
    assert.match(((await res.json()) as { message: string }).message, /ada is not an admin/)
    assert.deepEqual(d.grants.revoked, [])
  })

  it('checks the token behind a session on every use: revoking it ends the session', async () => {
    const cookie = sessionCookie(await d.app.request(`/login?token=${AUDITOR_TOKEN}`))
    assert.equal((await d.app.request('/api/me', { headers: { cookie } })).status, 200)
    const verify = d.deps.auth.verifyToken
    d.deps.auth.verifyToken = (t) => {
      if (t === AUDITOR_TOKEN)
        throw new Unauthenticated('the bearer token is not valid (unknown, revoked or expired)')
      return verify(t)
    }
    try {
      const res = await d.app.request('/api/me', { headers: { cookie } })
      assert.equal(res.status, 401)
      assert.match(
        ((await res.json()) as { message: string }).message,
        /the session ended: the bearer token is not valid/,
      )
      const page = await d.app.request('/', { headers: { cookie } })
      assert.equal(page.status, 302, 'the page sends them to sign in again')
    } finally {
      d.deps.auth.verifyToken = verify
    }
    assert.equal((await d.app.request('/api/me', { headers: { cookie } })).status, 401, 'the session is gone')
  })

  it('a session follows the role behind its token', async () => {
    const cookie = sessionCookie(await d.app.request(`/login?token=${ADMIN_TOKEN}`))
    const verify = d.deps.auth.verifyToken
    d.deps.auth.verifyToken = (t) =>
      t === ADMIN_TOKEN ? { user: 'root', role: 'auditor', admin: false } : verify(t)
    try {
      const res = await d.app.request('/api/grants/g-active/revoke', {
        method: 'POST',
        headers: { cookie, 'x-airlock-csrf': '1' },
      })
      assert.equal(res.status, 403)
      assert.deepEqual(d.grants.revoked, [])
    } finally {
      d.deps.auth.verifyToken = verify
    }
  })

  it('logout ends the session', async () => {
    const cookie = sessionCookie(await d.app.request(`/login?token=${ADMIN_TOKEN}`))
    const out = await d.app.request('/logout', { method: 'POST', headers: { cookie } })
    assert.equal(out.status, 303)
    assert.equal((await d.app.request('/api/me', { headers: { cookie } })).status, 401)
  })

  it('serves the bundle without a session, and nothing outside it', async () => {
    writeAsset(d.assets, 'app.js', 'console.log(1)')
    const js = await d.app.request('/assets/app.js')
    assert.equal(js.status, 200)
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8')
    assert.equal(await js.text(), 'console.log(1)')
    for (const p of ['/assets/..%2Fapp.js', '/assets/missing.js', '/assets/app.exe', '/assets/.env']) {
      assert.equal((await d.app.request(p)).status, 404, p)
    }
  })

  it('sends a strict Content-Security-Policy and no-store on API answers', async () => {
    const res = await d.app.request('/api/me', bearer(ADMIN_TOKEN))
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'self'/)
    assert.match(csp, /script-src 'self'/)
    assert.match(csp, /frame-ancestors 'none'/)
    assert.equal(res.headers.get('cache-control'), 'no-store')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  })

  it('mounted under a base path, redirects and cookies stay under it', async () => {
    const sub = dashboard([], { basePath: '/dashboard' })
    after(() => sub.close())
    const page = await sub.app.request('/')
    assert.equal(page.headers.get('location'), '/dashboard/login')
    const login = await sub.app.request(`/login?token=${ADMIN_TOKEN}`)
    assert.equal(login.headers.get('location'), '/dashboard/')
    assert.match(login.headers.get('set-cookie') ?? '', /Path=\/dashboard\//)
  })

  it('mounted on a host app, serves the page at <prefix>/ and its JSON 404 below it', async () => {
    const sub = dashboard([], { basePath: '/dashboard' })
    after(() => sub.close())
    const root = mountDashboard(sub.app, '/dashboard')
    const anonymous = await root.request('/dashboard/')
    assert.equal(anonymous.status, 302)
    assert.equal(anonymous.headers.get('location'), '/dashboard/login')
    const page = await root.request('/dashboard/', bearer(ADMIN_TOKEN))
    assert.equal(page.status, 200)
    assert.match(await page.text(), /<base href="\/dashboard\/">/)
    assert.equal((await root.request('/dashboard/login')).status, 200)
    assert.equal((await root.request('/dashboard/api/me', bearer(AUDITOR_TOKEN))).status, 200)
    assert.equal((await root.request('/dashboard/api/me')).status, 401)
    const missing = await root.request('/dashboard/api/nothing', bearer(ADMIN_TOKEN))
    assert.equal(missing.status, 404)
    assert.match(((await missing.json()) as { message: string }).message, /no such dashboard route/)
    assert.equal((await root.request('/elsewhere')).status, 404)
  })
})

describe('bearerToken', () => {
  it('reads only `Bearer <token>`', () => {
    assert.equal(bearerToken('Bearer abc'), 'abc')
    assert.equal(bearerToken('bearer  abc '), 'abc')
    assert.equal(bearerToken('Bearer a b'), undefined)
    assert.equal(bearerToken('Basic abc'), undefined)
    assert.equal(bearerToken(undefined), undefined)
  })
})
