import type { ContainerSpec } from '../model/container-spec.js'

/** Where something is written in a source file, 1-based. */
export interface SourceLocation {
  file: string
  line: number
  column: number
  endLine?: number
  endColumn?: number
}

/** The input formats the scanner reads. */
export type SourceFormat = 'compose' | 'kubernetes' | 'dockerfile' | 'docker-run' | 'docker-api' | 'container'

/**
 * One container definition found in an input: a compose service, a Kubernetes pod template's
 * container (init and ephemeral ones too), a `docker run` line, a live container. Adapters produce
 * these; the scanner runs the rules on `spec` and asks `locate` where a finding's path was written.
 *
 * @example
 * const [web] = composeWorkloads(text, 'docker-compose.yml')
 * web.locate(['privileged']) // { file: 'docker-compose.yml', line: 7, column: 5 }
 */
export interface Workload {
  /** Human name: `service web`, `Deployment/api container app`, `docker run (Makefile:12)`. */
  name: string
  format: SourceFormat
  spec: ContainerSpec
  /** Where the workload itself is written (the service key, the container's `- name:` line, ...). */
  location: SourceLocation
  /** Where a spec path (as a rule reports it, e.g. `['mounts', 1, 'source']`) was written; falls back to `location`. */
  locate: (path: readonly (string | number)[]) => SourceLocation
  /**
   * Spec paths the format cannot express because the platform sets them outside the file (a
   * Kubernetes pod's PIDs limit is the kubelet's `podPidsLimit`): findings on them are not the
   * file's to fix, so the scanner leaves them out.
   */
  platformManaged?: readonly (readonly string[])[]
}

/** A problem reading an input: reported with its location, and the scan goes on. */
export interface SourceError {
  message: string
  location: SourceLocation
}

/** What an adapter returns for one file. */
export interface AdapterResult {
  workloads: Workload[]
  errors: SourceError[]
}
