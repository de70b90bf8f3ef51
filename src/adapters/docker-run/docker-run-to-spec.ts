import { isIP } from 'node:net'
import { InputError } from '../../errors.js'
import { isKnownCapability, normalizeCapability } from '../../model/capabilities.js'
import { completeSpec } from '../../model/complete-spec.js'
import type { ContainerSpec, ContainerSpecInput, DeviceRequest } from '../../model/container-spec.js'
import { parseSecurityOpts } from '../docker-create/parse-security-opts.js'
import { parseRunArgv, type RunOption } from './parse-run-argv.js'
import { runDevices } from './run-devices.js'
import { runMounts } from './run-mounts.js'
import { networkTarget, runNamespaces } from './run-namespaces.js'
import { runPorts } from './run-ports.js'
import { runResources } from './run-resources.js'
import { securityOptPaths } from './security-opt-paths.js'
import { splitDockerCommand } from './split-docker-command.js'

export interface DockerRunOptions {
  /** The directory the command runs in: `.`-relative `-v` and `--mount` sources resolve against it. */
  cwd?: string
}

/** Which argv words wrote a spec path: from the option word to its value. */
export interface RunOrigin {
  path: (string | number)[]
  from: number
  to: number
}

export interface DockerRunParse {
  spec: ContainerSpec
  origins: RunOrigin[]
}

/** Options grouped by name, in command-line order. */
export type OptionsByName = ReadonlyMap<string, readonly RunOption[]>

function keyValues(list: readonly RunOption[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const o of list ?? []) {
    const i = o.value.indexOf('=')
    out[i < 0 ? o.value : o.value.slice(0, i)] = i < 0 ? '' : o.value.slice(i + 1)
  }
  return out
}

function capabilities(list: readonly RunOption[] | undefined): string[] {
  return (list ?? []).map((o) => {
    const c = normalizeCapability(o.value)
    if (!isKnownCapability(c)) throw new InputError(`unknown capability: "${o.value}" (dockerd refuses it)`)
    return c
  })
}

function sysctls(list: readonly RunOption[] | undefined): Record<string, string> {
  for (const o of list ?? []) {
    const k = o.value.split('=')[0] ?? ''
    const allowed =
      o.value.includes('=') &&
      k !== '' &&
      (/^kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)$/.test(k) ||
        k.startsWith('net.') ||
        k.startsWith('fs.mqueue.'))
    if (!allowed) throw new InputError(`sysctl '${o.value}' is not allowed`)
  }
  return keyValues(list)
}

function extraHost(value: string): string {
  let i = value.indexOf('=')
  if (i < 0) i = value.indexOf(':')
  const host = i < 0 ? '' : value.slice(0, i)
  if (i < 0 || host === '' || host.includes(':')) throw new InputError(`bad format for add-host: "${value}"`)
  return `${host}:${value.slice(i + 1)}`
}

function restartPolicy(value: string): { name: string; maximumRetryCount: number } {
  const i = value.indexOf(':')
  if (i === 0) throw new InputError('invalid restart policy format: no policy provided before colon')
  const count = i < 0 ? '' : value.slice(i + 1)
  if (count !== '' && !/^[+-]?[0-9]+$/.test(count)) {
    throw new InputError('invalid restart policy format: maximum retry count must be an integer')
  }
  return { name: i < 0 ? value : value.slice(0, i), maximumRetryCount: count === '' ? 0 : Number(count) }
}

function securityOptions(list: readonly RunOption[] | undefined): ContainerSpecInput['security'] {
  const values = (list ?? []).map((o) => o.value)
  for (const v of values) {
    const sep = v.includes('=') ? '=' : ':'
    const [k, val] = [v.split(sep)[0], v.slice(v.indexOf(sep) + 1)]
    if (k !== 'no-new-privileges' && (!v.includes(sep) || val === '')) {
      throw new InputError(`invalid --security-opt: "${v}"`)
    }
  }
  const unconfined = values.includes('systempaths=unconfined')
  const security = parseSecurityOpts(values.filter((v) => v !== 'systempaths=unconfined'))
  return { ...security, systempathsUnconfined: unconfined }
}

function gpus(value: string): DeviceRequest {
  const req: DeviceRequest = { driver: '', count: 0, deviceIds: [], capabilities: [] }
  let counted = false
  for (const field of value.split(',')) {
    const i = field.indexOf('=')
    const key = i < 0 ? 'count' : field.slice(0, i)
    const val = i < 0 ? field : field.slice(i + 1)
    if (key === 'count') {
      counted = true
      if (val !== 'all' && !/^[0-9]+$/.test(val))
        throw new InputError(`invalid count (${val}): value must be either "all" or an integer`)
      req.count = val === 'all' ? -1 : Number(val)
    } else if (key === 'driver') req.driver = val
    else if (key === 'device') req.deviceIds = val.split(',')
    else if (key === 'capabilities') req.capabilities = [[...val.split(','), 'gpu']]
    else if (key !== 'options') throw new InputError(`unexpected key '${key}' in '${field}'`)
  }
  if (!counted && req.deviceIds.length === 0) req.count = 1
  if (req.capabilities.length === 0) req.capabilities = [['gpu']]
  return req
}

function healthcheck(by: OptionsByName): ContainerSpecInput['healthcheck'] {
  const cmd = by.get('health-cmd')?.at(-1)?.value ?? ''
  const other = [
    'health-interval',
    'health-retries',
    'health-timeout',
    'health-start-period',
    'health-start-interval',
  ]
  const settings = cmd !== '' || other.some((n) => by.has(n))
  if (by.get('no-healthcheck')?.at(-1)?.value === 'true') {
    if (settings) throw new InputError('--no-healthcheck conflicts with --health-* options')
    return { test: ['NONE'], disabled: true }
  }
  if (!settings) return undefined
  return { test: cmd === '' ? [] : ['CMD-SHELL', cmd], disabled: false }
}

/**
 * Parses a `docker run` / `docker create` command line into the ContainerSpec its create request
 * becomes, and records which arguments wrote which part of the spec. `argv` is either the whole
 * command (`['docker', 'run', ...]`, also `docker container create`, with global options) or only
 * what follows `run`. Values the shell would expand (`$PWD`, `$(pwd)`) are kept as written.
 * Anything the docker CLI refuses (an unknown option, a bad port) throws an InputError.
 *
 * @example parseDockerRun(['docker', 'run', '--privileged', 'alpine']).origins[0] // { path: ['privileged'], from: 2, to: 2 }
 */
export function parseDockerRun(argv: readonly string[], opts: DockerRunOptions = {}): DockerRunParse {
  const cmd = splitDockerCommand(argv)
  const offset = cmd ? cmd.argsFrom : argv[0] === 'run' || argv[0] === 'create' ? 1 : 0
  const parsed = parseRunArgv(argv.slice(offset), offset)
  const by = new Map<string, RunOption[]>()
  for (const o of parsed.options) by.set(o.name, [...(by.get(o.name) ?? []), o])
  const last = (name: string) => by.get(name)?.at(-1)
  const lastValue = (name: string) => last(name)?.value
  const origins: RunOrigin[] = []
  const mark = (path: (string | number)[], o: RunOption | undefined) => {
    if (o) origins.push({ path, from: o.index, to: o.valueIndex })
  }
  const markAll = (path: (string | number)[], name: string) => {
    for (const [i, o] of (by.get(name) ?? []).entries()) mark([...path, i], o)
  }

  const mounts = runMounts(parsed.options, opts.cwd)
  const ports = runPorts(by)
  const devices = runDevices(by)
  const resources = runResources(by, mark)
  const namespaces = runNamespaces(by, mark)
  const restart = lastValue('restart')
  const rp = restart === undefined || restart === '' ? undefined : restartPolicy(restart)
  if (lastValue('rm') === 'true' && rp && rp.name !== 'no') {
    throw new InputError('conflicting options: cannot specify both --restart and --rm')
  }
  if (lastValue('log-driver') === 'none' && by.has('log-opt')) {
    throw new InputError('invalid logging opts for driver none')
  }
  for (const d of by.get('dns') ?? [])
    if (isIP(d.value) === 0) throw new InputError(`${d.value} is not an ip address`)
  const entrypoint = last('entrypoint')
  const health = healthcheck(by)
  const input: ContainerSpecInput = {
    image: parsed.image,
    user: lastValue('user') ?? '',
    groupAdd: (by.get('group-add') ?? []).map((o) => o.value),
    command: parsed.command,
    entrypoint: entrypoint ? [entrypoint.value] : [],
    env: (by.get('env') ?? []).map((o) => {
      if (o.value.split('=')[0] === '') throw new InputError(`invalid environment variable: ${o.value}`)
      return o.value
    }),
    labels: keyValues(by.get('label')),
    workingDir: lastValue('workdir') ?? '',
    privileged: lastValue('privileged') === 'true',
    capAdd: capabilities(by.get('cap-add')),
    capDrop: capabilities(by.get('cap-drop')),
    namespaces,
    security: securityOptions(by.get('security-opt')),
    readOnlyRootfs: lastValue('read-only') === 'true',
    mounts: mounts.map((m) => ({ ...m.mount, origin: ['argv', m.option.index] })),
    volumesFrom: (by.get('volumes-from') ?? []).map((o) => o.value),
    devices: devices.devices.map((d) => ({ ...d.device, origin: ['argv', d.option.index] })),
    deviceCgroupRules: (by.get('device-cgroup-rule') ?? []).map((o) => o.value),
    deviceRequests: [
      ...(by.get('gpus') ?? []).map((o) => gpus(o.value)),
      ...devices.requests.map((r) => r.request),
    ],
    resources,
    ports: ports.bindings.map((p) => ({ ...p.port, origin: ['argv', p.option.index] })),
    publishAllPorts: lastValue('publish-all') === 'true',
    exposedPorts: ports.exposed,
    sysctls: sysctls(by.get('sysctl')),
    runtime: lastValue('runtime') ?? '',
    cgroupParent: lastValue('cgroup-parent') ?? '',
    logConfig: { type: lastValue('log-driver') ?? '', config: keyValues(by.get('log-opt')) },
    ...(rp && { restartPolicy: rp }),
    ...(health && { healthcheck: health }),
    networks: namespaces.network === '' ? [] : (by.get('network') ?? []).map((o) => networkTarget(o.value)),
    links: (by.get('link') ?? []).map((o) => o.value),
    extraHosts: (by.get('add-host') ?? []).map((o) => extraHost(o.value)),
    dns: (by.get('dns') ?? []).map((o) => o.value),
    storageOpt: keyValues(by.get('storage-opt')),
    isolation: lastValue('isolation') ?? '',
    ...(by.has('init') && { init: lastValue('init') === 'true' }),
    autoRemove: lastValue('rm') === 'true',
    annotations: keyValues(by.get('annotation')),
  }
  if (by.has('name')) input.name = lastValue('name') as string
  const spec = completeSpec(input)

  origins.push({ path: ['image'], from: parsed.imageIndex, to: parsed.imageIndex })
  parsed.command.forEach((_, i) => {
    const at = parsed.imageIndex + 1 + i
    origins.push({ path: ['command', i], from: at, to: at })
  })
  for (const [path, name] of [
    [['name'], 'name'],
    [['user'], 'user'],
    [['entrypoint'], 'entrypoint'],
    [['workingDir'], 'workdir'],
    [['privileged'], 'privileged'],
    [['readOnlyRootfs'], 'read-only'],
    [['publishAllPorts'], 'publish-all'],
    [['runtime'], 'runtime'],
    [['cgroupParent'], 'cgroup-parent'],
    [['logConfig'], 'log-driver'],
    [['restartPolicy'], 'restart'],
    [['healthcheck'], 'health-cmd'],
    [['healthcheck'], 'no-healthcheck'],
    [['isolation'], 'isolation'],
    [['init'], 'init'],
    [['autoRemove'], 'rm'],
  ] as const) {
    mark([...path], last(name))
  }
  for (const [path, name] of [
    ['groupAdd', 'group-add'],
    ['env', 'env'],
    ['capAdd', 'cap-add'],
    ['capDrop', 'cap-drop'],
    ['volumesFrom', 'volumes-from'],
    ['deviceCgroupRules', 'device-cgroup-rule'],
    ['links', 'link'],
    ['extraHosts', 'add-host'],
    ['dns', 'dns'],
  ] as const) {
    markAll([path], name)
  }
  for (const [path, name] of [
    ['labels', 'label'],
    ['sysctls', 'sysctl'],
    ['storageOpt', 'storage-opt'],
    ['annotations', 'annotation'],
    ['logConfig', 'log-opt'],
  ] as const) {
    for (const o of by.get(name) ?? []) {
      const k = o.value.split('=')[0] as string
      mark(path === 'logConfig' ? ['logConfig', 'config', k] : [path, k], o)
    }
  }
  markSecurity(by, mark)
  for (const [i, m] of mounts.entries()) mark(['mounts', i], m.option)
  for (const [i, p] of ports.bindings.entries()) mark(['ports', i], p.option)
  for (const [i, d] of devices.devices.entries()) mark(['devices', i], d.option)
  const requestOptions = [...(by.get('gpus') ?? []), ...devices.requests.map((r) => r.option)]
  for (const [i, o] of requestOptions.entries()) mark(['deviceRequests', i], o)
  return { spec, origins }
}

function markSecurity(
  by: OptionsByName,
  mark: (path: (string | number)[], o: RunOption | undefined) => void,
) {
  const opts = by.get('security-opt') ?? []
  const paths = securityOptPaths(opts.map((o) => o.value))
  opts.forEach((o, i) => {
    const path = paths[i]
    if (path) mark(path, o)
  })
  mark(['security'], opts[0])
}

/**
 * The ContainerSpec a `docker run` / `docker create` command line asks for (see `parseDockerRun`).
 *
 * @example dockerRunToSpec(['docker', 'run', '--cap-add', 'sys_admin', 'alpine']).capAdd // ['CAP_SYS_ADMIN']
 */
export function dockerRunToSpec(argv: readonly string[], opts: DockerRunOptions = {}): ContainerSpec {
  return parseDockerRun(argv, opts).spec
}
