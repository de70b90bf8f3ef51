import type { RawFinding } from '../../model/finding.js'
import { isRootGroup, splitUser, userKind } from '../../model/user.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0100',
  slug: 'dockerfile-user-not-root',
  title: 'Images should set a non-root USER',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'dockerfile',
  description:
    'Without a USER instruction in the final stage (or in the stage it is built FROM), containers of the image run as root unless every deployment remembers to override the user. Root in a container is uid 0 on the host kernel without user namespace remapping: a writable host mount, a leaked file descriptor or a kernel bug is then root on the host. USER root, USER 0 (in any spelling) and a root primary group (USER 1000:0) are reported too. A USER whose variable has no default is left alone: its value comes from --build-arg.',
  remediation:
    'Create an unprivileged user and switch to it at the end of the final stage: RUN useradd --uid 10001 --user-group app, then USER 10001:10001 (numeric ids let Kubernetes runAsNonRoot verify them).',
  frameworks: { 'cis-docker-1.6-section-4': ['4.1'] },
  check: (model) => {
    const final = model.stages.at(-1)
    if (!final) return []
    const user = model.user
    if (!user) {
      return [
        {
          message: `the final stage (FROM ${final.written}) sets no USER, so the image runs as root unless its base image sets a user`,
          path: ['instructions', final.instruction],
        },
      ]
    }
    if (user.value === undefined) return []
    const out: RawFinding[] = []
    const path = ['instructions', user.instruction]
    if (userKind(user.value) === 'root')
      out.push({ message: `USER ${user.written} runs the image as root`, path })
    const group = splitUser(user.value).group
    if (group !== undefined && isRootGroup(group)) {
      out.push({ message: `USER ${user.written} makes root (gid 0) the primary group`, path })
    }
    return out
  },
  fixtures: {
    pass: [
      'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n',
      'FROM node:20 AS build\nUSER node\nFROM build\nCMD ["node", "server.js"]\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'ARG UID=10001\nFROM alpine:3.20\nARG UID\nUSER ${UID}\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'FROM alpine:3.20\nARG RUNTIME_USER\nUSER ${RUNTIME_USER}\n',
    ],
    fail: [
      'FROM alpine:3.20\nCMD ["sh"]\n',
      'FROM alpine:3.20 AS build\nUSER app\nFROM alpine:3.20\nCMD ["sh"]\n',
      'FROM alpine:3.20\nUSER 0\n',
      'FROM alpine:3.20\nUSER root:root\n',
      'FROM alpine:3.20\nUSER app\nUSER root\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'FROM alpine:3.20\nARG RUN_AS=root\nUSER ${RUN_AS}\n',
      'FROM alpine:3.20\nUSER 1000:0\n',
    ],
  },
})
