import { countsAgainst } from '../scan/fail-on.js'
import { ruleLabel } from './rule-info.js'
import type { ScanFinding, ScanReport } from './scan-report.js'

function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

interface Case {
  name: string
  classname: string
  findings: ScanFinding[]
}

function position(f: ScanFinding): string {
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`
}

function caseXml(c: Case, failOn: ScanReport['failOn']): string {
  const open = `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="0"`
  if (c.findings.length === 0) return `${open}/>`
  const errors = c.findings.filter((f) => f.result === 'error')
  const failing = c.findings.filter((f) => countsAgainst(f, failOn))
  const text = (fs: ScanFinding[]) => fs.map((f) => `${position(f)}: ${f.message}`).join('\n')
  const body: string[] = []
  if (errors.length) {
    body.push(
      `      <error message="${xml(errors[0]?.message ?? '')}" type="${xml(errors[0]?.ruleId ?? '')}">${xml(text(errors))}</error>`,
    )
  } else if (failing.length) {
    const f = failing[0] as ScanFinding
    const how = f.remediation ? `\nHow to fix: ${f.remediation}` : ''
    body.push(
      `      <failure message="${xml(f.message)}" type="${f.severity}">${xml(text(failing) + how)}</failure>`,
    )
  } else if (c.findings.every((f) => f.suppression)) {
    const s = c.findings[0]?.suppression
    body.push(`      <skipped message="${xml(`suppressed (${s?.kind} ${s?.source}): ${s?.reason}`)}"/>`)
  }
  const rest = c.findings.filter((f) => !failing.includes(f) && !errors.includes(f))
  if (rest.length) {
    const lines = rest.map(
      (f) => `${f.suppression ? 'suppressed' : f.result} ${f.severity}: ${position(f)}: ${f.message}`,
    )
    body.push(`      <system-out>${xml(lines.join('\n'))}</system-out>`)
  }
  return `${open}>\n${body.join('\n')}\n    </testcase>`
}

/**
 * The report as JUnit XML for CI test views: a testsuite per file (or live object), a testcase per
 * workload and rule that had findings (a failure when a finding fails the scan under `failOn`, an
 * error for files that could not be read, skipped when every finding is suppressed, passing with
 * the warnings as output otherwise), and one passing testcase per workload without findings.
 *
 * @example writeFileSync('airlock-junit.xml', renderJunit(report))
 */
export function renderJunit(report: ScanReport): string {
  const files = new Map<string, Map<string, Case>>()
  const suite = (file: string) => {
    const s = files.get(file) ?? new Map<string, Case>()
    files.set(file, s)
    return s
  }
  for (const src of report.sources) {
    if (src.status === 'skipped') continue
    const s = suite(src.file)
    for (const w of src.workloadNames ?? [])
      s.set(`${w}\0`, { name: 'all rules pass', classname: w, findings: [] })
  }
  for (const f of report.findings) {
    const s = suite(f.file)
    const workload = f.workload ?? f.file
    s.delete(`${workload}\0`)
    const key = `${workload}\0${f.ruleId}`
    const c = s.get(key) ?? { name: ruleLabel(f.ruleId, f.slug), classname: workload, findings: [] }
    c.findings.push(f)
    s.set(key, c)
  }
  const suites: string[] = []
  let total = 0
  let failures = 0
  let errors = 0
  let skipped = 0
  for (const [file, cases] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const list = [...cases.values()]
    const failed = list.filter(
      (c) =>
        !c.findings.some((f) => f.result === 'error') &&
        c.findings.some((f) => countsAgainst(f, report.failOn)),
    ).length
    const errored = list.filter((c) => c.findings.some((f) => f.result === 'error')).length
    const skip = list.filter((c) => c.findings.length > 0 && c.findings.every((f) => f.suppression)).length
    total += list.length
    failures += failed
    errors += errored
    skipped += skip
    suites.push(
      `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${failed}" errors="${errored}" skipped="${skip}" time="0">\n${list
        .map((c) => caseXml(c, report.failOn))
        .join('\n')}\n  </testsuite>`,
    )
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="airlock scan" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0" timestamp="${xml(report.generatedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
