import { z } from 'zod'

const AMOUNT = 'a positive whole number, or unlimited'

/** A positive whole number, or `unlimited`. */
const Amount = z.union(
  [z.number({ error: AMOUNT }).int({ error: AMOUNT }).positive({ error: AMOUNT }), z.literal('unlimited')],
  {
    error: AMOUNT,
  },
)

const ClassLimit = z.strictObject({
  /** Calls per minute, sustained. */
  perMinute: Amount.optional(),
  /** Calls saved up for a burst (default: a third of perMinute). */
  burst: z.number().int().positive().optional(),
})

const Concurrent = z.strictObject({
  /** Attach and exec streams open at once. */
  attach: Amount.optional(),
  /** Image builds running at once. */
  build: Amount.optional(),
})

const Override = z.strictObject({
  name: z.string().min(1).optional(),
  /** Caller user names. */
  users: z.array(z.string().min(1)).optional(),
  groups: z.array(z.string().min(1)).optional(),
  roles: z.array(z.string().min(1)).optional(),
  create: ClassLimit.optional(),
  exec: ClassLimit.optional(),
  read: ClassLimit.optional(),
  write: ClassLimit.optional(),
  concurrent: Concurrent.optional(),
})

/**
 * The policy file's `rateLimits:` section: per caller, per class of call. Classes: `create`
 * (containers, images, volumes, networks, services, ...), `exec` (exec create), `read` (calls that
 * change nothing), `write` (everything else); `concurrent` caps attach/exec streams and builds.
 * `overrides` give matching callers other limits (first match wins).
 */
export const RateLimitsSection = z.strictObject({
  /** Set false to turn rate limiting off (default true). */
  enabled: z.boolean().optional(),
  create: ClassLimit.optional(),
  exec: ClassLimit.optional(),
  read: ClassLimit.optional(),
  write: ClassLimit.optional(),
  concurrent: Concurrent.optional(),
  overrides: z.array(Override).optional(),
})
export type RateLimitsSection = z.infer<typeof RateLimitsSection>
