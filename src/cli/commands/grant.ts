import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings'
import Table from 'cli-table3'
import { DEFAULT_DATA_DIR } from '../../audit/data-dir.js'
import { type AdminCliOptions, identityAdminFor } from '../../enforce/proxy/admin/admin-cli-options.js'
import type { IdentityAdmin } from '../../enforce/proxy/admin/identity-admin.js'
import type { GrantView } from '../../identity/grant-store.js'
import { parseDurationSeconds } from '../../policy/units.js'
import type { RegisterCommand } from './index.js'

function ttl(value: string): number {
  try {
    return parseDurationSeconds(/^[0-9]+$/.test(value) ? Number(value) : value)
  } catch {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 2h or 1d')
  }
}

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter((v) => v !== ''),
]

/** The options every grant and token subcommand takes. */
export function adminOptions(cmd: Command): void {
  cmd
    .addOption(new Option('--data <dir>', 'Airlock data dir (holds identity.db)').default(DEFAULT_DATA_DIR))
    .addOption(
      new Option('--admin <url>', 'admin API of the running proxy (unix:///... or tcp://127.0.0.1:PORT)').env(
        'AIRLOCK_ADMIN',
      ),
    )
    .option('--token-file <file>', 'admin token (default $AIRLOCK_ADMIN_TOKEN, else <data>/admin.token)')
    .option('--cert-path <dir>', 'client certificate folder, for a TLS admin listener')
    .option('--policy <file>', 'policy file, without --admin (TTL cap, approval rule, roles)')
    .option('--as <name>', 'who acts, without --admin (default: your login name)')
}

/** Runs `fn` with the admin target the options name, closing it afterwards. */
export async function withAdmin<T>(opts: AdminCliOptions, fn: (a: IdentityAdmin) => Promise<T>): Promise<T> {
  const admin = identityAdminFor(opts)
  try {
    return await fn(admin)
  } finally {
    admin.close()
  }
}

function scope(g: GrantView): string {
  const parts = [g.image && `image ${g.image}`, g.container && `container ${g.container}`].filter(Boolean)
  return parts.length ? parts.join(', ') : 'any'
}

/**
 * Grants as a table: id, subject, rules, scope, reason, creator, expiry, status.
 *
 * @example process.stdout.write(grantTable(grants))
 */
export function grantTable(grants: readonly GrantView[]): string {
  const t = new Table({
    head: ['id', 'subject', 'rules', 'scope', 'reason', 'created by', 'expires', 'status'],
    style: { head: [], border: [] },
  })
  for (const g of grants) {
    const who = g.approvedBy ? `${g.createdBy} (approved: ${g.approvedBy})` : g.createdBy
    const status = g.status === 'revoked' && g.revokedBy ? `revoked by ${g.revokedBy}` : g.status
    t.push([g.id, g.subject, g.rules.join(','), scope(g), g.reason, who, g.expiresAt, status])
  }
  return `${t.toString()}\n`
}

function printGrant(g: GrantView): void {
  process.stdout.write(
    `${g.id} ${g.status}: ${g.subject} may ${g.rules.join(',')} (${scope(g)}) until ${g.expiresAt}\n`,
  )
}

/**
 * `airlock grant create|list|revoke|approve`: time-bounded elevation. Through the running proxy's
 * admin API with `--admin` (applied at once), else on the data dir (the proxy sees it within 1 s).
 *
 * @example airlock grant create --subject alice --allow AL-0001 --container debug --ttl 15m --reason "INC-42 kernel trace" --admin unix:///run/airlock/admin.sock
 */
export const registerGrant: RegisterCommand = (program: Command) => {
  const grant = program
    .command('grant')
    .description('time-bounded elevation: waive rules for one subject, then stop what it ran')
  const create = grant
    .command('create')
    .description('waive rules for a user (or group:<name>) for a while')
    .requiredOption('--subject <who>', 'user name, or group:<name>')
    .requiredOption('--allow <rules>', 'rule ids or slugs (comma-separated, repeatable)', list)
    .option('--image <ref>', 'only containers from this image (a trailing * matches a prefix)')
    .option('--container <name>', 'only the container created with this name')
    .requiredOption('--ttl <duration>', 'how long (15m, 2h; at most the policy grants.maxTtl)', ttl)
    .requiredOption('--reason <text>', 'why (recorded)')
    .addOption(
      new Option('--format <format>', 'output').choices(['text', 'json'] as const).default('text' as const),
    )
  adminOptions(create as unknown as Command)
  create.action(async (opts) => {
    const g = await withAdmin(opts as unknown as AdminCliOptions, (a) =>
      a.createGrant({
        subject: opts.subject,
        rules: opts.allow,
        ttlSeconds: opts.ttl,
        reason: opts.reason,
        ...(opts.image !== undefined && { image: opts.image }),
        ...(opts.container !== undefined && { container: opts.container }),
      }),
    )
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify(g, null, 2)}\n`)
    else printGrant(g)
  })
  const ls = grant
    .command('list')
    .description('every grant with its status (active, pending, expired, revoked)')
    .addOption(
      new Option('--format <format>', 'output').choices(['table', 'json'] as const).default('table' as const),
    )
  adminOptions(ls as unknown as Command)
  ls.action(async (opts) => {
    const grants = await withAdmin(opts as unknown as AdminCliOptions, (a) => a.listGrants())
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(grants, null, 2)}\n` : grantTable(grants))
  })
  for (const [name, what] of [
    ['revoke', 'end a grant now (its containers are stopped)'],
    ['approve', 'approve a pending grant (another admin than its creator)'],
  ] as const) {
    const cmd = grant.command(name).description(what).argument('<id>', 'grant id')
    adminOptions(cmd as unknown as Command)
    cmd.action(async (id, opts) => {
      const g = await withAdmin(opts as unknown as AdminCliOptions, (a) =>
        name === 'revoke' ? a.revokeGrant(id) : a.approveGrant(id),
      )
      printGrant(g)
    })
  }
}
