import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

const SSH_SERVERS = ['sshd', 'dropbear']
const IN_SHELL = new RegExp(`(?:^|[\\s/;&|'"(])(${SSH_SERVERS.join('|')})(?=$|[\\s;&|'")])`)

function sshServer(word: string): string | undefined {
  return IN_SHELL.exec(word)?.[1]
}

export default defineRule({
  id: 'AL-0082',
  slug: 'no-sshd',
  title: 'Containers should not run an SSH server',
  severity: 'low',
  level: 'optional',
  appliesTo: 'container',
  description:
    'An SSH daemon in a container is another network service with its own keys, users and patches to manage, and a way in that bypasses docker exec and its audit. CIS 5.7. Airlock sees the command and entrypoint the container is started with (sshd or dropbear, directly or in a shell command); an image whose own CMD starts sshd is only visible to an image scanner.',
  remediation:
    'Do not start sshd or dropbear in the container (CMD/ENTRYPOINT, compose: command:, Kubernetes: command:/args:); use docker exec (kubectl exec) for access, and copy files with docker cp.',
  frameworks: { 'cis-docker-1.6': ['5.7'] },
  check: (spec) => {
    const out: RawFinding[] = []
    for (const field of ['entrypoint', 'command'] as const) {
      spec[field].forEach((word, i) => {
        const server = sshServer(word)
        if (server)
          out.push({ message: `${field} runs the SSH server ${server} ("${word}")`, path: [field, i] })
      })
    }
    return out
  },
  fixtures: {
    pass: [
      {},
      { command: ['nginx', '-g', 'daemon off;'] },
      { command: ['ssh-keygen', '-A'] },
      { command: ['/usr/bin/ssh', 'host'] },
    ],
    fail: [
      { command: ['/usr/sbin/sshd', '-D'] },
      { entrypoint: ['sshd'] },
      { command: ['sh', '-c', 'service ssh start; exec /usr/sbin/sshd -D'] },
      { command: ['dropbear', '-F', '-E'] },
    ],
  },
})
