import * as fs from 'node:fs/promises'
import * as path from 'node:path'
import type { ContainerSpec } from '../../model/container-spec.js'

/** Resolves a path's symlinks; rejects when it does not exist. */
export type Realpath = (p: string) => Promise<string>

/**
 * The real path of `p`: symlinks resolved; when `p` does not exist, its longest existing ancestor
 * resolved and the missing rest appended (dockerd creates the rest for `-v` binds). Undefined when
 * even that fails (permissions, loops).
 *
 * @example await realHostPath('/srv/link/new') // '/etc/new' when /srv/link -> /etc
 */
export async function realHostPath(p: string, realpath: Realpath = fs.realpath): Promise<string | undefined> {
  const rest: string[] = []
  let cur = path.posix.normalize(p)
  for (;;) {
    try {
      const real = await realpath(cur)
      return rest.length ? path.posix.join(real, ...rest) : real
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || cur === '/') return undefined
      rest.unshift(path.posix.basename(cur))
      cur = path.posix.dirname(cur)
    }
  }
}

/**
 * Resolve step (a): sets `mount.resolvedSource` on every bind whose real host path differs from the
 * source as written, so rules judge where the bind really points. Only meaningful when Airlock runs
 * on the daemon's host (unix socket upstream); failures leave the field unset.
 *
 * @example await resolveBindSources(spec) // spec.mounts[0].resolvedSource === '/var/run/docker.sock'
 */
export async function resolveBindSources(spec: ContainerSpec, realpath?: Realpath): Promise<void> {
  await Promise.all(
    spec.mounts.map(async (m) => {
      if (m.type !== 'bind' || !m.source.startsWith('/') || m.resolvedSource !== undefined) return
      const real = await realHostPath(m.source, realpath)
      if (real !== undefined && real !== m.source) m.resolvedSource = real
    }),
  )
}
