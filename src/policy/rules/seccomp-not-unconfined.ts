import { defineRule } from '../rule.js'
import { seccompWeakness } from '../seccomp-profile.js'

export default defineRule({
  id: 'AL-0026',
  slug: 'seccomp-not-unconfined',
  title: 'Containers must keep a seccomp filter',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Docker's default seccomp profile blocks the syscalls most container escapes and kernel exploits use (keyctl, bpf, userfaultfd, unshare of new user namespaces, mount, kexec, ...). seccomp=unconfined removes it, and so does a custom profile whose defaultAction allows or merely logs unlisted syscalls.",
  remediation:
    'Remove --security-opt seccomp=unconfined (compose: security_opt: ["seccomp:unconfined"]; Kubernetes: seccompProfile.type: Unconfined). If a syscall is missing, start from Docker\'s default profile, allow that syscall, and pass it with --security-opt seccomp=profile.json (Kubernetes: type: Localhost).',
  frameworks: { 'cis-docker-1.6': ['5.22'], pss: ['baseline/seccomp', 'restricted/seccomp'] },
  check: (spec) => {
    const weak = seccompWeakness(spec.security.seccomp)
    return weak ? [{ message: weak, path: ['security', 'seccomp'] }] : []
  },
  fixtures: {
    pass: [
      {},
      { security: { seccomp: 'builtin' } },
      { security: { seccomp: 'default' } },
      {
        security: {
          seccomp:
            '{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}',
        },
      },
    ],
    fail: [
      { security: { seccomp: 'unconfined' } },
      { security: { seccomp: '{"defaultAction":"SCMP_ACT_ALLOW"}' } },
      { security: { seccomp: '{"DefaultAction":"SCMP_ACT_LOG","syscalls":[]}' } },
      { security: { seccomp: '{"defaultAction":"SCMP_ACT_ERRNO","DEFAULTACTION":"SCMP_ACT_ALLOW"}' } },
      { security: { seccomp: '{"defaultAction":' } },
    ],
  },
})
