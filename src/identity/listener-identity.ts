import { InputError } from '../errors.js'
import { checkGroupName, checkUserName } from './names.js'

/** Whether a listener serves callers it cannot identify (as the listener itself, with admin rights). */
export type AuthMode = 'optional' | 'required'

/** The identity configured for a listener (unix sockets: whoever can open the file). */
export interface ConfiguredIdentity {
  user: string
  groups: string[]
  role?: string
}

/** A `--listen` value split into the endpoint URL and the listener's identity settings. */
export interface ListenerSpec {
  /** The endpoint URL, without the `#...` part. */
  url: string
  identity?: ConfiguredIdentity
  /** Undefined: the default for the listener's kind (see `effectiveAuthMode`). */
  auth?: AuthMode
}

/**
 * Parses `--listen` with its optional identity part: `URL#key=value,key=value`, keys `user`,
 * `group` (repeatable), `role` and `auth` (`optional` | `required`).
 *
 * @example parseListenerSpec('unix:///run/airlock/team-a.sock#user=alice,group=dev,role=developer')
 * // { url: 'unix:///run/airlock/team-a.sock', identity: { user: 'alice', groups: ['dev'], role: 'developer' } }
 */
export function parseListenerSpec(value: string): ListenerSpec {
  const hash = value.indexOf('#')
  if (hash < 0) return { url: value }
  const url = value.slice(0, hash)
  let user: string | undefined
  let role: string | undefined
  let auth: AuthMode | undefined
  const groups: string[] = []
  for (const part of value.slice(hash + 1).split(',')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = eq < 0 ? part : part.slice(0, eq)
    const v = eq < 0 ? '' : part.slice(eq + 1)
    if (key === 'user') {
      if (user !== undefined) throw new InputError(`${value}: user is given twice`)
      checkUserName(v)
      user = v
    } else if (key === 'group') {
      checkGroupName(v)
      groups.push(v)
    } else if (key === 'role') {
      if (!/^[a-z][a-z0-9_-]*$/.test(v)) throw new InputError(`${value}: "${v}" is not a role name`)
      role = v
    } else if (key === 'auth') {
      if (v !== 'optional' && v !== 'required')
        throw new InputError(`${value}: auth must be optional or required`)
      auth = v
    } else {
      throw new InputError(`${value}: unknown listener setting "${key}" (user, group, role, auth)`)
    }
  }
  if (user === undefined && (groups.length > 0 || role !== undefined)) {
    throw new InputError(`${value}: group and role need a user=`)
  }
  return {
    url,
    ...(user !== undefined && { identity: { user, groups, ...(role !== undefined && { role }) } }),
    ...(auth !== undefined && { auth }),
  }
}
