import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { track } from './dockerd-registry.js'

let home: string | undefined

/** A private, empty HOME for client programs of this process; removed when the process ends. */
function clientHome(): string {
  if (home === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'airlock-client-home-'))
    mkdirSync(join(dir, '.docker'))
    track({ stopSync: () => rmSync(dir, { recursive: true, force: true }) })
    home = dir
  }
  return home
}

/**
 * The environment for a docker / docker-compose client: PATH, locale and temp dir from this
 * process, DOCKER_HOST set, HOME and DOCKER_CONFIG pointing to a private empty directory so no user
 * configuration (contexts, credential helpers, proxies, `DOCKER_*` variables) leaks in.
 *
 * @example
 * spawn('/usr/bin/docker', ['ps'], { env: clientEnv('unix:///tmp/d/docker.sock', { NO_COLOR: '1' }) })
 */
export function clientEnv(host: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const dir = clientHome()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    HOME: dir,
    DOCKER_CONFIG: join(dir, '.docker'),
    DOCKER_HOST: host,
    DOCKER_CLI_HINTS: 'false',
  }
  const tmp = process.env['TMPDIR']
  if (tmp !== undefined) env['TMPDIR'] = tmp
  return { ...env, ...extra }
}
