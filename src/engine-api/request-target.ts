import { posix } from 'node:path'
import { AmbiguousRequestError } from '../errors.js'

export interface RequestTarget {
  /** The path after percent-decoding, as dockerd's router matches it. */
  path: string
  /** The raw query string after the first `?`, undecoded; '' when none. */
  rawQuery: string
}

const HEX = /^[0-9a-fA-F]{2}$/

/** Go's url.PathUnescape (encodePath mode): `%XX` decodes, anything else after `%` is an error. */
function unescapePath(s: string): string {
  if (!s.includes('%')) return s
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x25) {
      const hex = s.slice(i + 1, i + 3)
      if (!HEX.test(hex))
        throw new AmbiguousRequestError(`invalid percent-escape "${s.slice(i, i + 3)}" in the request path`)
      bytes.push(Number.parseInt(hex, 16))
      i += 2
    } else if (c < 0x80) {
      bytes.push(c)
    } else {
      for (const b of Buffer.from(s[i] as string, 'utf8')) bytes.push(b)
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes))
  } catch {
    throw new AmbiguousRequestError('the request path decodes to bytes that are not UTF-8')
  }
}

/** gorilla/mux's cleanPath: path.Clean, keeping a trailing slash. dockerd redirects unclean paths. */
export function muxCleanPath(p: string): string {
  if (p === '') return '/'
  const abs = p.startsWith('/') ? p : `/${p}`
  let np = posix.normalize(abs)
  if (np.length > 1 && np.endsWith('/')) np = np.slice(0, -1)
  if (abs.endsWith('/') && np !== '/') np += '/'
  return np
}

/**
 * Parses an HTTP request-target the way dockerd (Go's net/http and gorilla/mux) reads it, and refuses
 * anything it could read differently: only origin-form (`/path?query`) is accepted; the path is
 * percent-decoded once; a path that is not already clean (`//`, `/./`, `/../`, also when they appear
 * only after decoding) is refused because dockerd answers it with a redirect instead of a handler;
 * control characters, `#` and backslashes are refused.
 *
 * @example parseRequestTarget('/v1.41/containers/json?all=1') // { path: '/v1.41/containers/json', rawQuery: 'all=1' }
 */
export function parseRequestTarget(raw: string): RequestTarget {
  if (!raw.startsWith('/')) {
    throw new AmbiguousRequestError(`request target must be an absolute path, got "${raw.slice(0, 80)}"`)
  }
  if (/[\u0000-\u0020\u007f#\\]/.test(raw)) {
    throw new AmbiguousRequestError('request target contains a control character, space, "#" or "\\"')
  }
  const q = raw.indexOf('?')
  const rawPath = q < 0 ? raw : raw.slice(0, q)
  const rawQuery = q < 0 ? '' : raw.slice(q + 1)
  const path = unescapePath(rawPath)
  if (/[\u0000-\u001f\u007f\\]/.test(path)) {
    throw new AmbiguousRequestError('request path decodes to a control character or "\\"')
  }
  if (muxCleanPath(path) !== path) {
    throw new AmbiguousRequestError(
      `request path "${path}" is not canonical (dockerd would redirect it to "${muxCleanPath(path)}")`,
    )
  }
  return { path, rawQuery }
}
