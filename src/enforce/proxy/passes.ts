import { policyForProfile } from '../../identity/role-policy.js'
import { auditBeforeForward } from './audit-pass.js'
import { authenticate } from './authenticate.js'
import { authorize } from './authorize-pass.js'
import { classify } from './classify-pass.js'
import { decideExchange } from './decide-pass.js'
import type { ProxyDeps } from './deps.js'
import type { Exchange } from './exchange.js'
import { checkFraming } from './framing.js'
import { guardGrantedContainer } from './grant-guard-pass.js'
import { interpret } from './interpret-pass.js'
import { labelAllowed } from './label-pass.js'
import { ownership } from './ownership-pass.js'
import { rateLimit } from './rate-limit-pass.js'
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
  { name: 'rate-limit', run: (ex, d) => rateLimit(ex, d.monitor, d.policy()) },
  { name: 'authorize', run: (ex, d) => authorize(ex, d.policy()) },
  { name: 'read-body', run: (ex, d) => readBody(ex, d.limits) },
  { name: 'interpret', run: (ex, d) => interpret(ex, d.interpret) },
  { name: 'ownership', run: (ex, d) => ownership(ex, d.resolve.lookup) },
  { name: 'grant-guard', run: (ex, d) => guardGrantedContainer(ex, d.grants(), d.policy().grantApproval) },
  { name: 'resolve', run: (ex, d) => resolve(ex, d.resolve) },
  {
    name: 'decide',
    run: (ex, d) => decideExchange(ex, policyForProfile(d.policy(), ex.role?.profile), d.grants()),
  },
  { name: 'label', run: (ex) => labelAllowed(ex) },
  { name: 'audit', run: (ex, d) => auditBeforeForward(ex, d.audit) },
]
