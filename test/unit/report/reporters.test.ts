import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'
import type { Log } from 'sarif'
import { REPORT_FORMATS, renderReport } from '../../../src/report/render-report.js'
import { reportRules } from '../../../src/report/rule-info.js'
import { ScanReport, scanReportJsonSchema } from '../../../src/report/scan-report.js'

const here = (rel: string) => fileURLToPath(new URL(`../../../../${rel}`, import.meta.url))
const REPORT = ScanReport.parse(JSON.parse(readFileSync(here('test/fixtures/scan/report.json'), 'utf8')))
const UPDATE = process.env['AIRLOCK_UPDATE_GOLDEN'] === '1'
const GOLDEN: Record<(typeof REPORT_FORMATS)[number], string> = {
  table: 'test/fixtures/scan/golden/report.txt',
  json: 'test/fixtures/scan/golden/report.json',
  sarif: 'test/fixtures/scan/golden/report.sarif',
  junit: 'test/fixtures/scan/golden/report.junit.xml',
}

/** Compares with the golden file; AIRLOCK_UPDATE_GOLDEN=1 rewrites it (review the diff). */
function golden(rel: string, actual: string): void {
  const path = here(rel)
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
  }
  assert.equal(
    actual,
    readFileSync(path, 'utf8'),
    `${rel} differs; run with AIRLOCK_UPDATE_GOLDEN=1 and review the diff`,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: ajv's constructor typing under NodeNext
const Ajv = Ajv2020 as unknown as new (opts: object) => any

describe('reporters (golden files)', () => {
  for (const format of REPORT_FORMATS) {
    it(`${format} matches ${GOLDEN[format]}`, () => {
      golden(GOLDEN[format], renderReport(format, REPORT, { color: false }))
    })
  }
})

describe('table', () => {
  const plain = renderReport('table', REPORT, { color: false })
  it('groups findings under one heading per file, in report order', () => {
    const headings = plain
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith(' ') && !/^(PASSED|FAILED|not scanned:)/.test(l))
    assert.deepEqual(headings, [...new Set(REPORT.findings.map((f) => f.file))])
  })
  it('marks suppressed findings with their reason and ends with the verdict', () => {
    assert.match(
      plain,
      /suppressed {2}critical {2}AL-0001 no-privileged +service agent: privileged is true\n +↳ inline compose\.yaml:10: needs raw device access/,
    )
    assert.match(
      plain,
      /\nFAILED 9 fail, 11 warn, 3 error, 4 suppressed — 9 sources, 10 workloads, 1 skipped \(profile baseline, fail on fail\)\n$/,
    )
  })
  it('lists what it did not scan, and why', () => {
    assert.match(plain, /\nnot scanned:\n {2}chart\/templates\/deployment\.yaml: a Helm or Go template/)
  })
  it('is plain without colour and coloured with it', () => {
    assert.doesNotMatch(plain, /\u001b\[/)
    const color = renderReport('table', REPORT, { color: true })
    assert.match(color, /\u001b\[31mfail/)
    assert.equal(color.replace(/\u001b\[[0-9;]*m/g, ''), plain)
  })
})

describe('json', () => {
  const out = JSON.parse(renderReport('json', REPORT, { color: false })) as Record<string, unknown>
  it('is valid against schema/scan-report.schema.json and the zod schema', () => {
    const schema = JSON.parse(readFileSync(here('schema/scan-report.schema.json'), 'utf8'))
    const validate = new Ajv({ strict: false }).compile(schema)
    assert.ok(validate(out), JSON.stringify(validate.errors))
    assert.deepEqual(ScanReport.parse(out), {
      ...REPORT,
      $schema: 'https://airlock.dev/schema/scan-report.schema.json',
    })
  })
  it('rejects a report the schema does not describe', () => {
    const schema = JSON.parse(readFileSync(here('schema/scan-report.schema.json'), 'utf8'))
    const validate = new Ajv({ strict: false }).compile(schema)
    assert.equal(validate({ ...out, version: '2.0' }), false)
    assert.equal(validate({ ...out, findings: [{ ruleId: 'AL-0001' }] }), false)
  })
  it('has its JSON Schema checked in, generated from the zod schema', () => {
    golden('schema/scan-report.schema.json', `${JSON.stringify(scanReportJsonSchema(), null, 2)}\n`)
  })
})

describe('sarif', () => {
  const log = JSON.parse(renderReport('sarif', REPORT, { color: false })) as Log
  const run = log.runs[0]!
  const rules = run.tool.driver.rules ?? []

  it('is valid SARIF 2.1.0 (the official schema)', () => {
    const schema = JSON.parse(readFileSync(here('test/fixtures/sarif/sarif-2.1.0.schema.json'), 'utf8'))
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema)
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2))
    assert.equal(log.version, '2.1.0')
  })

  it('describes each rule once, with help, CIS/PSS tags and security-severity (a docs link only with AIRLOCK_DOCS_URL)', () => {
    assert.deepEqual(
      rules.map((r) => r.id),
      [...new Set(REPORT.findings.map((f) => f.ruleId))],
    )
    const priv = rules.find((r) => r.id === 'AL-0001')!
    assert.equal(priv.name, 'no-privileged')
    assert.equal(priv.shortDescription?.text, 'Containers must not run privileged')
    assert.match(priv.help?.markdown ?? '', /\*\*How to fix:\*\* Remove --privileged/)
    // No AIRLOCK_DOCS_URL in the test environment: no link to a site that may not exist, the help is inline.
    assert.equal(priv.helpUri, undefined)
    assert.deepEqual(priv.properties?.['tags'], ['security', 'CIS-5.5', 'PSS-baseline/privileged'])
    assert.equal(priv.properties?.['security-severity'], '9.5')
    const socket = rules.find((r) => r.id === 'AL-0205')!
    assert.deepEqual(socket.properties?.['tags'], [
      'security',
      'CIS-3.15',
      'CIS-3.16',
      'CIS-3.23',
      'CIS-3.24',
    ])
    assert.equal(rules.find((r) => r.id === 'scan/parse-error')?.helpUri, undefined)
  })

  it('gives every result its rule index, level, and a location relative to the scan root', () => {
    assert.equal(run.results?.length, REPORT.findings.length)
    assert.equal(run.originalUriBaseIds?.['ROOT']?.uri, 'file:///repo/')
    run.results?.forEach((r, i) => {
      const f = REPORT.findings[i]!
      assert.equal(rules[r.ruleIndex ?? -1]?.id, r.ruleId)
      const loc = r.locations?.[0]?.physicalLocation
      if (f.file.includes('://')) assert.equal(loc?.artifactLocation?.uri, f.file)
      else if (f.file.startsWith('/')) assert.equal(loc?.artifactLocation?.uri, `file://${f.file}`)
      else {
        assert.equal(loc?.artifactLocation?.uri, f.file)
        assert.equal(loc?.artifactLocation?.uriBaseId, 'ROOT')
      }
      assert.equal(loc?.region?.startLine, f.line)
      const level =
        f.result === 'error'
          ? 'error'
          : f.severity === 'info'
            ? 'note'
            : f.result === 'fail'
              ? 'error'
              : 'warning'
      assert.equal(r.level, level)
      assert.equal(Boolean(r.suppressions), Boolean(f.suppression))
    })
  })

  it('records suppressions as in-source or external, with the justification', () => {
    const kinds = run.results
      ?.filter((r) => r.suppressions)
      .map((r) => [r.ruleId, r.suppressions?.[0]?.kind, r.suppressions?.[0]?.justification])
    assert.deepEqual(kinds, [
      ['AL-0023', 'inSource', 'the agent execs setuid probes'],
      ['AL-0001', 'inSource', 'needs raw device access; tracked in OPS-1234'],
      ['AL-0002', 'external', 'the api pods run on dedicated nodes'],
      ['AL-0002', 'external', 'the api pods run on dedicated nodes'],
    ])
  })

  it('gives findings stable fingerprints that do not depend on the line', () => {
    const moved = {
      ...REPORT,
      findings: REPORT.findings.map((f) => ({ ...f, ...(f.line && { line: f.line + 3 }) })),
    }
    const again = JSON.parse(renderReport('sarif', moved, { color: false })) as Log
    assert.deepEqual(
      again.runs[0]?.results?.map((r) => r.partialFingerprints),
      run.results?.map((r) => r.partialFingerprints),
    )
    const prints = new Set(run.results?.map((r) => r.partialFingerprints?.['airlockFinding/v1']))
    assert.equal(prints.size, run.results?.length)
  })

  it('uses only rules the catalogue knows', () => {
    const known = reportRules()
    for (const r of rules) assert.ok(known.has(r.id), r.id)
  })
})

describe('junit', () => {
  const xml = renderReport('junit', REPORT, { color: false })
  const count = (re: RegExp) => (xml.match(re) ?? []).length
  it('has a testsuite per file and balanced elements', () => {
    const files = new Set([
      ...REPORT.sources.filter((s) => s.status !== 'skipped').map((s) => s.file),
      ...REPORT.findings.map((f) => f.file),
    ])
    assert.equal(count(/<testsuite /g), files.size)
    assert.equal(count(/<testsuite /g), count(/<\/testsuite>/g))
    assert.equal(count(/<testcase /g), count(/<testcase [^>]*\/>/g) + count(/<\/testcase>/g))
  })
  it('fails exactly the workload × rule pairs that fail the scan, errors the unreadable, skips the suppressed', () => {
    const failing = new Set(
      REPORT.findings
        .filter((f) => f.result === 'fail' && !f.suppression)
        .map((f) => `${f.workload}|${f.ruleId}`),
    )
    assert.equal(count(/<failure /g), failing.size)
    assert.match(xml, /<testsuites name="airlock scan" tests="\d+" failures="9" errors="3" skipped="4"/)
    assert.match(
      xml,
      /<testcase name="AL-0001 no-privileged" classname="service legacy" time="0">\n {6}<failure message="privileged is true" type="critical">compose\.yaml:13:5: privileged is true\nHow to fix:/,
    )
    assert.match(
      xml,
      /<testcase name="all rules pass" classname="container db"|<testcase name="AL-0023 no-new-privileges" classname="container db" time="0">\n {6}<system-out>warn medium: docker:\/\/db: /,
    )
  })
  it('escapes XML', () => {
    const tricky = { ...REPORT, findings: [{ ...REPORT.findings[0]!, message: 'a <b> & "c"\u0001' }] }
    assert.match(renderReport('junit', tricky, { color: false }), /a &lt;b&gt; &amp; &quot;c&quot;/)
  })
})
