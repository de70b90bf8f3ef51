import { z } from 'zod'

/** The caller as recorded: an `Identity` (src/model/identity.ts). Unknown keys are dropped. */
export const AuditCaller = z.object({
  user: z.string(),
  groups: z.array(z.string()),
  role: z.string().optional(),
  via: z.enum(['listener', 'mtls', 'token', 'socket', 'cli']),
})
export type AuditCaller = z.infer<typeof AuditCaller>

/** One finding, compact: which rule, its result, and the message. */
export const AuditFinding = z.strictObject({
  ruleId: z.string(),
  result: z.enum(['pass', 'fail', 'warn', 'error', 'skip']),
  message: z.string(),
})
export type AuditFinding = z.infer<typeof AuditFinding>

/** A secure default the decision applied, with its value as JSON. */
export const AuditMutation = z.strictObject({
  path: z.array(z.string()),
  value: z.json(),
  reason: z.string(),
})
export type AuditMutation = z.infer<typeof AuditMutation>

/**
 * One Docker API call through Airlock, allowed or denied: flat and JSON-serializable. The store
 * validates every event against this schema, fills the defaults and stores it as canonical JSON.
 *
 * @example
 * const event = AuditEvent.parse({
 *   time: new Date().toISOString(), caller: { user: 'alice', groups: [], via: 'mtls' },
 *   listener: 'tcp', method: 'POST', path: '/v1.45/containers/create', actionKind: 'container.create',
 *   decision: 'deny', status: 403, durationMs: 1.2, requestId: '01J8Z3K4M5N6P7Q8R9S0T1V2W3',
 *   ruleIds: ['AL-0001'], message: 'airlock: denied by AL-0001 no-privileged: privileged is true',
 * })
 */
export const AuditEvent = z.strictObject({
  /** When the request arrived: ISO 8601, UTC, milliseconds (`Date#toISOString`). */
  time: z.iso.datetime({ precision: 3 }),
  caller: AuditCaller,
  /** Name of the listener the request came in on. */
  listener: z.string(),
  method: z.string().min(1),
  /** The request path as received, query string included. */
  path: z.string(),
  actionKind: z.string().min(1),
  /** Container, image, volume or network id or name the call acts on; '' when none. */
  target: z.string().default(''),
  decision: z.enum(['allow', 'deny', 'error']),
  /** HTTP status Airlock returned (a denial) or the upstream returned (forwarded); 0 if none was sent. */
  status: z.int().min(0).max(999),
  /** Failing and warned rules. */
  ruleIds: z.array(z.string()).default([]),
  findings: z.array(AuditFinding).default([]),
  mutations: z.array(AuditMutation).default([]),
  grantIds: z.array(z.string()).default([]),
  /** The decision message. */
  message: z.string().default(''),
  /** SHA-256 (hex) of the request body as received; '' when there was none. */
  bodySha256: z
    .string()
    .regex(/^(?:[0-9a-f]{64})?$/)
    .default(''),
  bodyBytes: z.int().min(0).default(0),
  responseBytes: z.int().min(0).default(0),
  /** Status the daemon returned; null when the request was not forwarded. */
  upstreamStatus: z.int().min(0).max(999).nullable().default(null),
  durationMs: z.number().min(0),
  /** Correlates log lines, the client's response and this record: a ULID or UUID. */
  requestId: z.string().min(1).max(128),
  /** Free-form JSON for later additions: rate-limit state, alerts, ... */
  extra: z.record(z.string(), z.json()).default({}),
})
export type AuditEvent = z.infer<typeof AuditEvent>
/** What callers pass to `append`: defaults may be left out. */
export type AuditEventInput = z.input<typeof AuditEvent>
