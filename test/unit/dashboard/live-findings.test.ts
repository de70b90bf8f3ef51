import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { feedItemFromAudit } from '../../../src/dashboard/feed-items.js'
import { decideExchange } from '../../../src/enforce/proxy/decide-pass.js'
import { exchangeSummary } from '../../../src/enforce/proxy/exchange-summary.js'
import { classifyRequest } from '../../../src/engine-api/classify.js'
import { interpretRequest } from '../../../src/engine-api/interpret/index.js'
import type { Finding } from '../../../src/model/finding.js'
import { SUMMARY_FINDINGS_MAX, summaryFindings } from '../../../src/monitor/decision-summary.js'
import { builtinPolicy } from '../../../src/policy/profiles.js'
import { stubExchange } from '../proxy/fixtures.js'
import { ADMIN_TOKEN, bearer, dashboard, record } from './fixtures.js'

/** A privileged create decided as the proxy decides it. */
function privilegedCreate() {
  const target = '/v1.41/containers/create'
  const body = Buffer.from(
    JSON.stringify({ Image: 'busybox', Cmd: ['id'], HostConfig: { Privileged: true } }),
  )
  const headers = { 'content-type': 'application/json', host: 'docker' }
  const ex = stubExchange({
    method: 'POST',
    target,
    body,
    rawHeaders: ['Host', 'docker', 'Content-Type', 'application/json'],
  })
  ex.interpretation = interpretRequest({ req: classifyRequest('POST', target), body, headers })
  ex.action = ex.interpretation.action
  assert.throws(() => decideExchange(ex, builtinPolicy('baseline')))
  return ex
}

function finding(
  ruleId: string,
  result: 'fail' | 'warn',
  message: string,
  over: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: ruleId,
    severity: 'low',
    result,
    remediation: 'fix it',
    message,
    path: ['resources', 'memory'],
    ...over,
  }
}

describe('the findings a live call carries', () => {
  it('a denied call says which rule denied it, which only warned, each finding with its message and where', () => {
    const ex = privilegedCreate()
    const s = exchangeSummary(ex, 'deny', ex.decision?.message ?? '')
    const findings = s.findings ?? []
    assert.deepEqual(findings[0], {
      ruleId: 'AL-0001',
      result: 'fail',
      message: 'privileged is true',
      path: 'HostConfig.Privileged',
    })
    const warned = findings.filter((f) => f.result === 'warn').map((f) => f.ruleId)
    assert.ok(warned.includes('AL-0024') && warned.includes('AL-0040'), `warned: ${warned.join(', ')}`)
    assert.ok(findings.every((f) => f.message.length > 0))
    assert.equal(s.findingsOmitted, undefined)
    assert.deepEqual(new Set(findings.map((f) => f.ruleId)), new Set(s.ruleIds))
  })

  it('puts blocking findings first, then waived ones, then warnings, and bounds count and size', () => {
    const many = [
      ...Array.from({ length: 30 }, (_, i) => finding(`AL-9${i}`, 'warn', 'w'.repeat(1000))),
      finding('AL-0002', 'fail', 'waived one', { waivedBy: { kind: 'grant', id: 'g-1', reason: 'r' } }),
      finding('AL-0001', 'fail', 'blocking one', { path: Array.from({ length: 100 }, () => 'segment') }),
    ]
    const { findings = [], findingsOmitted } = summaryFindings(many)
    assert.equal(findings.length, SUMMARY_FINDINGS_MAX)
    assert.equal(findingsOmitted, many.length - SUMMARY_FINDINGS_MAX)
    assert.deepEqual(
      findings.slice(0, 3).map((f) => [f.ruleId, f.result]),
      [
        ['AL-0001', 'fail'],
        ['AL-0002', 'fail'],
        ['AL-90', 'warn'],
      ],
    )
    assert.ok(findings.every((f) => f.message.length <= 300 && f.path.length <= 120))
    assert.equal(findings[0]?.path.length, 120)
    assert.ok(findings[2]?.message.endsWith('…'))
    assert.deepEqual(summaryFindings([]), { findings: [] })
    assert.deepEqual(summaryFindings(undefined), { findings: [] })
  })

  it('a call read back from the log carries its stored findings too', () => {
    const item = feedItemFromAudit({
      ...record(3, {
        ruleIds: ['AL-0001', 'AL-0024'],
        findings: [
          { ruleId: 'AL-0024', result: 'warn', message: 'root file system is writable' },
          { ruleId: 'AL-0001', result: 'fail', message: 'privileged is true' },
          { ruleId: 'AL-0077', result: 'pass', message: 'fine' },
        ],
      }),
      target: '',
      grantIds: [],
      mutations: [],
      bodySha256: '',
      bodyBytes: 0,
      responseBytes: 0,
      upstreamStatus: null,
      extra: {},
      message: 'airlock: denied',
      seq: 3,
      prevHash: '',
      hash: '',
    } as Parameters<typeof feedItemFromAudit>[0])
    assert.deepEqual(item.findings, [
      { ruleId: 'AL-0001', result: 'fail', message: 'privileged is true', path: '' },
      { ruleId: 'AL-0024', result: 'warn', message: 'root file system is writable', path: '' },
    ])
  })

  it('GET /api/events serves the stored findings with each call', async () => {
    const d = dashboard([record(3)])
    try {
      const res = await d.app.request('/api/events', bearer(ADMIN_TOKEN))
      const { items } = (await res.json()) as { items: { findings: unknown }[] }
      assert.deepEqual(items[0]?.findings, [
        { ruleId: 'AL-0001', result: 'fail', message: 'privileged is true', path: '' },
      ])
    } finally {
      d.close()
    }
  })
})
