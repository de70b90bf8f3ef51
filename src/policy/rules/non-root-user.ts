import type { RawFinding } from '../../model/finding.js'
import { isRootGroup, splitUser, userKind } from '../../model/user.js'
import { defineRule } from '../rule.js'

function userFinding(user: string, imageUser: string | undefined): RawFinding | undefined {
  const kind = userKind(user, imageUser)
  if (kind === 'non-root') return undefined
  const path = ['user']
  if (kind === 'unknown') {
    return {
      message: `user is ${user === '' ? 'not set' : `"${user}" with no user part`} and the image's USER is not known here: images run as root unless their Dockerfile sets USER`,
      path,
    }
  }
  if (user === '' || splitUser(user).user === '') {
    return {
      message: `runs as root: user is not set and the image's USER is ${imageUser === '' ? 'not set (root)' : `"${imageUser}"`}`,
      path,
    }
  }
  return { message: `runs as root (user "${user}")`, path }
}

export default defineRule({
  id: 'AL-0025',
  slug: 'non-root-user',
  title: 'Containers should run as a non-root user',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'Root in a container is uid 0 on the host kernel (without user namespace remapping): every kernel bug, writable host mount, leaked file descriptor or misconfigured capability is then root on the host. Most images default to root, so a container that sets no user and whose image USER is unknown is treated as root. Running with gid 0 (a root primary group or --group-add 0) is reported too: files owned by group root, in the image and on mounts, become writable.',
  remediation:
    'Run as an unprivileged uid: --user 1000:1000 (compose: user: "1000:1000"; Kubernetes: securityContext.runAsNonRoot: true and runAsUser: 1000), or set USER in the Dockerfile. Avoid group 0 (--group-add 0; Kubernetes: runAsGroup: 0, supplementalGroups: [0]).',
  frameworks: { pss: ['restricted/running-as-non-root', 'restricted/running-as-non-root-user'] },
  check: (spec) => {
    const out: RawFinding[] = []
    const user = userFinding(spec.user, spec.imageUser)
    if (user) out.push(user)
    const group = splitUser(spec.user).group
    if (group !== undefined && isRootGroup(group)) {
      out.push({ message: `primary group is root (group "${group}" in user "${spec.user}")`, path: ['user'] })
    }
    spec.groupAdd.forEach((g, i) => {
      if (isRootGroup(g))
        out.push({ message: `supplementary group "${g}" is the root group (gid 0)`, path: ['groupAdd', i] })
    })
    return out
  },
  fixtures: {
    pass: [
      { user: '1000' },
      { user: '1000:1000' },
      { user: 'app' },
      { user: '', imageUser: 'node' },
      { user: ':1000', imageUser: '1000' },
      { user: '65534:65534', groupAdd: ['video'] },
    ],
    fail: [
      {},
      { user: '0' },
      { user: 'root' },
      { user: '00:1000' },
      { user: '+0' },
      { user: '', imageUser: '' },
      { user: '', imageUser: '0:0' },
      { user: '1000:0' },
      { user: '1000', groupAdd: ['root'] },
      { user: ':1000' },
    ],
  },
})
