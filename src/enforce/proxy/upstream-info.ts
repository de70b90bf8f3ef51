import { AirlockError, errorMessage } from '../../errors.js'
import type { Upstream } from './upstream.js'
import { field, stringField } from './upstream-lookup.js'

/** What the proxy learns from the daemon at start. */
export interface UpstreamInfo {
  /** The daemon's API version: what it applies to unversioned paths. */
  apiVersion: string
  /** The daemon's release (`20.10.24`). */
  version: string
  /** `1` or `2`, or '' when the daemon does not say. */
  cgroupVersion: string
}

function unreachable(url: string, why: string): AirlockError {
  return new AirlockError('E_UPSTREAM', `the Docker daemon at ${url} is not reachable: ${why}`)
}

/**
 * Checks that the daemon answers `/_ping` and reads its `/version` and `/info`. Throws
 * `E_UPSTREAM` when it does not answer as a Docker daemon.
 *
 * @example const info = await probeUpstream(upstream) // { apiVersion: '1.41', version: '20.10.24', cgroupVersion: '2' }
 */
export async function probeUpstream(upstream: Upstream): Promise<UpstreamInfo> {
  let ping: Awaited<ReturnType<Upstream['get']>>
  try {
    ping = await upstream.get('/_ping')
  } catch (err) {
    throw unreachable(upstream.url, errorMessage(err))
  }
  if (ping.status !== 200) throw unreachable(upstream.url, `/_ping answered ${ping.status}`)
  const version = await upstream.get('/version')
  const apiVersion = stringField(version.json, 'ApiVersion')
  if (version.status !== 200 || !/^[0-9]+\.[0-9]+$/.test(apiVersion)) {
    throw unreachable(upstream.url, `/version answered ${version.status} without an ApiVersion`)
  }
  const info = await upstream.get('/info')
  const cgroup = field(info.json, 'CgroupVersion')
  return {
    apiVersion,
    version: stringField(version.json, 'Version'),
    cgroupVersion: typeof cgroup === 'string' ? cgroup : '',
  }
}
