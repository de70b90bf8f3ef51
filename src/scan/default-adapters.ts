import { composeWorkloads } from '../adapters/compose/compose-workloads.js'
import { dockerRunWorkloads } from '../adapters/docker-run/docker-run-workloads.js'
import { dockerfileModel } from '../adapters/dockerfile/dockerfile-model.js'
import { kubernetesWorkloads } from '../adapters/kubernetes/kubernetes-workloads.js'
import type { ScanAdapters } from './scan-adapters.js'

/**
 * The adapters this build has, by format. A format without one is reported as skipped.
 *
 * @example await scan({ paths: ['.'], policy, adapters: defaultScanAdapters() })
 */
export function defaultScanAdapters(): ScanAdapters {
  return {
    compose: (files, opts) => composeWorkloads(files, opts),
    kubernetes: kubernetesWorkloads,
    dockerRun: dockerRunWorkloads,
    dockerfile: dockerfileModel,
  }
}
