import { ipCategory, parseIPv4, parseIPv4Loose, parseIPv6 } from './ip-address.js'

/** Where a URL the daemon fetches points: its scheme and host, as Go's `net/url` would split it. */
export interface FetchTarget {
  scheme: string
  host: string
}

/**
 * Splits a remote the daemon fetches (a build context URL, a git repository, an import URL) into
 * scheme and host, the way dockerd and git read it: `scheme://[user@]host[:port]/...`, scp-like
 * `git@host:path`, and `github.com/...`. `defaultScheme` is used when there is no `://` (the import
 * endpoint prefixes `http://`). Returns a reason string when the remote cannot be read unambiguously.
 *
 * @example fetchTarget('https://user@10.0.0.1:8443/repo.git') // { scheme: 'https', host: '10.0.0.1' }
 * @example fetchTarget('git@github.com:moby/moby.git') // { scheme: 'ssh', host: 'github.com' }
 */
export function fetchTarget(remote: string, defaultScheme = 'https'): FetchTarget | string {
  if (/[\s\\]/.test(remote) || /[^\x21-\x7e]/.test(remote)) {
    return 'contains white space, a backslash or non-ASCII characters, which URL parsers read differently'
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(remote)) {
    return 'uses a git remote helper (`transport::address`), which runs a program on the daemon host'
  }
  let scheme = defaultScheme
  let rest = remote
  const sep = remote.indexOf('://')
  if (sep >= 0) {
    scheme = remote.slice(0, sep).toLowerCase()
    rest = remote.slice(sep + 3)
  } else if (remote.startsWith('git@')) {
    const colon = remote.indexOf(':')
    return { scheme: 'ssh', host: normalizeHost(remote.slice(4, colon < 0 ? undefined : colon)) }
  }
  const end = rest.search(/[/?#]/)
  const authority = end < 0 ? rest : rest.slice(0, end)
  const at = authority.split('@')
  if (at.length > 2) return 'has more than one "@" in its authority, which URL parsers split differently'
  const hostPort = at[at.length - 1] ?? ''
  let host: string
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    if (close < 0) return 'has an unterminated IPv6 literal'
    host = hostPort.slice(0, close + 1)
  } else {
    const colon = hostPort.lastIndexOf(':')
    host = colon < 0 ? hostPort : hostPort.slice(0, colon)
  }
  try {
    host = decodeURIComponent(host)
  } catch {
    return 'has a malformed percent-escape in its host'
  }
  if (/[^\x21-\x7e]/.test(host)) return 'has a host with non-ASCII characters after unescaping'
  return { scheme, host: normalizeHost(host) }
}

function normalizeHost(h: string): string {
  const lower = h.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}

const INTERNAL_SUFFIXES = ['.localhost', '.internal', '.local', '.localdomain', '.home.arpa']

/**
 * Why a host is internal to the daemon's network, or undefined when it looks public: loopback,
 * private, link-local (cloud metadata) and other non-public addresses in any spelling (`127.1`,
 * `0x7f000001`, `[::ffff:127.0.0.1]`), `localhost` and internal-only names (`*.internal`, `*.local`,
 * single-label names), and public wildcard-DNS names that embed an internal address (`10.0.0.1.nip.io`).
 * Names that merely resolve to an internal address cannot be seen here.
 *
 * @example internalHostReason('169.254.169.254') // 'link-local (cloud metadata services live here) address 169.254.169.254'
 */
export function internalHostReason(host: string): string | undefined {
  if (host === '') return 'has no host (a local file or socket on the daemon host)'
  const v6 = host.startsWith('[') || host.includes(':') ? parseIPv6(host) : undefined
  if (host.startsWith('[') && !v6) return `has an IPv6 literal ${host} that does not parse`
  const addr = v6 ?? parseIPv4(host) ?? (/^[0-9a-fx.]+$/.test(host) ? parseIPv4Loose(host) : undefined)
  if (addr) {
    const cat = ipCategory(addr)
    return cat ? `${cat} address ${host}` : undefined
  }
  if (/^[0-9.]+$/.test(host)) return `numeric host ${host} that is not an address`
  if (host === 'localhost' || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) {
    return `internal host name ${host}`
  }
  if (!host.includes('.')) return `single-label host name ${host}, which only an internal resolver answers`
  const embedded = /(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?=[.-]|$)/.exec(host)
  if (embedded) {
    const ip = embedded.slice(1, 5).map(Number)
    if (ip.every((x) => x <= 255)) {
      const cat = ipCategory(ip)
      if (cat)
        return `host name ${host}, which embeds the ${cat} address ${ip.join('.')} (wildcard DNS services resolve it there)`
    }
  }
  return undefined
}
