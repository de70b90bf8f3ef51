import type { AdapterResult, SourceError } from '../adapters/workload.js'
import type { DockerfileModel } from '../model/dockerfile.js'

/** One compose file of a project, in the order compose merges them (base first, then overrides). */
export interface ComposeFileInput {
  path: string
  text: string
}

/**
 * The input adapters the scanner uses, one per format. Each turns text into workloads and never
 * throws for bad input: problems come back as `errors` with a location. Tests pass their own;
 * `defaultScanAdapters()` wires the real ones.
 */
export interface ScanAdapters {
  /** `env`: the shell environment compose interpolates from (over the project's `.env`). */
  compose?: (
    files: ComposeFileInput[],
    opts: { projectDir: string; env: Record<string, string | undefined> },
  ) => AdapterResult
  kubernetes?: (path: string, text: string) => AdapterResult
  dockerRun?: (path: string, text: string) => AdapterResult
  /** A Dockerfile is not a container: its model goes to the Dockerfile rules. */
  dockerfile?: (path: string, text: string) => { model: DockerfileModel; errors: SourceError[] }
}
