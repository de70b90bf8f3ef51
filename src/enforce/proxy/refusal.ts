import type { AuditMutation } from '../../audit/audit-event.js'

/** What a refused request is recorded as: a policy or protocol denial, or an error Airlock hit. */
export type RefusalOutcome = 'deny' | 'error'

export interface RefusalOptions {
  outcome?: RefusalOutcome
  /** Close the client connection after the reply (the body was not read whole). */
  close?: boolean
  cause?: unknown
  /** Extra response headers (`Retry-After` of a 429). */
  headers?: Readonly<Record<string, string>>
  /** Detail for the audit record's `extra` (which limit a 429 hit). */
  extra?: Readonly<Record<string, AuditMutation['value']>>
  /**
   * Record the refusal with a deferred (batched) write instead of a durable one: for refusals that
   * come in floods and change nothing (429s), so a flood does not cost an fsync per request.
   */
  auditLater?: boolean
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
  readonly headers: Readonly<Record<string, string>> | undefined
  readonly extra: Readonly<Record<string, AuditMutation['value']>> | undefined
  readonly auditLater: boolean

  constructor(status: number, message: string, opts: RefusalOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'Refusal'
    this.status = status
    this.outcome = opts.outcome ?? 'deny'
    this.close = opts.close ?? false
    this.headers = opts.headers
    this.extra = opts.extra
    this.auditLater = opts.auditLater ?? false
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
