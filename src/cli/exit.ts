import { AirlockError, InputError, PolicyError } from '../errors.js'

/** Exit codes every command shares: 0 ok/allowed, 1 denied/findings, 2 bad input or usage. */
export const EXIT = { ok: 0, denied: 1, usage: 2 } as const

/** Thrown by commands to end with a code; only `main.ts` turns it into `process.exit`. */
export class CliExit extends Error {
  readonly code: number
  constructor(code: number, message = '') {
    super(message)
    this.code = code
  }
}

/** The exit code for an error a command let through. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CliExit) return err.code
  if (err instanceof InputError || err instanceof PolicyError) return EXIT.usage
  if (err instanceof AirlockError) return EXIT.usage
  return 70
}
