import type { DaemonFileRole } from '../../model/daemon-posture.js'
import type { RawFinding } from '../../model/finding.js'
import { defineDaemonRule } from '../rule.js'

/** Loosest mode each file may have (CIS Docker Benchmark 1.6 section 3); every one must be root:root. */
const EXPECTED: Partial<Record<DaemonFileRole, { mode: number; what: string }>> = {
  'docker.service': { mode: 0o644, what: 'systemd unit' },
  'docker.socket': { mode: 0o644, what: 'systemd socket unit' },
  'config-dir': { mode: 0o755, what: 'configuration directory' },
  'daemon.json': { mode: 0o644, what: 'daemon configuration' },
  'registry-cert': { mode: 0o444, what: 'registry certificate' },
  'tls-ca': { mode: 0o444, what: 'TLS CA certificate' },
  'tls-cert': { mode: 0o444, what: 'TLS server certificate' },
  'tls-key': { mode: 0o400, what: 'TLS server key' },
  'default-env': { mode: 0o644, what: 'daemon environment file' },
  'sysconfig-env': { mode: 0o644, what: 'daemon environment file' },
}

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`

export default defineDaemonRule({
  id: 'AL-0206',
  slug: 'daemon-config-files',
  title:
    "The daemon's unit, configuration, certificate and key files must be root-owned and not writable by others",
  severity: 'high',
  level: 'baseline',
  appliesTo: 'daemon',
  description:
    "Whoever can write docker.service, docker.socket, /etc/docker, daemon.json or the daemon's environment files decides how the daemon starts: they can add a TCP listener, remove the authorization plugin or disable user namespaces, and so become root at the next restart. Whoever can read the TLS server key can impersonate the daemon. These files must be owned by root:root with the modes of CIS Docker Benchmark section 3 (units and configuration 644, /etc/docker 755, certificates 444, the key 400) or stricter.",
  remediation:
    'chown root:root the file and chmod it to the mode shown (644 for docker.service, docker.socket, daemon.json, /etc/default/docker and /etc/sysconfig/docker; 755 for /etc/docker; 444 for certificates; 400 for the server key).',
  frameworks: {
    'cis-docker-1.6-daemon': [
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '3.7',
      '3.8',
      '3.9',
      '3.10',
      '3.11',
      '3.12',
      '3.13',
      '3.14',
      '3.17',
      '3.18',
      '3.19',
      '3.20',
      '3.21',
      '3.22',
    ],
  },
  check: (posture) => {
    const out: RawFinding[] = []
    posture.files.forEach((f, i) => {
      const expected = EXPECTED[f.role]
      if (!expected) return
      if (f.uid !== 0 || f.gid !== 0) {
        out.push({
          message: `${expected.what} ${f.path} is owned by ${f.uid}:${f.group ?? f.gid}, not root:root`,
          path: ['files', i, f.uid !== 0 ? 'uid' : 'gid'],
        })
      }
      if ((f.mode & ~expected.mode & 0o7777) !== 0) {
        out.push({
          message: `${expected.what} ${f.path} has mode ${octal(f.mode)}, looser than ${octal(expected.mode)}`,
          path: ['files', i, 'mode'],
        })
      }
    })
    return out
  },
  fixtures: {
    pass: [
      {},
      {
        files: [
          { path: '/lib/systemd/system/docker.service', role: 'docker.service', uid: 0, gid: 0, mode: 0o644 },
        ],
      },
      { files: [{ path: '/etc/docker', role: 'config-dir', uid: 0, gid: 0, mode: 0o755 }] },
      { files: [{ path: '/etc/docker/key.pem', role: 'tls-key', uid: 0, gid: 0, mode: 0o400 }] },
      { files: [{ path: '/var/run/docker.sock', role: 'docker-socket', uid: 0, gid: 998, mode: 0o660 }] },
    ],
    fail: [
      { files: [{ path: '/etc/docker/daemon.json', role: 'daemon.json', uid: 0, gid: 0, mode: 0o666 }] },
      {
        files: [
          {
            path: '/lib/systemd/system/docker.service',
            role: 'docker.service',
            uid: 1000,
            gid: 0,
            mode: 0o644,
          },
        ],
      },
      { files: [{ path: '/etc/docker/key.pem', role: 'tls-key', uid: 0, gid: 0, mode: 0o644 }] },
      { files: [{ path: '/etc/docker', role: 'config-dir', uid: 0, gid: 1000, group: 'dev', mode: 0o775 }] },
    ],
  },
})
