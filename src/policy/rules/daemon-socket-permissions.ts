import type { DaemonFile } from '../../model/daemon-posture.js'
import type { RawFinding } from '../../model/finding.js'
import { defineDaemonRule } from '../rule.js'

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`

function groupAllowed(file: DaemonFile): boolean {
  if (file.gid === 0) return true
  return file.role === 'docker-socket' && file.group === 'docker'
}

export default defineDaemonRule({
  id: 'AL-0205',
  slug: 'daemon-socket-permissions',
  title: 'The Docker and containerd sockets must be owned by root and not open to other users',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'daemon',
  description:
    'Write access to /var/run/docker.sock (or containerd.sock) is root on the host: the caller can start a privileged container. The Docker socket must be owned by root with group docker (or root) and mode 660 or stricter, so that only root and deliberate members of the docker group can use it; the containerd socket must be root:root 660 or stricter.',
  remediation:
    'chown root:docker /var/run/docker.sock && chmod 660 /var/run/docker.sock (systemd: SocketUser=root, SocketGroup=docker, SocketMode=0660 in docker.socket); chown root:root /run/containerd/containerd.sock && chmod 660 /run/containerd/containerd.sock. Give the docker group only to people who may be root.',
  frameworks: { 'cis-docker-1.6-daemon': ['3.15', '3.16', '3.23', '3.24'] },
  check: (posture) => {
    const out: RawFinding[] = []
    posture.files.forEach((f, i) => {
      if (f.role !== 'docker-socket' && f.role !== 'containerd-socket') return
      const expected = f.role === 'docker-socket' ? 'root:docker' : 'root:root'
      if (f.uid !== 0) {
        out.push({
          message: `${f.path} is owned by uid ${f.uid}, not root (expected ${expected})`,
          path: ['files', i, 'uid'],
        })
      }
      if (!groupAllowed(f)) {
        out.push({
          message: `${f.path} has group ${f.group ?? f.gid}, not ${expected.split(':')[1]}: its members can use the socket`,
          path: ['files', i, 'gid'],
        })
      }
      if ((f.mode & ~0o660 & 0o7777) !== 0) {
        const others = (f.mode & 0o006) !== 0 ? ': every local user can use it' : ''
        out.push({
          message: `${f.path} has mode ${octal(f.mode)}, looser than 0660${others}`,
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
          {
            path: '/var/run/docker.sock',
            role: 'docker-socket',
            uid: 0,
            gid: 998,
            group: 'docker',
            mode: 0o660,
          },
        ],
      },
      { files: [{ path: '/var/run/docker.sock', role: 'docker-socket', uid: 0, gid: 0, mode: 0o600 }] },
      {
        files: [
          { path: '/run/containerd/containerd.sock', role: 'containerd-socket', uid: 0, gid: 0, mode: 0o660 },
        ],
      },
      {
        files: [{ path: '/etc/docker/daemon.json', role: 'daemon.json', uid: 1000, gid: 1000, mode: 0o666 }],
      },
    ],
    fail: [
      {
        files: [
          {
            path: '/var/run/docker.sock',
            role: 'docker-socket',
            uid: 0,
            gid: 998,
            group: 'docker',
            mode: 0o666,
          },
        ],
      },
      {
        files: [
          {
            path: '/var/run/docker.sock',
            role: 'docker-socket',
            uid: 1000,
            gid: 1000,
            group: 'dev',
            mode: 0o660,
          },
        ],
      },
      {
        files: [
          {
            path: '/run/containerd/containerd.sock',
            role: 'containerd-socket',
            uid: 0,
            gid: 998,
            group: 'docker',
            mode: 0o660,
          },
        ],
      },
    ],
  },
})
