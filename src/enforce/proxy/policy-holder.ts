import { errorMessage } from '../../errors.js'
import { loadPolicy } from '../../policy/load-policy.js'
import type { Policy } from '../../policy/policy.js'

/** The outcome of a reload: the policy in force afterwards, and why a new one was refused. */
export interface ReloadResult {
  ok: boolean
  source: string
  error?: string
}

/**
 * The policy in force, swapped atomically on reload. A policy that does not load leaves the current
 * one in force (and says why).
 *
 * @example const holder = new PolicyHolder('/etc/airlock/policy.yaml'); holder.reload().ok
 */
export class PolicyHolder {
  readonly file: string | undefined
  readonly #load: (file?: string) => Policy
  #policy: Policy

  /** Loads the policy now; throws PolicyError when it does not load (the proxy does not start). */
  constructor(file?: string, load: (file?: string) => Policy = loadPolicy) {
    this.file = file
    this.#load = load
    this.#policy = load(file)
  }

  get current(): Policy {
    return this.#policy
  }

  reload(): ReloadResult {
    try {
      this.#policy = this.#load(this.file)
      return { ok: true, source: this.#policy.source }
    } catch (err) {
      return { ok: false, source: this.#policy.source, error: errorMessage(err) }
    }
  }
}
