/**
 * The one error type Airlock throws. `code` is stable and machine-readable; `message` is for people
 * and says what was wrong and how to fix it.
 *
 * @example
 * throw new AirlockError('E_POLICY_INVALID', 'policy.yaml:3:5: unknown rule "AL-9999"')
 */
export class AirlockError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AirlockError'
    this.code = code
  }
}

/** Input that Airlock cannot interpret: a body, a file or a command line. Exit code 2 in the CLI. */
export class InputError extends AirlockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INPUT', message, options)
    this.name = 'InputError'
  }
}

/** A request Airlock refuses to interpret because dockerd could read it in more than one way. */
export class AmbiguousRequestError extends AirlockError {
  readonly status: number
  constructor(message: string, status = 400) {
    super('E_AMBIGUOUS', message)
    this.name = 'AmbiguousRequestError'
    this.status = status
  }
}

/** A policy file that does not load. */
export class PolicyError extends AirlockError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_POLICY', message, options)
    this.name = 'PolicyError'
  }
}

/** Returns a readable message for anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
