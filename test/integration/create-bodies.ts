/**
 * Generators of container create bodies in the spellings attackers use against Docker API guards:
 * key case and Unicode case folding (ſ for s, K for k), nulls, string-for-array, empty arrays,
 * unknown keys — and, marked as "tricks", the ambiguous forms Airlock refuses: duplicate keys,
 * top-level HostConfig fields, integers written as floats, trailing data.
 */
import fc from 'fast-check'

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** A body as text, with the ambiguity tricks used to write it (empty: Airlock must accept it). */
export interface Spelled {
  text: string
  tricks: string[]
}

/** A JSON document under construction: entries keep their spelled keys, duplicates included. */
type Node = { obj: [string, Node][] } | { arr: Node[] } | { raw: string }

function render(n: Node): string {
  if ('raw' in n) return n.raw
  if ('arr' in n) return `[${n.arr.map(render).join(',')}]`
  return `{${n.obj.map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`).join(',')}}`
}

function lit(v: Json): Node {
  if (Array.isArray(v)) return { arr: v.map(lit) }
  if (v !== null && typeof v === 'object') return { obj: Object.entries(v).map(([k, x]) => [k, lit(x)]) }
  return { raw: JSON.stringify(v) }
}

/** Spellings of a key that Go's decoder matches to the same field. */
export function keySpelling(name: string): fc.Arbitrary<string> {
  const folded = name.replace(/s/g, 'ſ').replace(/k/g, 'K')
  return fc.oneof(
    { arbitrary: fc.constant(name), weight: 4 },
    fc.constant(name.toLowerCase()),
    fc.constant(name.toUpperCase()),
    fc
      .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
      .map((flips) => [...name].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join('')),
    fc.constant(folded),
  )
}

const CAPS = [
  'NET_ADMIN',
  'sys_admin',
  'CAP_SYS_PTRACE',
  'Cap_Chown',
  'ALL',
  'ſys_time',
  'cap_net_raw',
  'KILL',
  'mknod',
]

/** `arb` one time in `every`, otherwise undefined. */
function rarely<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary: arb, weight: 1 })
}

type FieldGen = [name: string, value: fc.Arbitrary<Json | { raw: string; trick: string }>]

const int = (values: number[]): fc.Arbitrary<Json | { raw: string; trick: string }> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 12 },
    fc.constantFrom(...values).map((v) => ({ raw: `${v}.0`, trick: 'float-for-int' })),
    fc.constant(null),
  )

const HOST_CONFIG_FIELDS: FieldGen[] = [
  ['Privileged', fc.constantFrom(true, false, null)],
  ['CapAdd', fc.oneof(fc.subarray(CAPS, { maxLength: 3 }), fc.constantFrom(...CAPS), fc.constant(null))],
  ['CapDrop', fc.oneof(fc.subarray(CAPS, { maxLength: 3 }), fc.constantFrom(...CAPS), fc.constant(null))],
  ['PidMode', fc.constantFrom('host', '', null)],
  ['IpcMode', fc.constantFrom('host', 'private', 'shareable', 'none', '')],
  ['UTSMode', fc.constantFrom('host', '')],
  ['UsernsMode', fc.constantFrom('host', '')],
  ['NetworkMode', fc.constantFrom('host', 'none', 'bridge', 'default', '')],
  ['CgroupnsMode', fc.constantFrom('host', 'private', '')],
  [
    'SecurityOpt',
    fc.oneof(
      fc.subarray(
        [
          'seccomp=unconfined',
          'seccomp:unconfined',
          'apparmor=unconfined',
          'no-new-privileges',
          'no-new-privileges=false',
          'no-new-privileges:true',
          'label=disable',
          'label:disable',
        ],
        { maxLength: 3 },
      ),
      fc.constant(null),
    ),
  ],
  ['ReadonlyRootfs', fc.boolean()],
  ['MaskedPaths', fc.constantFrom([], null, ['/proc/kcore'])],
  ['ReadonlyPaths', fc.constantFrom([], null, ['/proc/sys'])],
  [
    'Binds',
    fc.oneof(
      fc.subarray(
        ['/tmp:/b1', '/tmp:/b2:ro', 'airlock-diff-vol:/b3', '/etc/:/b4:ro,rshared', '//proc/./1:/b5'],
        { maxLength: 3 },
      ),
      fc.constant(null),
    ),
  ],
  ['Tmpfs', fc.constantFrom({ '/run1': 'rw' }, null)],
  [
    'Devices',
    fc.constantFrom(
      [{ PathOnHost: '/dev/null', PathInContainer: '/dev/xnull', CgroupPermissions: 'rwm' }],
      [],
      null,
    ),
  ],
  ['DeviceCgroupRules', fc.constantFrom(['c 1:3 rwm'], ['a *:* rwm'], null)],
  ['PidsLimit', int([-1, 0, 100])],
  ['Memory', int([0, 67108864])],
  ['OomKillDisable', fc.constantFrom(true, false, null)],
  ['Sysctls', fc.constantFrom({ 'net.ipv4.ip_forward': '1' }, null)],
  ['Runtime', fc.constantFrom('runc', '')],
  ['LogConfig', fc.constantFrom({ Type: 'none' }, { Type: 'json-file', Config: {} }, null)],
  [
    'PortBindings',
    fc.constantFrom(
      { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }] },
      { '81/tcp': [{ HostPort: '' }] },
      null,
    ),
  ],
  ['PublishAllPorts', fc.boolean()],
  ['GroupAdd', fc.constantFrom(['0'], ['1000'], null)],
]

const MOUNT_FIELDS = (ro: boolean): [string, Json][] => [
  ['Type', 'bind'],
  ['Source', '/tmp'],
  ['Target', '/m1'],
  ['ReadOnly', ro],
]

interface Built {
  node: Node
  tricks: string[]
}

function fieldNode(name: string, value: Json | { raw: string; trick: string }, tricks: string[]): Node {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'trick' in value) {
    tricks.push(`${value.trick as string}:${name}`)
    return { raw: value.raw as string }
  }
  return lit(value as Json)
}

const hostConfigArb: fc.Arbitrary<Built> = fc
  .tuple(
    fc
      .subarray(HOST_CONFIG_FIELDS, { minLength: 1, maxLength: 8 })
      .chain((fields) =>
        fc.tuple(...fields.map(([name, value]) => fc.tuple(fc.constant(name), keySpelling(name), value))),
      ),
    fc.option(fc.tuple(keySpelling('Mounts'), fc.boolean(), fc.array(fc.nat(3), { maxLength: 4 })), {
      nil: undefined,
    }),
    rarely(fc.nat(20), 8),
  )
  .map(([fields, mounts, dup]) => {
    const tricks: string[] = []
    const obj: [string, Node][] = fields.map(([name, spelled, value]) => [
      spelled,
      fieldNode(name, value, tricks),
    ])
    if (mounts) {
      const [spelled, ro, caseFlips] = mounts
      const inner = MOUNT_FIELDS(ro).map(([k, v], i): [string, Node] => [
        caseFlips.includes(i) ? k.toLowerCase() : k,
        lit(v),
      ])
      obj.push([spelled, { arr: [{ obj: inner }] }])
    }
    if (dup !== undefined && fields.length > 0) {
      const [name, , value] = fields[dup % fields.length] as [string, string, unknown]
      obj.push([name.toLowerCase(), fieldNode(name, value as Json, [])])
      tricks.push(`duplicate:${name}`)
    }
    return { node: { obj }, tricks }
  })

/** A random create body for `image`, and the tricks it uses. */
export function arbitraryCreateBody(image: string): fc.Arbitrary<Spelled> {
  return fc
    .tuple(
      keySpelling('Image'),
      keySpelling('HostConfig'),
      fc.option(hostConfigArb, { nil: undefined }),
      fc.option(fc.tuple(keySpelling('User'), fc.constantFrom('0', 'root', '1000:1000', '+0', '')), {
        nil: undefined,
      }),
      rarely(fc.constantFrom('Privileged', 'CapAdd', 'NetworkMode', 'Binds', 'PidMode'), 8),
      fc.boolean(),
      rarely(fc.constantFrom(' ', '\n', 'x', '{}'), 8),
    )
    .map(([imageKey, hcKey, hc, user, legacy, unknown, trailing]) => {
      const tricks: string[] = [...(hc?.tricks ?? [])]
      const obj: [string, Node][] = [
        [imageKey, lit(image)],
        ['Cmd', lit(['true'])],
      ]
      if (user) obj.push([user[0], lit(user[1])])
      if (hc) obj.push([hcKey, hc.node])
      if (legacy) {
        obj.push([
          legacy,
          lit(
            legacy === 'Privileged'
              ? true
              : legacy === 'CapAdd'
                ? ['SYS_ADMIN']
                : legacy === 'Binds'
                  ? ['/:/host']
                  : 'host',
          ),
        ])
        tricks.push(`legacy-toplevel:${legacy}`)
      }
      if (unknown) obj.push(['XAirlockUnknown', lit({ Privileged: true })])
      let text = render({ obj })
      if (trailing !== undefined) {
        text += trailing
        if (trailing.trim() !== '') tricks.push('trailing-data')
      }
      return { text, tricks }
    })
}

const s = (text: string, ...tricks: string[]): Spelled => ({ text, tricks })

/** Bodies from published Docker API guard bypasses and from reading moby's decoder. */
export const TRICKY_BODIES: Record<string, Spelled> = {
  'lower-case privileged': s('{"Image":"airlock-test/busybox:1","HostConfig":{"privileged":true}}'),
  'long-s in SecurityOpt key': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"ſecurityOpt":["seccomp=unconfined"]}}',
  ),
  'Kelvin sign in PidsLimit... (no k) and in Links': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"LinKs":[]}}',
  ),
  'CapAdd as a string (StrSlice)': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"CapAdd":"SYS_ADMIN"}}',
  ),
  'null Privileged after true (duplicate)': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"Privileged":true,"Privileged":null}}',
    'duplicate',
  ),
  'case-duplicate HostConfig objects': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"Privileged":false},"hostconfig":{"Privileged":true}}',
    'duplicate',
  ),
  'top-level Privileged (20.10 legacy wrapper)': s(
    '{"Image":"airlock-test/busybox:1","Privileged":true}',
    'legacy-toplevel',
  ),
  'top-level Binds with HostConfig null': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":null,"Binds":["/:/host"]}',
    'legacy-toplevel',
  ),
  'empty MaskedPaths unmasks /proc': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"MaskedPaths":[],"ReadonlyPaths":[]}}',
  ),
  'null MaskedPaths keeps defaults': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"MaskedPaths":null}}',
  ),
  'security opt with colon separator': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"SecurityOpt":["apparmor:unconfined","no-new-privileges:false"]}}',
  ),
  'later security opt wins': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"SecurityOpt":["no-new-privileges","no-new-privileges=false"]}}',
  ),
  'bind with dotted source path': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"Binds":["/tmp/../etc:/x:ro"]}}',
  ),
  'mount with lower-case keys': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"Mounts":[{"type":"bind","source":"/etc","target":"/x","readonly":true}]}}',
  ),
  'PidsLimit -1 is unlimited': s('{"Image":"airlock-test/busybox:1","HostConfig":{"PidsLimit":-1}}'),
  'PidsLimit as float': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"PidsLimit":1e2}}',
    'float-for-int',
  ),
  'trailing second object': s(
    '{"Image":"airlock-test/busybox:1"}{"HostConfig":{"Privileged":true}}',
    'trailing-data',
  ),
  'unicode escape in key': s('{"Image":"airlock-test/busybox:1","HostConfig":{"Privil\\u0065ged":true}}'),
  'capability with dotless i': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"CapAdd":["cap_sys_admın"]}}',
  ),
  'network mode container join': s(
    '{"Image":"airlock-test/busybox:1","HostConfig":{"NetworkMode":"none","PidMode":"host"}}',
  ),
  'user as +0': s('{"Image":"airlock-test/busybox:1","User":"+0:0"}'),
  'lower-case top-level config keys': s('{"image":"airlock-test/busybox:1","user":"0","cmd":["true"]}'),
}
