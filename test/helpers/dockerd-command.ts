import { join } from 'node:path'
import type { DaemonNetwork } from './dockerd-network.js'
import { which } from './which.js'

/** The longest unix socket path a daemon in `dir` uses must fit in sun_path (108 bytes). */
const LONGEST_SOCKET = 'exec/containerd/containerd.sock.ttrpc'

/**
 * The dockerd binary (`$AIRLOCK_TEST_DOCKERD`, else PATH and the sbin directories). Throws a message
 * that says how to fix it when dockerd is missing or this process is not root.
 *
 * @example
 * const dockerd = findDockerd() // '/usr/sbin/dockerd'
 */
export function findDockerd(): string {
  const dockerd = process.env['AIRLOCK_TEST_DOCKERD'] || which('dockerd')
  if (dockerd === undefined) throw new Error('dockerd not found: run scripts/install-test-deps.sh (as root)')
  if (process.getuid?.() !== 0) {
    throw new Error('starting a private dockerd needs root: run the tests as root (CI does, see .ci/run)')
  }
  return dockerd
}

/**
 * The command line of a test daemon living in `dir`: its own data-root, exec-root, socket, pidfile
 * and daemon.json, its own bridge and address pool, no iptables / ip_forward / masquerade changes
 * on the host, and a short shutdown timeout. Wrapped in `setpriv --pdeathsig TERM` when available
 * so the kernel stops dockerd if the test process dies without running its exit handlers.
 *
 * @example
 * const { cmd, args } = dockerdCommand(findDockerd(), dir, claimNetwork(dir), ['--debug'])
 * spawn(cmd, args, { stdio: ['ignore', log, log] })
 */
export function dockerdCommand(
  dockerd: string,
  dir: string,
  net: DaemonNetwork,
  extra: readonly string[],
): { cmd: string; args: string[] } {
  if (join(dir, LONGEST_SOCKET).length > 107) {
    throw new Error(`${dir} is too long for unix socket paths: set TMPDIR to a shorter directory`)
  }
  const args = [
    `--host=unix://${join(dir, 'docker.sock')}`,
    `--data-root=${join(dir, 'data')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'dockerd.pid')}`,
    `--config-file=${join(dir, 'daemon.json')}`,
    `--bridge=${net.bridge}`,
    `--default-address-pool=base=${net.subnet},size=24`,
    '--iptables=false',
    '--ip-forward=false',
    '--ip-masq=false',
    '--shutdown-timeout=2',
    ...extra,
  ]
  const setpriv = which('setpriv')
  return setpriv
    ? { cmd: setpriv, args: ['--pdeathsig', 'TERM', '--', dockerd, ...args] }
    : { cmd: dockerd, args }
}
