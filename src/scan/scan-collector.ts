import type { AdapterResult, SourceError, Workload } from '../adapters/workload.js'
import type { DockerfileModel } from '../model/dockerfile.js'
import type { Policy } from '../policy/policy.js'
import { RULES } from '../policy/rules/index.js'
import type { ScanFinding, ScannedSource } from '../report/scan-report.js'
import { DOCKERFILE_WORKLOAD, evaluateDockerfile } from './evaluate-dockerfile.js'
import { evaluateWorkload, reportLocation } from './evaluate-workload.js'
import { PARSE_ERROR } from './scan-checks.js'
import { displayPath } from './scan-root.js'

/**
 * A problem reading a source, as a `scan/parse-error` finding.
 *
 * @example parseErrorFinding({ message: 'bad indentation', location: { file: '/repo/a.yaml', line: 3, column: 1 } }, '/repo').file // 'a.yaml'
 */
export function parseErrorFinding(e: SourceError, root: string): ScanFinding {
  return {
    ruleId: PARSE_ERROR.id,
    slug: PARSE_ERROR.slug,
    title: PARSE_ERROR.title,
    severity: PARSE_ERROR.severity,
    result: 'error',
    message: e.message,
    remediation: PARSE_ERROR.remediation,
    ...reportLocation(e.location, root),
  }
}

/**
 * What a scan has found so far: findings, the sources they came from, and the line each workload
 * starts on (suppressions written above a workload cover all its findings).
 *
 * @example const c = new ScanCollector(policy, root, now); c.adapted('k8s/app.yaml', 'kubernetes', result)
 */
export class ScanCollector {
  readonly findings: ScanFinding[] = []
  readonly sources: ScannedSource[] = []
  private readonly workloadLines = new Map<ScanFinding, number>()

  constructor(
    private readonly policy: Policy,
    readonly root: string,
    private readonly now: Date,
    private readonly onWorkload?: (w: Workload, findings: readonly ScanFinding[]) => void,
  ) {}

  /** The line where a finding's workload is written, when known. */
  workloadLine(f: ScanFinding): number | undefined {
    return this.workloadLines.get(f)
  }

  /** Decides every workload and records its findings. */
  workloads(workloads: readonly Workload[]): void {
    for (const w of workloads) {
      const findings = evaluateWorkload(w, this.policy, this.root, this.now)
      for (const f of findings) {
        if (w.location.line >= 1) this.workloadLines.set(f, w.location.line)
        this.findings.push(f)
      }
      this.onWorkload?.(w, findings)
    }
  }

  /** Records what an adapter made of a file (or live object): its workloads and its errors. */
  adapted(file: string, format: NonNullable<ScannedSource['format']>, result: AdapterResult): void {
    this.workloads(result.workloads)
    this.errors(result.errors)
    this.sources.push({
      file: displayPath(file, this.root),
      format,
      status: result.errors.length && !result.workloads.length ? 'error' : 'scanned',
      workloads: result.workloads.length,
      workloadNames: result.workloads.map((w) => w.name),
    })
  }

  /** Runs the Dockerfile rules over a parsed Dockerfile and records it as one source. */
  dockerfile(file: string, model: DockerfileModel, errors: readonly SourceError[]): void {
    this.findings.push(...evaluateDockerfile(model, this.policy, RULES, this.root, this.now))
    this.errors(errors)
    this.sources.push({
      file: displayPath(file, this.root),
      format: 'dockerfile',
      status: 'scanned',
      workloads: 1,
      workloadNames: [DOCKERFILE_WORKLOAD],
    })
  }

  errors(errors: readonly SourceError[]): void {
    for (const e of errors) this.findings.push(parseErrorFinding(e, this.root))
  }

  skipped(file: string, reason: string, format?: NonNullable<ScannedSource['format']>): void {
    this.sources.push({
      file: displayPath(file, this.root),
      ...(format && { format }),
      status: 'skipped',
      workloads: 0,
      reason,
    })
  }
}
