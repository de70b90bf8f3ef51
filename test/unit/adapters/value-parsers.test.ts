// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile and compose variable syntax under test
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { interpolate } from '../../../src/adapters/compose/interpolate.js'
import { parseComposeVolume } from '../../../src/adapters/compose/parse-compose-volume.js'
import { parseDotenv } from '../../../src/adapters/compose/parse-dotenv.js'
import { splitCommandWords } from '../../../src/adapters/compose/split-command-words.js'
import { parseCsvFields } from '../../../src/adapters/docker-run/parse-csv-fields.js'
import { parseNanoCpus } from '../../../src/adapters/docker-run/parse-nano-cpus.js'
import { parsePortSpec } from '../../../src/adapters/docker-run/parse-port-spec.js'
import { parseUlimit } from '../../../src/adapters/docker-run/parse-ulimit.js'
import { ramInBytes } from '../../../src/adapters/docker-run/ram-in-bytes.js'
import { substituteVariables } from '../../../src/adapters/dockerfile/substitute-variables.js'
import { parseQuantity } from '../../../src/adapters/kubernetes/parse-quantity.js'

describe('parsePortSpec (go-connections nat.ParsePortSpec)', () => {
  it('reads every form', () => {
    assert.deepEqual(parsePortSpec('80'), [{ containerPort: '80/tcp', hostIp: '', hostPort: '' }])
    assert.deepEqual(parsePortSpec('8080:80'), [{ containerPort: '80/tcp', hostIp: '', hostPort: '8080' }])
    assert.deepEqual(parsePortSpec('0.0.0.0:53:53/UDP'), [
      { containerPort: '53/udp', hostIp: '0.0.0.0', hostPort: '53' },
    ])
    assert.deepEqual(parsePortSpec('[::1]:80:80'), [
      { containerPort: '80/tcp', hostIp: '::1', hostPort: '80' },
    ])
    assert.deepEqual(parsePortSpec('127.0.0.1::80'), [
      { containerPort: '80/tcp', hostIp: '127.0.0.1', hostPort: '' },
    ])
    assert.deepEqual(parsePortSpec('8000-8010:80'), [
      { containerPort: '80/tcp', hostIp: '', hostPort: '8000-8010' },
    ])
    assert.deepEqual(
      parsePortSpec('9000-9001:90-91/sctp').map((p) => `${p.hostPort}->${p.containerPort}`),
      ['9000->90/sctp', '9001->91/sctp'],
    )
  })

  it('refuses what the CLI refuses', () => {
    for (const bad of ['', '80:80/icmp', 'x:80:80', '70000', '80-70:80-70', '1-3:1-2']) {
      assert.throws(() => parsePortSpec(bad), `${bad} is refused`)
    }
  })

  it('property: host:container round-trips for every valid port pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }), (h, c) => {
        assert.deepEqual(parsePortSpec(`${h}:${c}`), [
          { containerPort: `${c}/tcp`, hostIp: '', hostPort: `${h}` },
        ])
      }),
    )
  })
})

describe('sizes, CPUs, ulimits, quantities', () => {
  it('ramInBytes reads go-units sizes', () => {
    assert.equal(ramInBytes('512m'), 536870912)
    assert.equal(ramInBytes('1GiB'), 1073741824)
    assert.equal(ramInBytes('1.5g'), 1610612736)
    assert.equal(ramInBytes('2048'), 2048)
    assert.equal(ramInBytes('10 KB'), 10240)
    assert.throws(() => ramInBytes('12x'))
    assert.throws(() => ramInBytes('-1m'))
    assert.throws(() => ramInBytes('m'))
  })

  it('parseNanoCpus is exact to nine decimals', () => {
    assert.equal(parseNanoCpus('0.5'), 500000000)
    assert.equal(parseNanoCpus('2'), 2000000000)
    assert.equal(parseNanoCpus('.1'), 100000000)
    assert.throws(() => parseNanoCpus('0.0000000001'))
    assert.throws(() => parseNanoCpus('one'))
  })

  it('parseUlimit reads soft[:hard]', () => {
    assert.deepEqual(parseUlimit('nofile=1024:2048'), { name: 'nofile', soft: 1024, hard: 2048 })
    assert.deepEqual(parseUlimit('core=-1'), { name: 'core', soft: -1, hard: -1 })
    assert.throws(() => parseUlimit('nofile=10:5'), /soft limit/)
    assert.throws(() => parseUlimit('bogus=1'), /invalid ulimit type/)
  })

  it('parseQuantity reads Kubernetes quantities', () => {
    assert.equal(parseQuantity('512Mi'), 536870912)
    assert.equal(parseQuantity('1G'), 1e9)
    assert.equal(parseQuantity('500m'), 0.5)
    assert.equal(parseQuantity('0.5'), 0.5)
    assert.equal(parseQuantity('1e3'), 1000)
    assert.equal(parseQuantity(2), 2)
    assert.throws(() => parseQuantity('1GB'))
  })
})

describe('compose interpolation', () => {
  const env: Record<string, string> = { SET: 'value', EMPTY: '' }
  const lookup = (n: string) => env[n]

  it('substitutes every form compose knows', () => {
    const cases: [string, string][] = [
      ['$SET/${SET}', 'value/value'],
      ['${UNSET}', ''],
      ['${UNSET:-d}|${EMPTY:-d}|${SET:-d}', 'd|d|value'],
      ['${UNSET-d}|${EMPTY-d}|${SET-d}', 'd||value'],
      ['${UNSET:+a}|${EMPTY:+a}|${SET:+a}', '||a'],
      ['${UNSET+a}|${EMPTY+a}|${SET+a}', '|a|a'],
      ['${UNSET:-${SET}}', 'value'],
      ['$$SET costs $$5', '$SET costs $5'],
      ['$1 and $', '$1 and $'],
    ]
    for (const [template, expected] of cases) assert.equal(interpolate(template, lookup), expected, template)
  })

  it('fails required variables with their message', () => {
    assert.throws(
      () => interpolate('${UNSET:?set it}', lookup),
      /required variable UNSET is missing a value: set it/,
    )
    assert.throws(() => interpolate('${EMPTY:?}', lookup), /required variable EMPTY/)
    assert.equal(interpolate('${EMPTY?}', lookup), '')
    assert.throws(() => interpolate('${UNSET?}', lookup), /required variable UNSET/)
    assert.throws(() => interpolate('${', lookup), /Invalid template/)
    assert.throws(() => interpolate('${1x}', lookup), /Invalid template/)
  })

  it('property: text without $ is unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('$')),
        (s) => {
          assert.equal(interpolate(s, lookup), s)
        },
      ),
    )
  })

  it('parseDotenv reads compose .env files', () => {
    const text = `# comment
A=1
export B="two words\\n" # trailing
C='literal $A'
D=\${A}-\${UNDEF:-x}  # inline comment
E: yaml style
F="multi
line"
`
    assert.deepEqual(
      parseDotenv(text, (n) => (n === 'SHELL_ONLY' ? 's' : undefined)),
      {
        A: '1',
        B: 'two words\n',
        C: 'literal $A',
        D: '1-x',
        E: 'yaml style',
        F: 'multi\nline',
      },
    )
  })
})

describe('compose and Dockerfile word syntax', () => {
  it('parseComposeVolume reads short syntax as compose-go does', () => {
    assert.deepEqual(parseComposeVolume('./data:/data:ro'), {
      type: 'bind',
      source: './data',
      target: '/data',
      readOnly: true,
    })
    assert.deepEqual(parseComposeVolume('data:/data:nocopy'), {
      type: 'volume',
      source: 'data',
      target: '/data',
      readOnly: false,
      noCopy: true,
    })
    assert.deepEqual(parseComposeVolume('/x'), { type: 'volume', source: '', target: '/x', readOnly: false })
    assert.deepEqual(parseComposeVolume('~/x:/x:rshared'), {
      type: 'bind',
      source: '~/x',
      target: '/x',
      readOnly: false,
      propagation: 'rshared',
    })
    assert.deepEqual(parseComposeVolume('C:\\data:/data').source, 'C:\\data')
    assert.throws(() => parseComposeVolume('data:/x:ro:extra'), /too many colons/)
    assert.throws(() => parseComposeVolume('data::/x'), /empty section/)
  })

  it('splitCommandWords splits like go-shellwords', () => {
    assert.deepEqual(splitCommandWords(`python -m worker --queue "default jobs" 'a b' c\\ d`), [
      'python',
      '-m',
      'worker',
      '--queue',
      'default jobs',
      'a b',
      'c d',
    ])
  })

  it('parseCsvFields reads Go csv lines', () => {
    assert.deepEqual(parseCsvFields('a=1,"b=2,3","c=""q"""'), ['a=1', 'b=2,3', 'c="q"'])
    assert.throws(() => parseCsvFields('a="b'), /bare "/)
  })

  it('substituteVariables resolves Dockerfile variables and reports missing ones', () => {
    const scope = new Map<string, string | undefined>([
      ['V', '3.20'],
      ['EMPTY', ''],
      ['NOVALUE', undefined],
    ])
    assert.deepEqual(substituteVariables('alpine:${V}', scope), { value: 'alpine:3.20', unresolved: false })
    assert.deepEqual(substituteVariables('$V-${EMPTY:-x}-${EMPTY-y}', scope), {
      value: '3.20-x-',
      unresolved: false,
    })
    assert.deepEqual(substituteVariables('${V:+set}${NOPE:+no}', scope), { value: 'set', unresolved: false })
    assert.deepEqual(substituteVariables('${NOVALUE}', scope), { value: '', unresolved: true })
    assert.deepEqual(substituteVariables('${NOVALUE:-d}', scope), { value: 'd', unresolved: false })
    assert.deepEqual(substituteVariables('\\$V', scope), { value: '$V', unresolved: false })
  })
})
