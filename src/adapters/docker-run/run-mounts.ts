import { posix } from 'node:path'
import { InputError } from '../../errors.js'
import type { Mount } from '../../model/container-spec.js'
import { parseBind } from '../docker-create/parse-bind.js'
import { parseMountOption } from './parse-mount-option.js'
import type { RunOption } from './parse-run-argv.js'

/** A mount and the option that wrote it. */
export interface RunMount {
  mount: Mount
  option: RunOption
}

/** Host paths only the shell knows: `$PWD`, `${HOME}/x`, `$(pwd)`, `` `pwd` ``, `~/x`. */
const SHELL_PATH = /^(?:\$|`|~)/

function volume(o: RunOption, driver: string, cwd: string | undefined): Mount {
  const colon = o.value.indexOf(':')
  const source = colon < 0 ? '' : o.value.slice(0, colon)
  const shellPath = SHELL_PATH.test(source)
  const relative = source.startsWith('.')
  if (!shellPath && !relative) return parseBind(o.value, driver)
  // The CLI resolves `.`-relative sources against its working directory; the shell expands the rest
  // before the CLI sees them. Either way the source is a host path: parse with a stand-in.
  const resolved = relative && cwd !== undefined ? posix.resolve(cwd, source) : undefined
  const stand = `/airlock-host-path${o.value.slice(colon)}`
  const parsed = parseBind(stand, driver)
  return { ...parsed, type: 'bind', source: resolved ?? source }
}

/**
 * The mounts `-v`, `--mount`, `--tmpfs` and `--use-api-socket` ask for, in the order dockerd lists
 * them (HostConfig.Binds, Mounts with the API socket last, Tmpfs by path, then the anonymous volumes
 * of Config.Volumes).
 *
 * @example runMounts([{ name: 'volume', value: '/srv:/data:ro', index: 0, valueIndex: 1 }], undefined)[0]?.mount.readOnly // true
 */
export function runMounts(options: readonly RunOption[], cwd: string | undefined): RunMount[] {
  const driver = options.filter((o) => o.name === 'volume-driver').at(-1)?.value ?? ''
  const binds: RunMount[] = []
  const anonymous: RunMount[] = []
  const mounts: RunMount[] = []
  const tmpfs = new Map<string, RunMount>()
  const apiSocket: RunMount[] = []
  for (const o of options) {
    if (o.name === 'volume') {
      if (o.value === '') throw new InputError('invalid empty volume spec')
      const m = volume(o, driver, cwd)
      if (m.source === '') anonymous.push({ mount: m, option: o })
      else binds.push({ mount: m, option: o })
    } else if (o.name === 'mount') {
      const m = parseMountOption(o.value, cwd)
      mounts.push({ mount: m, option: o })
    } else if (o.name === 'tmpfs') {
      const target = o.value.split(':')[0] as string
      if (!target.startsWith('/'))
        throw new InputError(`invalid tmpfs specification "${o.value}": not an absolute path`)
      tmpfs.set(target, { mount: { type: 'tmpfs', source: '', target, readOnly: false }, option: o })
    } else if (o.name === 'use-api-socket' && o.value === 'true') {
      const sock = '/var/run/docker.sock'
      apiSocket.splice(0, 1, {
        mount: { type: 'bind', source: sock, target: sock, readOnly: false },
        option: o,
      })
    }
  }
  const sortedTmpfs = [...tmpfs.values()].sort((a, b) => (a.mount.target < b.mount.target ? -1 : 1))
  return [...binds, ...mounts, ...apiSocket, ...sortedTmpfs, ...anonymous]
}
