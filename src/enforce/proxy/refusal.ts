/** What a refused request is recorded as: a policy or protocol denial, or an error Airlock hit. */
export type RefusalOutcome = 'deny' | 'error'

export interface RefusalOptions {
  outcome?: RefusalOutcome
  /** Close the client connection after the reply (the body was not read whole). */
  close?: boolean
  cause?: unknown
}

/**
 * A request the proxy answers itself instead of forwarding: an HTTP status and a one-line message
 * the docker CLI prints. Every pass throws this to stop the pipeline.
 *
 * @example throw new Refusal(400, 'airlock: refused: both Content-Length and Transfer-Encoding', { close: true })
 */
export class Refusal extends Error {
  readonly status: number
  readonly outcome: RefusalOutcome
  readonly close: boolean

  constructor(status: number, message: string, opts: RefusalOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'Refusal'
    this.status = status
    this.outcome = opts.outcome ?? 'deny'
    this.close = opts.close ?? false
  }
}

/**
 * Docker's error body: `{"message": "..."}` as JSON, which the docker CLI and the SDKs print.
 *
 * @example dockerErrorBody('airlock: denied') // '{"message":"airlock: denied"}\n'
 */
export function dockerErrorBody(message: string): string {
  return `${JSON.stringify({ message })}\n`
}
