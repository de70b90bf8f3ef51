import type { FrameworkRefs } from '../rule.js'

/** How a framework control is covered: by rules, or not at all and why. */
export type Coverage =
  | { rules: readonly string[]; note?: string }
  /** A recommendation that needs a person's judgment (CIS "Manual" items, mostly). */
  | { automated: false; reason: string }
  /** A control with no Docker counterpart (Windows HostProcess pods). */
  | { dockerEquivalent: false; reason: string }

/** One control or recommendation of a framework, with its id as rules spell it in `frameworks`. */
export type Control = { id: string; title: string } & Coverage

export interface Framework {
  /** The key rules use in `frameworks`. */
  key: keyof FrameworkRefs
  name: string
  url: string
  controls: readonly Control[]
}

/**
 * The rule ids that implement a control; empty when it is not automated or has no Docker equivalent.
 *
 * @example controlRules({ id: '5.5', title: 'Ensure that privileged containers are not used', rules: ['AL-0001'] })
 * // ['AL-0001']
 */
export function controlRules(control: Control): readonly string[] {
  return 'rules' in control ? control.rules : []
}
