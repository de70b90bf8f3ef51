import {
  bool,
  bytes,
  duration,
  field,
  fileMode,
  int64,
  map,
  ptr,
  slice,
  string,
  struct,
} from '../go-json/dsl.js'
import { HealthConfig } from './config.js'
import { Mount } from './mount.js'
import { IPAddr } from './port.js'
import { Ulimit } from './resources.js'

const CredentialSpec = struct('swarm.CredentialSpec', [
  field('Config', string),
  field('File', string),
  field('Registry', string),
])

const SELinuxContext = struct('swarm.SELinuxContext', [
  field('Disable', bool),
  field('User', string),
  field('Role', string),
  field('Type', string),
  field('Level', string),
])

const SeccompOpts = struct('swarm.SeccompOpts', [field('Mode', string), field('Profile', bytes)])

const AppArmorOpts = struct('swarm.AppArmorOpts', [field('Mode', string)])

/** `swarm.Privileges`. */
export const Privileges = struct('swarm.Privileges', [
  field('CredentialSpec', ptr(CredentialSpec)),
  field('SELinuxContext', ptr(SELinuxContext)),
  field('Seccomp', ptr(SeccompOpts)),
  field('AppArmor', ptr(AppArmorOpts)),
  field('NoNewPrivileges', bool),
])

const DNSConfig = struct('swarm.DNSConfig', [
  field('Nameservers', slice(IPAddr)),
  field('Search', slice(string)),
  field('Options', slice(string)),
])

const FileTarget = struct('swarm.SecretReferenceFileTarget', [
  field('Name', string),
  field('UID', string),
  field('GID', string),
  field('Mode', fileMode),
])

const SecretReference = struct('swarm.SecretReference', [
  field('File', ptr(FileTarget)),
  field('SecretID', string),
  field('SecretName', string),
])

const ConfigReference = struct('swarm.ConfigReference', [
  field('File', ptr(FileTarget)),
  field('Runtime', ptr(struct('swarm.ConfigReferenceRuntimeTarget', []))),
  field('ConfigID', string),
  field('ConfigName', string),
])

/** `swarm.ContainerSpec`, union of dockerd 20.10 … current. */
export const ContainerSpec = struct('swarm.ContainerSpec', [
  field('Image', string),
  field('Labels', map(string)),
  field('Command', slice(string)),
  field('Args', slice(string)),
  field('Hostname', string),
  field('Env', slice(string)),
  field('Dir', string),
  field('User', string),
  field('Groups', slice(string)),
  field('Privileges', ptr(Privileges)),
  field('Init', ptr(bool)),
  field('StopSignal', string),
  field('TTY', bool),
  field('OpenStdin', bool),
  field('ReadOnly', bool),
  field('Mounts', slice(Mount)),
  field('StopGracePeriod', ptr(duration)),
  field('Healthcheck', ptr(HealthConfig)),
  field('Hosts', slice(string)),
  field('DNSConfig', ptr(DNSConfig)),
  field('Secrets', slice(ptr(SecretReference))),
  field('Configs', slice(ptr(ConfigReference))),
  field('Isolation', string),
  field('Sysctls', map(string)),
  field('CapabilityAdd', slice(string)),
  field('CapabilityDrop', slice(string)),
  field('Ulimits', slice(ptr(Ulimit))),
  field('OomScoreAdj', int64),
])
