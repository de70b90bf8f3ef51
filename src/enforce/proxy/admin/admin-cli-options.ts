import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { InputError } from '../../../errors.js'
import { loadPolicy } from '../../../policy/load-policy.js'
import { ADMIN_TOKEN_FILE } from './admin-token.js'
import { type IdentityAdmin, localAdmin, remoteAdmin } from './identity-admin.js'

/** The options `airlock grant` and `airlock token` share. */
export interface AdminCliOptions {
  data: string
  /** Admin API URL (or AIRLOCK_ADMIN): talk to the running proxy. */
  admin?: string
  /** Token file for the admin API (default AIRLOCK_ADMIN_TOKEN, else <data>/admin.token). */
  tokenFile?: string
  /** Client folder for a TLS admin listener. */
  certPath?: string
  /** Policy file (data dir mode: TTL cap, approval rule, roles). */
  policy?: string
  /** Who acts, in data dir mode (default the login name). */
  as?: string
}

function adminToken(o: AdminCliOptions, env: NodeJS.ProcessEnv): string | undefined {
  if (env['AIRLOCK_ADMIN_TOKEN']) return env['AIRLOCK_ADMIN_TOKEN']
  const file = o.tokenFile ?? path.join(o.data, ADMIN_TOKEN_FILE)
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    if (o.tokenFile !== undefined) throw new InputError(`cannot read the admin token file ${file}`)
    return undefined
  }
}

/**
 * The management target the options name: the running proxy's admin API when `--admin` (or
 * AIRLOCK_ADMIN) is given, else the data dir directly.
 *
 * @example const admin = identityAdminFor({ data: '/var/lib/airlock', admin: 'unix:///run/airlock/admin.sock' })
 */
export function identityAdminFor(o: AdminCliOptions, env: NodeJS.ProcessEnv = process.env): IdentityAdmin {
  const url = o.admin ?? env['AIRLOCK_ADMIN']
  if (url) {
    const token = o.certPath ? undefined : adminToken(o, env)
    return remoteAdmin({ url, ...(token && { token }), ...(o.certPath && { certPath: o.certPath }) })
  }
  const actor = o.as ?? env['SUDO_USER'] ?? env['USER'] ?? os.userInfo().username
  return localAdmin(o.data, loadPolicy(o.policy), actor)
}
