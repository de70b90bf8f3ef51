import { auditBeforeForward } from './audit-pass.js'
import { authenticate } from './authenticate.js'
import { classify } from './classify-pass.js'
import { decideExchange } from './decide-pass.js'
import type { ProxyDeps } from './deps.js'
import type { Exchange } from './exchange.js'
import { checkFraming } from './framing.js'
import { interpret } from './interpret-pass.js'
import { readBody } from './read-body.js'
import { resolve } from './resolve.js'

/** One named step of the proxy. It reads and extends the exchange, or throws a Refusal. */
export interface Pass {
  name: string
  run: (ex: Exchange, deps: ProxyDeps) => void | Promise<void>
}

/**
 * The passes every request goes through before it may be forwarded, in order. After them comes one
 * terminal pass: forward (HTTP) or upgrade relay (hijacked streams); a Refusal from any pass ends
 * the request with an audited error reply instead.
 */
export const PASSES: readonly Pass[] = [
  { name: 'framing', run: (ex) => checkFraming(ex) },
  { name: 'authenticate', run: (ex, d) => authenticate(ex, d.authenticator) },
  { name: 'classify', run: (ex, d) => classify(ex, d.defaultVersion) },
  { name: 'read-body', run: (ex, d) => readBody(ex, d.limits) },
  { name: 'interpret', run: (ex, d) => interpret(ex, d.interpret) },
  { name: 'resolve', run: (ex, d) => resolve(ex, d.resolve) },
  { name: 'decide', run: (ex, d) => decideExchange(ex, d.policy()) },
  { name: 'audit', run: (ex, d) => auditBeforeForward(ex, d.audit) },
]
