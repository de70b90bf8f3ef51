import { join } from 'node:path'
import type { SourcePath } from '../model/container-spec.js'
import {
  type DaemonFile,
  type DaemonFileRole,
  type DaemonListener,
  DaemonPosture,
} from '../model/daemon-posture.js'
import { dockerdFor, flagBool } from './dockerd-flags.js'
import type { EngineClient } from './engine-client.js'
import type { HostProbe } from './host-probe.js'

type Json = Record<string, unknown>

const DEFAULT_CONFIG = '/etc/docker/daemon.json'
const SYSTEM_FILES: readonly [string, DaemonFileRole][] = [
  ['/lib/systemd/system/docker.service', 'docker.service'],
  ['/usr/lib/systemd/system/docker.service', 'docker.service'],
  ['/etc/systemd/system/docker.service', 'docker.service'],
  ['/lib/systemd/system/docker.socket', 'docker.socket'],
  ['/usr/lib/systemd/system/docker.socket', 'docker.socket'],
  ['/etc/systemd/system/docker.socket', 'docker.socket'],
  ['/etc/docker', 'config-dir'],
  ['/etc/default/docker', 'default-env'],
  ['/etc/sysconfig/docker', 'sysconfig-env'],
  ['/run/containerd/containerd.sock', 'containerd-socket'],
  ['/var/run/docker/containerd/containerd.sock', 'containerd-socket'],
]

async function getJson(client: EngineClient, path: string): Promise<Json | undefined> {
  const res = await client.get(path)
  if (res.status !== 200) return undefined
  try {
    const v: unknown = JSON.parse(res.body.toString('utf8'))
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
  } catch {
    return undefined
  }
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** `0.0.0.0:2375` from the daemon's own warning about an unencrypted or unverified TCP listener. */
function warningListeners(warnings: readonly string[]): DaemonListener[] {
  const out: DaemonListener[] = []
  for (const w of warnings) {
    const m = /API is accessible on (https?):\/\/(\S+?)\.? without (encryption|TLS client verification)/.exec(
      w,
    )
    if (!m) continue
    out.push({ address: `tcp://${m[2]}`, tls: m[1] === 'https', tlsVerify: false, source: 'api' })
  }
  return out
}

function insecureRegistries(info: Json): string[] {
  const reg = (info['RegistryConfig'] ?? {}) as Json
  const cidrs = strings(reg['InsecureRegistryCIDRs'])
  const index = (reg['IndexConfigs'] ?? {}) as Record<string, Json>
  const names = Object.values(index)
    .filter((c) => c && c['Secure'] === false && typeof c['Name'] === 'string')
    .map((c) => c['Name'] as string)
  return [...cidrs, ...names]
}

/** daemon.json as an object; undefined when absent or invalid (dockerd does not start with an invalid one). */
function parseConfig(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined
  try {
    const json: unknown = text.trim() === '' ? {} : JSON.parse(text)
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Json) : undefined
  } catch {
    return undefined
  }
}

/** What was read about the daemon besides its API: its daemon.json and its command line. */
export interface DaemonSources {
  /** daemon.json, parsed, and its path; undefined when it could not be read. */
  config?: { path: string; text: string; json: Json }
  /** The daemon's flags, when its process could be found. */
  flags?: Map<string, string[]>
  /** The unix socket the scanner connected to, when local. */
  socketPath?: string
}

function listenersFrom(sources: DaemonSources, origins: Record<string, SourcePath>): DaemonListener[] {
  const { config, flags } = sources
  const tlsVerify = flagBool(flags ?? new Map(), 'tlsverify') ?? bool(config?.json['tlsverify']) ?? false
  const tls = tlsVerify || (flagBool(flags ?? new Map(), 'tls') ?? bool(config?.json['tls']) ?? false)
  const out: DaemonListener[] = []
  strings(config?.json['hosts']).forEach((address, i) => {
    origins[`listeners.${out.length}`] = ['hosts', i]
    out.push({ address, tls, tlsVerify, source: 'daemon.json', origin: ['hosts', i] })
  })
  for (const address of flags?.get('host') ?? []) out.push({ address, tls, tlsVerify, source: 'flags' })
  return out
}

function statFiles(probe: HostProbe, entries: readonly [string, DaemonFileRole][]): DaemonFile[] {
  const out: DaemonFile[] = []
  const seen = new Set<string>()
  for (const [path, role] of entries) {
    if (seen.has(path)) continue
    seen.add(path)
    const s = probe.stat(path)
    if (!s) continue
    const group = probe.groupName(s.gid)
    out.push({ path, role, uid: s.uid, gid: s.gid, mode: s.mode, ...(group !== undefined && { group }) })
  }
  return out
}

function fileEntries(probe: HostProbe, sources: DaemonSources, system: boolean): [string, DaemonFileRole][] {
  const entries: [string, DaemonFileRole][] = []
  if (sources.socketPath) entries.push([sources.socketPath, 'docker-socket'])
  if (system) entries.push(...SYSTEM_FILES)
  if (sources.config) entries.push([sources.config.path, 'daemon.json'])
  const tlsFile = (key: string, role: DaemonFileRole) => {
    const path = sources.flags?.get(key)?.at(-1) ?? str(sources.config?.json[key])
    if (path) entries.push([path, role])
  }
  tlsFile('tlscacert', 'tls-ca')
  tlsFile('tlscert', 'tls-cert')
  tlsFile('tlskey', 'tls-key')
  if (system) {
    for (const registry of probe.listDir('/etc/docker/certs.d') ?? []) {
      const dir = join('/etc/docker/certs.d', registry)
      for (const name of probe.listDir(dir) ?? []) {
        entries.push([join(dir, name), name.endsWith('.key') ? 'tls-key' : 'registry-cert'])
      }
    }
  }
  return entries
}

/**
 * Reads the daemon's posture: `/version`, `/info` and `/networks/bridge` over the API; when the
 * daemon is local (a unix socket), also its process's flags, its daemon.json and the owner and mode
 * of its socket, units, configuration, certificates and keys. The system files (units, /etc/docker,
 * /etc/default/docker) are checked only for the system daemon (default socket or config path).
 *
 * @example const { posture } = await collectDaemonPosture(engineClient(host), localHostProbe())
 */
export async function collectDaemonPosture(
  client: EngineClient,
  probe: HostProbe,
): Promise<{ posture: DaemonPosture; sources: DaemonSources }> {
  const version = (await getJson(client, '/version')) ?? {}
  const info = await getJson(client, '/info')
  if (!info) throw new Error(`GET /info on ${client.host} did not return a JSON object`)
  const bridge = await getJson(client, '/networks/bridge')

  const sources: DaemonSources = {}
  const socket = /^unix:\/\/(\/.*)$/.exec(client.host)?.[1]
  if (socket) {
    sources.socketPath = socket
    const flags = dockerdFor(socket, probe.dockerdCommandLines(), (file) =>
      strings(parseConfig(probe.readFile(file))?.['hosts']),
    )
    if (flags) sources.flags = flags
    const isDefaultSocket = socket === '/var/run/docker.sock' || socket === '/run/docker.sock'
    const configPath = flags?.get('config-file')?.at(-1) ?? (isDefaultSocket ? DEFAULT_CONFIG : undefined)
    const text = configPath ? probe.readFile(configPath) : undefined
    const json = parseConfig(text)
    if (configPath && text !== undefined && json) sources.config = { path: configPath, text, json }
  }
  const { config, flags } = sources
  const origins: Record<string, SourcePath> = {}
  const fromConfig = (field: string, key: string): unknown => {
    if (!config || !(key in config.json)) return undefined
    origins[field] = [key]
    return config.json[key]
  }
  const observed = config !== undefined && flags !== undefined

  const listeners = listenersFrom(sources, origins)
  const known = new Set(listeners.map((l) => l.address.replace(/^tcp:\/\//, '')))
  for (const l of warningListeners(strings(info['Warnings']))) {
    if (!known.has(l.address.replace(/^tcp:\/\//, ''))) listeners.push(l)
  }
  if (
    /^(tcp|http):\/\//i.test(client.host) &&
    !client.tls &&
    !listeners.some((l) => /^(tcp|http):/.test(l.address) && !l.tls)
  ) {
    listeners.push({ address: client.host, tls: false, tlsVerify: false, source: 'client' })
  }

  const registries = insecureRegistries(info)
  const configured = strings(config?.json['insecure-registries'])
  registries.forEach((r, i) => {
    const j = configured.indexOf(r)
    if (j >= 0) origins[`insecureRegistries.${i}`] = ['insecure-registries', j]
  })
  const icc = str(((bridge?.['Options'] ?? {}) as Json)['com.docker.network.bridge.enable_icc'])
  fromConfig('icc', 'icc')
  fromConfig('liveRestore', 'live-restore')
  fromConfig('experimental', 'experimental')
  fromConfig('debug', 'debug')
  fromConfig('authorizationPlugins', 'authorization-plugins')
  const logLevel =
    flags?.get('log-level')?.at(-1) ??
    str(fromConfig('logLevel', 'log-level')) ??
    (observed ? 'info' : undefined)
  const nnp =
    flagBool(flags ?? new Map(), 'no-new-privileges') ??
    bool(fromConfig('noNewPrivileges', 'no-new-privileges'))
  const cgroupns =
    flags?.get('default-cgroupns-mode')?.at(-1) ??
    str(fromConfig('defaultCgroupnsMode', 'default-cgroupns-mode')) ??
    ({ '1': 'host', '2': 'private' } as Record<string, string>)[str(info['CgroupVersion']) ?? '']
  const system =
    config?.path === DEFAULT_CONFIG ||
    sources.socketPath === '/var/run/docker.sock' ||
    sources.socketPath === '/run/docker.sock'

  const posture = DaemonPosture.parse({
    host: client.host,
    serverVersion: str(version['Version']) ?? str(info['ServerVersion']) ?? '',
    apiVersion: str(version['ApiVersion']) ?? '',
    securityOptions: strings(info['SecurityOptions']),
    authorizationPlugins: strings(((info['Plugins'] ?? {}) as Json)['Authorization']),
    liveRestore: info['LiveRestoreEnabled'] === true,
    experimental: info['ExperimentalBuild'] === true,
    debug: info['Debug'] === true,
    ...(logLevel !== undefined && { logLevel }),
    insecureRegistries: registries,
    ...(icc !== undefined && { icc: icc === 'true' }),
    ...((nnp !== undefined || observed) && { noNewPrivileges: nnp ?? false }),
    ...((cgroupns === 'host' || cgroupns === 'private') && { defaultCgroupnsMode: cgroupns }),
    listeners,
    files: socket ? statFiles(probe, fileEntries(probe, sources, system)) : [],
    warnings: strings(info['Warnings']),
    ...(config && { config: { path: config.path, origins } }),
  })
  return { posture, sources }
}
