import type { YAMLMap } from 'yaml'
import type { ContainerSpec } from '../model/container-spec.js'
import type { Policy } from '../policy/policy.js'
import type { ScanFinding } from '../report/scan-report.js'
import type { YamlEditor } from './yaml-editor.js'

/** Where one workload's fixes are written. */
export interface FixTarget {
  editor: YamlEditor
  /** The compose service or the Kubernetes container mapping. */
  map: YAMLMap
  /** Kubernetes: the pod spec holding the container (for volumes). */
  pod?: YAMLMap
  /** Kubernetes: volume names the pod has or this run already added. */
  podVolumes?: Set<string>
  containerName?: string
  /** Compose: the project directory (build contexts are relative to it). */
  projectDir?: string
  spec: ContainerSpec
  policy: Policy
}

/** What a rule's fixer did with the findings it got: descriptions of the changes, and what it left. */
export interface RuleFix {
  fixed: string[]
  notFixed: { finding: ScanFinding; reason: string }[]
}

/** Fixes one rule's findings on one workload, by recording edits; never touches anything else. */
export type RuleFixer = (target: FixTarget, findings: readonly ScanFinding[]) => RuleFix

/**
 * A fixer's result when it fixed every finding it got, described by `description`.
 *
 * @example fixed('read_only: true').fixed // ['read_only: true']
 */
export const fixed = (description: string): RuleFix => ({ fixed: [description], notFixed: [] })
/**
 * A fixer's result when it leaves every one of `findings` alone, with the reason.
 *
 * @example refused(findings, 'the workload uses the host network on purpose').notFixed.length // findings.length
 */
export const refused = (findings: readonly ScanFinding[], reason: string): RuleFix => ({
  fixed: [],
  notFixed: findings.map((finding) => ({ finding, reason })),
})
