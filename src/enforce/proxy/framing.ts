import type { Exchange } from './exchange.js'
import { Refusal } from './refusal.js'

/** Headers dockerd reads once (Go's Header.Get takes the first): a second copy has no single meaning. */
const SINGLE_HEADERS = ['content-type', 'upgrade', 'x-registry-auth', 'x-registry-config', 'authorization']

/** Content types for which Go's ParseForm reads parameters from the body, where Airlock does not look. */
function isFormContentType(value: string): boolean {
  const base = (value.split(';')[0] ?? '').trim().toLowerCase()
  return base === 'application/x-www-form-urlencoded' || base.startsWith('multipart/')
}

function refuse(message: string): never {
  throw new Refusal(400, `airlock: refused: ${message}`, { close: true })
}

/**
 * Pass 1 — framing: refuses a request whose body length, encoding or key headers another HTTP
 * implementation could read differently (request smuggling, header confusion), and form content
 * types dockerd would parse parameters from. Node's strict parser refuses most of these already; this
 * pass makes the rule explicit and independent of the Node version.
 *
 * @example checkFraming(ex) // throws Refusal(400) for `Content-Length` + `Transfer-Encoding`
 */
export function checkFraming(ex: Exchange): void {
  if (ex.httpVersion !== '1.1' && ex.httpVersion !== '1.0')
    refuse(`HTTP version ${ex.httpVersion} is not supported`)
  let contentLength = 0
  let transferEncoding = 0
  const seen = new Map<string, number>()
  const raw = ex.rawHeaders
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase()
    const value = raw[i + 1] as string
    if (name === 'content-length') {
      contentLength++
      if (!/^[0-9]+$/.test(value.trim())) refuse(`Content-Length "${value}" is not a number`)
    } else if (name === 'transfer-encoding') {
      transferEncoding++
      if (value.trim().toLowerCase() !== 'chunked')
        refuse(`Transfer-Encoding "${value}" is not supported (only chunked)`)
    } else if (SINGLE_HEADERS.includes(name)) {
      const n = (seen.get(name) ?? 0) + 1
      seen.set(name, n)
      if (n > 1) refuse(`the ${raw[i]} header is sent more than once`)
      if (name === 'content-type' && isFormContentType(value)) {
        refuse(
          `Content-Type ${value.split(';')[0]?.trim()} is not accepted: dockerd would read request parameters from the body; send JSON`,
        )
      }
    }
  }
  if (contentLength > 1) refuse('more than one Content-Length header')
  if (transferEncoding > 1) refuse('more than one Transfer-Encoding header')
  if (contentLength && transferEncoding) refuse('both Content-Length and Transfer-Encoding are set')
}
