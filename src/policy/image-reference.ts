/**
 * Docker image references, parsed as dockerd does (`distribution/reference`'s
 * `ParseNormalizedNamed`): `busybox` is `docker.io/library/busybox`, `localhost:5000/x` and
 * `registry.example.com/team/app:1.2@sha256:...` name their registry.
 */
export interface ImageReference {
  /** Registry host (and port): `docker.io`, `ghcr.io`, `localhost:5000`. */
  domain: string
  /** Repository path within the registry: `library/busybox`. */
  path: string
  tag: string | undefined
  digest: string | undefined
}

const alnum = '[a-z0-9]+'
const separator = '(?:[._]|__|[-]+)'
const pathComponent = `${alnum}(?:${separator}${alnum})*`
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[(?:[a-fA-F0-9:]+)\\])`
const domainAndPort = `${host}(?::[0-9]+)?`
const namePat = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`
const tagPat = '[\\w][\\w.-]{0,127}'
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`)
const IDENTIFIER = /^[a-f0-9]{64}$/

/**
 * Whether a string names a local image by id (`sha256:<64 hex>` or 64 hex digits) rather than by
 * repository: such an image's origin is whatever was pulled or loaded before.
 *
 * @example isImageId('sha256:' + 'a'.repeat(64)) // true
 */
export function isImageId(ref: string): boolean {
  return IDENTIFIER.test(ref.startsWith('sha256:') ? ref.slice(7) : ref)
}

function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/')
  if (slash < 0) return { domain: 'docker.io', remainder: `library/${name}` }
  const maybe = name.slice(0, slash)
  let domain = 'docker.io'
  let remainder = name
  if (maybe === 'localhost' || /[.:]/.test(maybe) || maybe.toLowerCase() !== maybe) {
    domain = maybe === 'index.docker.io' ? 'docker.io' : maybe
    remainder = name.slice(slash + 1)
  }
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`
  return { domain, remainder }
}

/**
 * Parses an image reference with Docker's normalization. Undefined when dockerd would reject it
 * (upper-case repository, bad tag, a bare 64-hex id, ...).
 *
 * @example parseImageReference('busybox') // { domain: 'docker.io', path: 'library/busybox', tag: undefined, digest: undefined }
 * @example parseImageReference('localhost:5000/app:1') // { domain: 'localhost:5000', path: 'app', tag: '1', digest: undefined }
 */
export function parseImageReference(ref: string): ImageReference | undefined {
  if (IDENTIFIER.test(ref)) return undefined
  const { domain, remainder } = splitDockerDomain(ref)
  const colon = remainder.indexOf(':')
  const remote = colon < 0 ? remainder : remainder.slice(0, colon)
  if (remote.toLowerCase() !== remote) return undefined
  const m = REFERENCE.exec(`${domain}/${remainder}`)
  if (!m) return undefined
  const name = m[1] ?? ''
  return { domain, path: name.slice(domain.length + 1), tag: m[2], digest: m[3] }
}

/**
 * Whether a parsed reference is under one of the allowed registries. Entries are a registry host
 * (`ghcr.io`, `registry.example.com:5000`) or a host with a path prefix (`docker.io/library`);
 * `index.docker.io` means `docker.io`.
 *
 * @example registryAllowed(parseImageReference('nginx')!, ['docker.io/library']) // true
 */
export function registryAllowed(ref: ImageReference, allowed: readonly string[]): boolean {
  const full = `${ref.domain}/${ref.path}`
  return allowed.some((entry) => {
    const e = entry.replace(/^index\.docker\.io(?=\/|$)/, 'docker.io').replace(/\/+$/, '')
    return full === e || full.startsWith(`${e}/`)
  })
}
