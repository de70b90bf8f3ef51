import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/**
 * The private network of one test daemon: its own Linux bridge (instead of the shared docker0) and
 * its own /20 out of 10.64.0.0/10. The bridge gets the first /24, networks the daemon creates come
 * from the rest (`--default-address-pool`). The daemon runs with `--iptables=false`, so it never
 * touches the host's DOCKER chains; one ACCEPT rule in FORWARD (tagged with the owner directory)
 * lets its containers talk to each other when br_netfilter and a DROP policy would block them.
 */
export interface DaemonNetwork {
  bridge: string
  /** The whole /20 of this daemon, e.g. `10.70.32.0/20`. */
  subnet: string
  /** Address of the bridge, e.g. `10.70.32.1/24`. */
  bridgeCidr: string
  /** The `airlock-test:<dir>` tag on the bridge (its alias) and on the FORWARD rule. */
  tag: string
  /** What did not work (e.g. no iptables), for the daemon log. */
  warnings: string[]
}

const TAG_PREFIX = 'airlock-test:'
const SLOTS = 1024 // /20s in 10.64.0.0/10

function sh(cmd: string, args: readonly string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  const err = r.error ? r.error.message : r.stderr.trim()
  return { ok: r.status === 0, out: r.stdout ?? '', err }
}

function toInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
}

/** [first, last] address of every IPv4 route and interface address on the host. */
function usedRanges(): [number, number][] {
  const ranges: [number, number][] = []
  const add = (cidr: string) => {
    const [ip = '', bits = '32'] = cidr.split('/')
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return
    const size = 2 ** (32 - Number(bits))
    const start = toInt(ip) - (toInt(ip) % size)
    ranges.push([start, start + size - 1])
  }
  const routes = sh('ip', ['-j', '-4', 'route', 'show', 'table', 'all'])
  if (routes.ok) for (const r of JSON.parse(routes.out) as { dst: string }[]) add(r.dst)
  const addrs = sh('ip', ['-j', '-4', 'addr', 'show'])
  if (addrs.ok) {
    for (const link of JSON.parse(addrs.out) as { addr_info?: { local: string; prefixlen: number }[] }[]) {
      for (const a of link.addr_info ?? []) add(`${a.local}/${a.prefixlen}`)
    }
  }
  return ranges
}

function forwardRule(net: DaemonNetwork): string[] {
  return [
    'FORWARD',
    '-s',
    net.subnet,
    '-d',
    net.subnet,
    '-m',
    'comment',
    '--comment',
    net.tag,
    '-j',
    'ACCEPT',
  ]
}

/**
 * Creates a bridge and address range no other daemon uses (the bridge name encodes the range, and
 * `ip link add` is atomic, so concurrent test processes cannot claim the same one).
 *
 * @example
 * const net = claimNetwork('/tmp/airlock-dockerd-Ab12Cd')
 * // dockerd --bridge net.bridge --default-address-pool base=<net.subnet>,size=24 --iptables=false …
 */
export function claimNetwork(ownerDir: string): DaemonNetwork {
  const used = usedRanges()
  const tag = `${TAG_PREFIX}${ownerDir}`
  const first = Math.floor(Math.random() * SLOTS)
  let lastError = ''
  for (let i = 0; i < SLOTS; i++) {
    const slot = (first + i) % SLOTS
    const a = 64 + (slot >> 4)
    const b = (slot & 15) << 4
    const start = toInt(`10.${a}.${b}.0`)
    if (used.some(([s, e]) => s <= start + 4095 && e >= start)) continue
    const bridge = `airlocktest${slot}`
    const add = sh('ip', ['link', 'add', 'name', bridge, 'type', 'bridge'])
    if (!add.ok) {
      lastError = add.err
      if (/exists/i.test(add.err)) continue
      throw new Error(`cannot create bridge ${bridge}: ${add.err} (the test daemon needs root and iproute2)`)
    }
    const net: DaemonNetwork = {
      bridge,
      subnet: `10.${a}.${b}.0/20`,
      bridgeCidr: `10.${a}.${b}.1/24`,
      tag,
      warnings: [],
    }
    for (const args of [
      ['link', 'set', bridge, 'alias', tag],
      ['addr', 'add', net.bridgeCidr, 'dev', bridge],
      ['link', 'set', bridge, 'up'],
    ]) {
      const r = sh('ip', args)
      if (!r.ok) {
        sh('ip', ['link', 'del', bridge])
        throw new Error(`ip ${args.join(' ')}: ${r.err}`)
      }
    }
    const rule = sh('iptables', ['-w', '-I', ...forwardRule(net)])
    if (!rule.ok) net.warnings.push(`iptables: ${rule.err}: containers may not reach each other`)
    return net
  }
  throw new Error(`no free address range for a test daemon bridge in 10.64.0.0/10 (${lastError})`)
}

/** Deletes the bridge and FORWARD rule of `net`. Idempotent. */
export function releaseNetwork(net: DaemonNetwork): void {
  sh('iptables', ['-w', '-D', ...forwardRule(net)])
  sh('ip', ['link', 'del', net.bridge])
}

/**
 * Deletes bridges and FORWARD rules left behind by test daemons whose directory no longer exists
 * (a test process that was killed). Best effort.
 */
export function reapStaleNetworks(): void {
  const links = sh('ip', ['-j', '-d', 'link', 'show', 'type', 'bridge'])
  if (links.ok) {
    for (const l of JSON.parse(links.out) as { ifname: string; ifalias?: string }[]) {
      const dir = l.ifalias?.startsWith(TAG_PREFIX) ? l.ifalias.slice(TAG_PREFIX.length) : undefined
      if (dir !== undefined && !existsSync(dir)) sh('ip', ['link', 'del', l.ifname])
    }
  }
  const rules = sh('iptables', ['-w', '-S', 'FORWARD'])
  if (!rules.ok) return
  for (const line of rules.out.split('\n')) {
    const m = /--comment "?airlock-test:(\S+?)"? /.exec(line)
    if (m && !existsSync(m[1]!) && line.startsWith('-A FORWARD ')) {
      const args = line
        .slice(3)
        .split(/\s+/)
        .map((s) => s.replace(/^"|"$/g, ''))
      sh('iptables', ['-w', '-D', ...args])
    }
  }
}
