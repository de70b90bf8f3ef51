// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile and compose variable syntax under test
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { dockerfileModel } from '../../../src/adapters/dockerfile/dockerfile-model.js'
import { locateInstruction } from '../../../src/adapters/dockerfile/locate-instruction.js'
import { runProgram } from '../../../src/model/dockerfile.js'

const DIR = fileURLToPath(new URL('../../../../test/fixtures/adapters/dockerfile/', import.meta.url))
const read = (name: string) => dockerfileModel(`${DIR}${name}`, readFileSync(`${DIR}${name}`, 'utf8'))
const model = (text: string) => {
  const r = dockerfileModel('Dockerfile', text)
  assert.deepEqual(r.errors, [])
  return r.model
}

describe('dockerfileModel: a multi-stage build', () => {
  const { model: m, errors } = read('api.Dockerfile')

  it('reads without errors, every instruction with its line', () => {
    assert.deepEqual(errors, [])
    assert.deepEqual(
      m.instructions.map((i) => `${i.line}:${i.keyword}`),
      [
        '3:ARG',
        '4:ARG',
        '6:FROM',
        '7:ARG',
        '8:ENV',
        '10:WORKDIR',
        '11:COPY',
        '12:RUN',
        '17:FROM',
        '18:ARG',
        '19:RUN',
        '20:USER',
        '21:HEALTHCHECK',
        '22:EXPOSE',
        '24:FROM',
        '25:COPY',
        '26:CMD',
      ],
    )
    assert.deepEqual(m.instructions[7]?.flags, { mount: 'type=cache,target=/root/.cache' })
    assert.deepEqual([m.instructions[4]?.endLine, m.instructions[4]?.stage], [9, 0])
  })

  it('resolves global ARGs into FROM, and links stages built on earlier ones', () => {
    assert.deepEqual(
      m.stages.map((s) => [s.name, s.written, s.image, s.fromStage]),
      [
        ['build', '${BASE}', 'python:3.12-slim', undefined],
        ['runtime', 'build', 'build', 0],
        [undefined, 'runtime', 'runtime', 1],
      ],
    )
  })

  it('inherits USER, HEALTHCHECK and EXPOSE through FROM <stage>, with stage ARGs substituted', () => {
    assert.deepEqual(m.user, { written: '${APP_UID}:${APP_UID}', value: '10001:10001', instruction: 11 })
    assert.deepEqual(m.healthcheck, { none: false, instruction: 12 })
    assert.deepEqual(m.exposes, [{ port: '8000/tcp', instruction: 13 }])
  })

  it('records ARG defaults and ENV values', () => {
    assert.deepEqual(
      m.args.map((a) => [a.name, a.value, a.stage]),
      [
        ['PYTHON_VERSION', '3.12', -1],
        ['BASE', 'python:3.12-slim', -1],
        ['PIP_INDEX_TOKEN', undefined, 0],
        ['APP_UID', '10001', 1],
      ],
    )
    assert.deepEqual(
      m.env.map((e) => [e.name, e.value]),
      [
        ['PIP_NO_CACHE_DIR', '1'],
        ['APP_HOME', '/app'],
      ],
    )
  })

  it('splits RUN into shell commands, continuations joined and comments dropped', () => {
    assert.deepEqual(
      m.runs[0]?.commands.map((c) => c.words.join(' ')),
      ['pip install --prefix=/install -r requirements.txt', 'rm -rf /tmp/*'],
    )
  })
})

describe('dockerfileModel: the details', () => {
  it('reads the legacy file: ADD sources and checksums, here-document RUNs, HEALTHCHECK NONE', () => {
    const { model: m, errors } = read('legacy.Dockerfile')
    assert.deepEqual(errors, [])
    assert.deepEqual(
      m.adds.map((a) => [a.sources, a.checksum !== undefined]),
      [
        [['https://example.com/tools/installer.tar.gz'], false],
        [['https://example.com/tools/verified.tar.gz'], true],
      ],
    )
    assert.deepEqual(
      m.runs[2]?.commands.map((c) => [c.words.join(' '), c.next]),
      [
        ['wget -qO- https://example.com/setup', '|'],
        ['sudo bash', '\n'],
      ],
    )
    assert.deepEqual(m.healthcheck, { none: true, instruction: 10 })
    assert.equal(m.user?.value, 'root')
  })

  it('re-imports a global ARG into a stage with ARG NAME, and leaves ARGs without value unresolved', () => {
    const m = model(
      'ARG UID=1000\nARG GID\nFROM alpine:3.20\nARG UID\nARG GID\nUSER ${UID}\nFROM alpine:3.20\nUSER ${UID:-2000}\n',
    )
    assert.equal(m.args.find((a) => a.name === 'UID' && a.stage === 0)?.value, '1000')
    assert.equal(m.args.find((a) => a.name === 'GID' && a.stage === 0)?.value, undefined)
    assert.equal(m.user?.value, '2000', 'global ARGs are not visible in a stage without ARG UID')
    const unresolved = model('FROM alpine:3.20\nARG U\nUSER $U\n')
    assert.deepEqual(unresolved.user, { written: '$U', value: undefined, instruction: 2 })
  })

  it('uses ENV of a parent stage, but not its ARGs', () => {
    const m = model(
      'FROM alpine:3.20 AS base\nENV APP_USER=app\nARG PORT=80\nFROM base\nUSER $APP_USER\nEXPOSE ${PORT:-8080}\n',
    )
    assert.equal(m.user?.value, 'app')
    assert.deepEqual(
      m.exposes.map((e) => e.port),
      ['8080/tcp'],
    )
  })

  it('runs exec-form RUNs as one command, and here-document scripts of a shell', () => {
    const m = model(
      'FROM alpine:3.20\nRUN ["sudo", "make", "install"]\nRUN bash <<EOS\nset -e\ncurl -sL x | sh\nEOS\nRUN python3 <<EOS\nimport os\nEOS\n',
    )
    assert.deepEqual(m.runs[0]?.commands, [{ words: ['sudo', 'make', 'install'], next: undefined }])
    assert.deepEqual(
      m.runs[1]?.commands.map((c) => c.words[0]),
      ['bash', 'set', 'curl', 'sh'],
    )
    assert.deepEqual(
      m.runs[2]?.commands.map((c) => c.words[0]),
      ['python3'],
    )
  })

  it('honours the escape directive', () => {
    const m = model('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a `\n    b\n')
    assert.deepEqual(m.runs[0]?.commands[0]?.words, ['a', 'b'])
  })

  it('reports unknown instructions, instructions before FROM and a missing FROM', () => {
    const r = dockerfileModel('Dockerfile', 'RUN echo hi\nFROM alpine:3.20\nFROBNICATE x\n')
    assert.deepEqual(
      r.errors.map((e) => [e.location.line, e.message]),
      [
        [1, 'RUN before the first FROM: no build stage in current context'],
        [3, 'unknown instruction: FROBNICATE'],
      ],
    )
    assert.deepEqual(
      dockerfileModel('Dockerfile', '# nothing\n').errors.map((e) => e.message),
      ['the Dockerfile has no FROM instruction'],
    )
  })

  it('locates findings at instructions and stages', () => {
    const { model: m } = read('api.Dockerfile')
    const file = `${DIR}api.Dockerfile`
    assert.deepEqual(locateInstruction(m, ['instructions', 11]), {
      file,
      line: 20,
      column: 1,
      endLine: 20,
      endColumn: 27,
    })
    assert.deepEqual(locateInstruction(m, ['instructions', 7, 'text']).line, 12)
    assert.deepEqual(locateInstruction(m, ['stages', 1]).line, 17)
    assert.deepEqual(locateInstruction(m, ['user']).line, 3)
    assert.deepEqual(locateInstruction(model('FROM x:1\n'), ['instructions', 9]).line, 1)
  })

  it('runProgram skips assignments, env, sudo and its options', () => {
    assert.deepEqual(runProgram(['A=1', 'sudo', '-u', 'root', '-E', '/usr/bin/apt-get', 'install']), {
      program: 'apt-get',
      args: ['install'],
      wrappers: ['sudo'],
    })
    assert.deepEqual(runProgram(['env', 'X=1', 'curl', '-s']), {
      program: 'curl',
      args: ['-s'],
      wrappers: [],
    })
  })
})
