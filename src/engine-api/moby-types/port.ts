import { text } from '../go-json/dsl.js'

function goToLower(s: string): string {
  let out = ''
  for (const ch of s) {
    if (ch === '\u0130') out += 'i'
    else {
      const low = ch.toLowerCase()
      out += [...low].length === 1 ? low : ch
    }
  }
  return out
}

/**
 * The canonical form of a port key (`"80"`, `"80/TCP"`, `"0080/tcp"` → `"80/tcp"`), as current
 * dockerd parses it (`network.ParsePort`: base-10 uint16, protocol lower-cased, tcp by default; the
 * empty string is the zero port). Throws for keys it refuses. dockerd 20.10 kept keys as raw strings
 * and validated them later; two keys with one canonical form are refused as duplicates.
 *
 * @example
 * canonicalPort('80') // '80/tcp'
 * canonicalPort('53/UDP') // '53/udp'
 * canonicalPort('80-90/tcp') // throws
 */
export function canonicalPort(key: string): string {
  if (key === '') return ''
  const slash = key.indexOf('/')
  const end = slash < 0 ? key.length : slash
  if (end === 0) throw new Error(`invalid port '': value is empty`)
  let n = 0
  for (let i = 0; i < end; i++) {
    const c = key.charCodeAt(i)
    if (c < 0x30 || c > 0x39) throw new Error(`invalid port '${key.slice(0, end)}': invalid syntax`)
    n = n * 10 + (c - 0x30)
    if (n > 65535) throw new Error(`invalid port '${key.slice(0, end)}': value out of range`)
  }
  const proto = slash < 0 ? '' : key.slice(slash + 1)
  if (proto === '' || proto === 'tcp') return `${n}/tcp`
  return `${n}/${/^[\x00-\x40\x5b-\x7f]*$/.test(proto) ? proto : goToLower(proto)}`
}

/** `nat.Port` / `network.Port`: a map key such as `"80/tcp"`. */
export const Port = text('network.Port', canonicalPort)

/** `netip.Addr` in current dockerd, a plain string before; accepted as any string. */
export const IPAddr = text('netip.Addr')

/** `netip.Prefix` in current dockerd, a plain string before; accepted as any string. */
export const IPPrefix = text('netip.Prefix')

/** `network.HardwareAddr` in current dockerd, a plain string before; accepted as any string. */
export const HardwareAddr = text('network.HardwareAddr')
