/**
 * IP address parsing and classification for decisions about where the daemon connects or listens.
 * Addresses are byte arrays: 4 bytes for IPv4, 16 for IPv6.
 */

/**
 * Go's `net.ParseIP` for IPv4: four decimal octets, no leading zeros (Go 1.17+).
 *
 * @example parseIPv4('127.0.0.1') // [127, 0, 0, 1]
 */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.')
  if (parts.length !== 4) return undefined
  const out: number[] = []
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined
    const n = Number(p)
    if (n > 255) return undefined
    out.push(n)
  }
  return out
}

function looseNumber(p: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(p)) return p.length === 2 ? 0 : Number.parseInt(p.slice(2), 16)
  if (/^0[0-7]*$/.test(p)) return Number.parseInt(p, 8)
  if (/^[1-9][0-9]*$/.test(p)) return Number(p)
  return undefined
}

/**
 * IPv4 the way C's `inet_aton` (and so getaddrinfo, curl and git) reads it: one to four parts, each
 * decimal, octal (`0177`) or hex (`0x7f`), the last filling the remaining bytes. `2130706433`,
 * `0x7f.1` and `127.1` are all 127.0.0.1.
 *
 * @example parseIPv4Loose('0x7f.1') // [127, 0, 0, 1]
 */
export function parseIPv4Loose(s: string): number[] | undefined {
  const parts = s.split('.')
  if (parts.length < 1 || parts.length > 4) return undefined
  const nums: number[] = []
  for (const p of parts) {
    const n = looseNumber(p)
    if (n === undefined || !Number.isFinite(n)) return undefined
    nums.push(n)
  }
  const last = nums.pop() ?? 0
  if (nums.some((n) => n > 255)) return undefined
  const rest = 4 - nums.length
  if (last >= 2 ** (8 * rest)) return undefined
  const tail: number[] = []
  for (let i = rest - 1; i >= 0; i--) tail.push(Math.floor(last / 2 ** (8 * i)) % 256)
  return [...nums, ...tail]
}

/**
 * IPv6 in any valid spelling (`::1`, `0:0::1`, `::ffff:127.0.0.1`, with or without brackets and a
 * `%zone`), as 16 bytes.
 *
 * @example parseIPv6('[::1]') // [0, 0, ..., 0, 1]
 */
export function parseIPv6(input: string): number[] | undefined {
  let s = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input
  const zone = s.indexOf('%')
  if (zone >= 0) s = s.slice(0, zone)
  if (!s.includes(':')) return undefined
  const halves = s.split('::')
  if (halves.length > 2) return undefined
  const groups = (h: string | undefined): number[] | undefined => {
    if (h === undefined || h === '') return []
    const out: number[] = []
    const parts = h.split(':')
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p)
        if (!v4) return undefined
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0))
        continue
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined
      out.push(Number.parseInt(p, 16))
    }
    return out
  }
  const head = groups(halves[0])
  const tail = halves.length === 2 ? groups(halves[1]) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  return all.flatMap((g) => [g >> 8, g & 0xff])
}

function inV4(b: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = Math.floor(i / 8)
    const mask = 0x80 >> (i % 8)
    if (((b[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false
  }
  return true
}

const V4_RANGES: [number[], number, string][] = [
  [[0, 0, 0, 0], 8, 'unspecified ("this host")'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared address space (carrier-grade NAT)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local (cloud metadata services live here)'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'IETF protocol assignments'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
]

const V6_RANGES: [number[], number, string][] = [
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfc, 0x00], 7, 'unique local (private)'],
  [[0xfe, 0xc0], 10, 'site-local'],
  [[0xff, 0x00], 8, 'multicast'],
]

/**
 * Why an address is not a public one, or undefined when it is: loopback, private, link-local,
 * unspecified, ... IPv6 addresses that embed an IPv4 address (mapped `::ffff:a.b.c.d`, compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the embedded address.
 *
 * @example ipCategory([169, 254, 169, 254]) // 'link-local (cloud metadata services live here)'
 */
export function ipCategory(b: readonly number[]): string | undefined {
  const bytes = [...b]
  if (bytes.length === 4) return V4_RANGES.find(([p, bits]) => inV4(bytes, p, bits))?.[2]
  const zero = (from: number, to: number) => bytes.slice(from, to).every((x) => x === 0)
  if (zero(0, 16)) return 'unspecified ("this host")'
  if (zero(0, 15) && bytes[15] === 1) return 'loopback'
  if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return ipCategory(bytes.slice(12))
  if (zero(0, 12)) return ipCategory(bytes.slice(12))
  if (inV4(bytes, [0x00, 0x64, 0xff, 0x9b], 32) && zero(4, 12)) return ipCategory(bytes.slice(12))
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return ipCategory(bytes.slice(2, 6))
  return V6_RANGES.find(([p, bits]) => inV4(bytes, p, bits))?.[2]
}

/**
 * Whether a host IP means "every interface": empty, `0.0.0.0`, or the IPv6 unspecified address in
 * any spelling (`::`, `[::]`, `0:0::0`, `::ffff:0.0.0.0`).
 *
 * @example isUnspecifiedIp('[::]') // true
 */
export function isUnspecifiedIp(s: string): boolean {
  if (s === '') return true
  const v4 = parseIPv4(s)
  if (v4) return v4.every((x) => x === 0)
  const v6 = parseIPv6(s)
  if (!v6) return false
  if (v6.every((x) => x === 0)) return true
  return (
    v6.slice(0, 10).every((x) => x === 0) &&
    v6[10] === 0xff &&
    v6[11] === 0xff &&
    v6.slice(12).every((x) => x === 0)
  )
}
