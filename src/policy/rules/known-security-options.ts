import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0037',
  slug: 'known-security-options',
  title: 'Security options must be ones Airlock understands',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'Airlock decides only on what it can read. A --security-opt entry it could not classify as seccomp, AppArmor, SELinux label, no-new-privileges or systempaths might be a spelling the daemon accepts and Airlock does not (a new option, a legacy colon form, an odd case or separator), and might disable a protection this gate believes is on. Such entries are refused rather than passed through.',
  remediation:
    'Write security options in their documented forms: --security-opt seccomp=profile.json, apparmor=<profile>, label=type:container_t, no-new-privileges, systempaths=unconfined (compose: security_opt:; Kubernetes: securityContext fields).',
  frameworks: {},
  check: (spec) =>
    spec.security.other.map((opt, i) => ({
      message: `security option "${opt}" is not one Airlock recognizes`,
      path: ['security', 'other', i],
    })),
  fixtures: {
    pass: [{}, { security: { seccomp: 'builtin', apparmor: 'docker-default', noNewPrivileges: true } }],
    fail: [
      { security: { other: ['seccomp =unconfined'] } },
      { security: { other: ['credentialspec=file://x'] } },
    ],
  },
})
