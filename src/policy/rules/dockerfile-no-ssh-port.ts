import { defineRule } from '../rule.js'

function exposesSsh(port: string): boolean {
  const m = /^([0-9]+)(?:-([0-9]+))?\/([a-z]+)$/.exec(port)
  if (m?.[3] !== 'tcp') return false
  const start = Number(m[1])
  const end = m[2] === undefined ? start : Number(m[2])
  return start <= 22 && 22 <= end
}

export default defineRule({
  id: 'AL-0106',
  slug: 'dockerfile-no-ssh-port',
  title: 'Images should not expose the SSH port',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'dockerfile',
  description:
    'EXPOSE 22 in the final image means the image expects to run an SSH server: another network service with its own keys, users and patches to manage, and a way in that bypasses docker exec and its audit (CIS 5.7). Ports exposed by the stage the final one is built FROM count too; ranges that include 22 are reported.',
  remediation:
    'Remove EXPOSE 22 and the SSH server from the image; use docker exec / kubectl exec for access and docker cp / kubectl cp for files.',
  frameworks: { 'cis-docker-1.6': ['5.7'] },
  check: (model) =>
    model.exposes
      .filter((e) => exposesSsh(e.port))
      .map((e) => ({
        message: `the image exposes the SSH port (${e.port})`,
        path: ['instructions', e.instruction],
      })),
  fixtures: {
    pass: [
      'FROM nginx:1.27\nEXPOSE 80 443/tcp\n',
      'FROM alpine:3.20\nEXPOSE 22/udp\n',
      'FROM alpine:3.20 AS build\nEXPOSE 22\nFROM alpine:3.20\nEXPOSE 8080\n',
    ],
    fail: [
      'FROM ubuntu:24.04\nEXPOSE 22\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'FROM ubuntu:24.04\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}/tcp\n',
      'FROM ubuntu:24.04\nEXPOSE 20-25\n',
      'FROM ubuntu:24.04 AS base\nEXPOSE 22\nFROM base\nCMD ["/usr/sbin/sshd", "-D"]\n',
    ],
  },
})
