import * as fs from 'node:fs'
import * as path from 'node:path'
import { hashToken, type TokenStore } from '../../../identity/token-store.js'

/** The bootstrap admin token's file in the data dir, and its record id. */
export const ADMIN_TOKEN_FILE = 'admin.token'
export const ADMIN_TOKEN_ID = 'admin-bootstrap'

/**
 * Makes sure the data dir holds an admin token (`admin.token`, mode 0600) registered in the token
 * store as user `admin`, role `admin`. Created on first start; an existing file is kept (and
 * registered again if the store lost it); a revoked one stays revoked. Returns its path and whether
 * it was created now.
 *
 * @example const { file, created } = ensureAdminToken('/var/lib/airlock', tokens)
 */
export function ensureAdminToken(dataDir: string, tokens: TokenStore): { file: string; created: boolean } {
  const file = path.join(dataDir, ADMIN_TOKEN_FILE)
  let existing: string | undefined
  try {
    existing = fs.readFileSync(file, 'utf8').trim()
  } catch {
    existing = undefined
  }
  if (existing && tokens.hasHash(hashToken(existing))) return { file, created: false }
  tokens.remove(ADMIN_TOKEN_ID)
  const secret = existing || undefined
  const { token } = tokens.create(
    { id: ADMIN_TOKEN_ID, name: 'admin', role: 'admin', createdBy: 'airlock proxy (first start)' },
    new Date(),
    ...(secret ? [secret] : []),
  )
  if (!existing) {
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
  }
  fs.chmodSync(file, 0o600)
  return { file, created: !existing }
}
