import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { dockerRunWorkloads } from '../../../src/adapters/docker-run/docker-run-workloads.js'
import { extractDockerRunLines } from '../../../src/adapters/docker-run/extract-docker-run-lines.js'
import { parseShell } from '../../../src/adapters/docker-run/parse-shell.js'

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/adapters/docker-run/', import.meta.url))
const fixture = (name: string) => ({
  path: `${FIXTURES}${name}`,
  text: readFileSync(`${FIXTURES}${name}`, 'utf8'),
})
const words = (text: string) => parseShell(text).commands.map((c) => c.words.map((w) => w.text))

describe('parseShell', () => {
  it('splits words with shell quoting and keeps expansions as written', () => {
    // The command inside $(...) comes first, as a command of its own.
    assert.deepEqual(words(`a 'b c' "d $HOME \\"e\\"" f\\ g $'h\\ti' "$(pwd)"/x`), [
      ['pwd'],
      ['a', 'b c', 'd $HOME "e"', 'f g', 'h\ti', '$(pwd)/x'],
    ])
  })

  it('splits commands at control operators and newlines, and parses command substitutions', () => {
    const p = parseShell('a && b || c; d | e & f\ng $(h i) `j`')
    assert.deepEqual(
      p.commands.map((c) => [c.words.map((w) => w.text).join(' '), c.next]),
      [
        ['a', '&&'],
        ['b', '||'],
        ['c', ';'],
        ['d', '|'],
        ['e', '&'],
        ['f', '\n'],
        ['h i', undefined],
        ['j', undefined],
        ['g $(h i) `j`', undefined],
      ],
    )
  })

  it('joins line continuations, drops comments and redirections with their targets', () => {
    assert.deepEqual(words('a \\\n  b # c d\ne 2>&1 >/dev/null <in f'), [
      ['a', 'b'],
      ['e', 'f'],
    ])
  })

  it('returns here-document bodies instead of parsing them', () => {
    const p = parseShell("cat <<'EOF' >out\ndocker run --privileged x\nEOF\necho done\n")
    assert.deepEqual(
      p.heredocs.map((h) => h.body),
      ['docker run --privileged x\n'],
    )
    assert.deepEqual(
      p.commands.map((c) => c.words.map((w) => w.text)),
      [['cat'], ['echo', 'done']],
    )
  })

  it('reports word offsets in the text', () => {
    const [cmd] = parseShell('  docker  run "a b"').commands
    assert.deepEqual(
      cmd?.words.map((w) => [w.start, w.end]),
      [
        [2, 8],
        [10, 13],
        [14, 19],
      ],
    )
  })

  it('property: a single-quoted word survives any content', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("'")),
        (s) => {
          assert.deepEqual(words(`echo '${s}'`), [['echo', s]])
        },
      ),
    )
  })

  it('property: never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab $(){}`\'"\\|&;<>#\n\t=') }), (s) => {
        parseShell(s)
      }),
      { numRuns: 500 },
    )
  })
})

describe('extractDockerRunLines', () => {
  it('finds commands behind sudo, env assignments, $(...) and in if/then blocks', () => {
    const lines = extractDockerRunLines(
      'x.sh',
      'sudo -u ops docker run -d a\nFOO=1 env BAR=2 docker create b\nID=$(docker run -d c) && echo\nif true; then docker container run d; fi\ndocker ps\n',
    )
    assert.deepEqual(
      lines.map((l) => l.argv.join(' ')),
      ['docker run -d a', 'docker create b', 'docker run -d c', 'docker container run d'],
    )
  })

  it('reads a shell script with continuations and skips here-documents', () => {
    const { path, text } = fixture('deploy.sh')
    const lines = extractDockerRunLines(path, text)
    assert.deepEqual(
      lines.map((l) => [l.argv.slice(0, 2).join(' '), l.location.line, l.location.endLine]),
      [
        ['docker create', 8, 13],
        ['docker run', 17, 17],
      ],
    )
    assert.ok(!lines.some((l) => l.argv.includes('--privileged')), 'the here-document is not a command')
  })

  it('reads Makefile recipes (tabs, @ and - prefixes, continuations) and variable values', () => {
    const { path, text } = fixture('Makefile')
    const lines = extractDockerRunLines(path, text)
    assert.deepEqual(
      lines.map((l) => l.location.line),
      [4, 9, 17, 21, 24],
    )
    const test = lines[1]
    assert.deepEqual(test?.argv, [
      'docker',
      'run',
      '--rm',
      '-v',
      '$(CURDIR):/src:ro',
      '-w',
      '/src',
      '--network',
      'none',
      '$(IMAGE):$(TAG)',
      'pytest',
      '-q',
    ])
    assert.deepEqual(test?.words[4], { file: path, line: 10, column: 6, endLine: 10, endColumn: 25 })
  })

  it('reads CI YAML: literal block scalars line by line, folded and plain scalars', () => {
    const { path, text } = fixture('.github/workflows/ci.yml')
    const lines = extractDockerRunLines(path, text)
    assert.deepEqual(
      lines.map((l) => [l.argv.at(-1), l.location.line, l.location.column]),
      [
        ['redis:7.2', 13, 11],
        ['test', 16, 14],
        ['app', 19, 11],
      ],
    )
    assert.deepEqual(lines[0]?.words.at(-1), { file: path, line: 14, column: 39, endLine: 14, endColumn: 48 })
  })

  it('reads GitLab script lists item by item', () => {
    const text =
      'test:\n  image: docker:27\n  script:\n    - docker build -t app .\n    - "docker run --rm -v /var/run/docker.sock:/var/run/docker.sock app"\n'
    const [line] = extractDockerRunLines('.gitlab-ci.yml', text)
    assert.deepEqual(line?.argv.slice(0, 4), ['docker', 'run', '--rm', '-v'])
    assert.deepEqual([line?.location.line, line?.location.column], [5, 8])
    assert.deepEqual(line?.words[4], {
      file: '.gitlab-ci.yml',
      line: 5,
      column: 27,
      endLine: 5,
      endColumn: 68,
    })
  })

  it('yields nothing for Dockerfiles', () => {
    assert.deepEqual(extractDockerRunLines('Dockerfile', 'FROM alpine\nRUN docker run --privileged x\n'), [])
  })
})

describe('dockerRunWorkloads', () => {
  it('turns each line into a workload located at the arguments that set a spec path', () => {
    const { path, text } = fixture('Makefile')
    const r = dockerRunWorkloads(path, text)
    const shell = r.workloads.find((w) => w.location.line === 21)
    assert.ok(shell)
    assert.equal(shell.name, `docker run (${path}:21)`)
    assert.equal(shell.format, 'docker-run')
    assert.equal(shell.spec.privileged, true)
    assert.equal(shell.spec.namespaces.pid, 'host')
    assert.deepEqual(shell.locate(['privileged']), {
      file: path,
      line: 21,
      column: 18,
      endLine: 21,
      endColumn: 30,
    })
    assert.deepEqual(shell.locate(['mounts', 0, 'source']), {
      file: path,
      line: 21,
      column: 42,
      endLine: 21,
      endColumn: 52,
    })
    assert.deepEqual(shell.locate(['namespaces', 'pid']), {
      file: path,
      line: 21,
      column: 31,
      endLine: 21,
      endColumn: 41,
    })
    assert.deepEqual(shell.locate(['resources', 'memory']), shell.location)
    const db = r.workloads.find((w) => w.location.line === 17)
    assert.deepEqual(db?.locate(['ports', 0, 'hostIp']), {
      file: path,
      line: 17,
      column: 31,
      endLine: 17,
      endColumn: 53,
    })
    assert.deepEqual(db?.locate(['resources', 'pidsLimit']), {
      file: path,
      line: 18,
      column: 18,
      endLine: 18,
      endColumn: 34,
    })
  })

  it('reports a line the CLI refuses at its location and keeps the others', () => {
    const { path, text } = fixture('Makefile')
    const r = dockerRunWorkloads(path, text)
    assert.equal(r.workloads.length, 4)
    assert.deepEqual(r.errors, [
      {
        message: 'docker run: unknown flag: --frobnicate',
        location: { file: path, line: 24, column: 2, endLine: 24, endColumn: 37 },
      },
    ])
  })

  it('names docker create workloads after their subcommand', () => {
    const { path, text } = fixture('deploy.sh')
    const [create, debug] = dockerRunWorkloads(path, text).workloads
    assert.equal(create?.name, `docker create (${path}:8)`)
    assert.deepEqual(create?.spec.capDrop, ['ALL'])
    assert.equal(create?.spec.security.noNewPrivileges, true)
    assert.equal(create?.spec.image, '$IMAGE')
    assert.equal(debug?.spec.namespaces.network, 'container:shop-api')
  })

  it('reads a workflow: the socket mount is found and located', () => {
    const { path, text } = fixture('.github/workflows/ci.yml')
    const trivy = dockerRunWorkloads(path, text).workloads.find((w) => w.spec.image.startsWith('aquasec/'))
    assert.equal(trivy?.spec.mounts[0]?.source, '/var/run/docker.sock')
    assert.equal(trivy?.locate(['mounts', 0, 'source']).line, 19)
  })
})
