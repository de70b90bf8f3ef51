import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings'
import Table from 'cli-table3'
import type { AdminCliOptions } from '../../enforce/proxy/admin/admin-cli-options.js'
import { parseDurationSeconds } from '../../policy/units.js'
import { adminOptions, withAdmin } from './grant.js'
import type { RegisterCommand } from './index.js'

function ttl(value: string): number {
  try {
    return parseDurationSeconds(/^[0-9]+$/.test(value) ? Number(value) : value)
  } catch {
    throw new InvalidArgumentError('expected a duration such as 90s, 12h or 30d')
  }
}

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter((v) => v !== ''),
]

/**
 * `airlock token create|list|revoke`: bearer tokens for clients that cannot use certificates. The
 * token is printed once and stored only as its SHA-256. The docker CLI sends it with
 * `{"HttpHeaders": {"Authorization": "Bearer <token>"}}` in `$DOCKER_CONFIG/config.json`.
 *
 * @example airlock token create alice --group dev --ttl 30d --data /var/lib/airlock
 */
export const registerToken: RegisterCommand = (program: Command) => {
  const token = program.command('token').description('bearer tokens: create (shown once), list, revoke')
  const create = token
    .command('create')
    .description('create a token for a user; prints it once')
    .argument('<name>', 'the user the token identifies')
    .option('--group <group>', 'a group (repeatable)', list)
    .option(
      '--role <role>',
      'viewer, developer, admin, auditor or a policy role (default: the policy default role)',
    )
    .option('--ttl <duration>', 'lifetime (90s, 12h, 30d); default: until revoked', ttl)
    .addOption(
      new Option('--format <format>', 'output').choices(['text', 'json'] as const).default('text' as const),
    )
  adminOptions(create as unknown as Command)
  create.action(async (name, opts) => {
    const t = await withAdmin(opts as unknown as AdminCliOptions, (a) =>
      a.createToken({
        name,
        ...(opts.group && { groups: opts.group }),
        ...(opts.role !== undefined && { role: opts.role }),
        ...(opts.ttl !== undefined && { ttlSeconds: opts.ttl }),
      }),
    )
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify(t, null, 2)}\n`)
      return
    }
    process.stdout.write(`${t.token}\n`)
    process.stderr.write(
      `token ${t.id} for ${t.name}${t.role ? ` (role ${t.role})` : ''}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}: shown once, store it now.\n` +
        `docker: put {"HttpHeaders": {"Authorization": "Bearer <token>"}} in $DOCKER_CONFIG/config.json\n`,
    )
  })
  const ls = token
    .command('list')
    .description('tokens (never the tokens themselves)')
    .addOption(
      new Option('--format <format>', 'output').choices(['table', 'json'] as const).default('table' as const),
    )
  adminOptions(ls as unknown as Command)
  ls.action(async (opts) => {
    const tokens = await withAdmin(opts as unknown as AdminCliOptions, (a) => a.listTokens())
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`)
      return
    }
    const t = new Table({
      head: ['id', 'name', 'groups', 'role', 'created', 'expires', 'status'],
      style: { head: [], border: [] },
    })
    const now = Date.now()
    for (const r of tokens) {
      const status = r.revokedAt
        ? `revoked by ${r.revokedBy}`
        : r.expiresAt && Date.parse(r.expiresAt) <= now
          ? 'expired'
          : 'active'
      t.push([
        r.id,
        r.name,
        r.groups.join(','),
        r.role ?? '(default)',
        `${r.createdAt} by ${r.createdBy}`,
        r.expiresAt ?? 'never',
        status,
      ])
    }
    process.stdout.write(`${t.toString()}\n`)
  })
  const revoke = token
    .command('revoke')
    .description('revoke a token at once')
    .argument('<id>', 'token id (airlock token list)')
  adminOptions(revoke as unknown as Command)
  revoke.action(async (id, opts) => {
    const r = await withAdmin(opts as unknown as AdminCliOptions, (a) => a.revokeToken(id))
    process.stdout.write(`token ${r.id} (${r.name}) revoked\n`)
  })
}
