import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0023',
  slug: 'no-new-privileges',
  title: 'Containers should run with no-new-privileges',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'Without no_new_privs a process in the container can gain privileges through setuid and setgid binaries and file capabilities (su, sudo, ping, a planted setuid shell), turning a foothold as an unprivileged user into root in the container, one step from the host. The default policy sets it on every container that leaves it unset; this rule catches an explicit opt-out.',
  remediation:
    'Add --security-opt no-new-privileges (compose: security_opt: ["no-new-privileges:true"]; Kubernetes: securityContext.allowPrivilegeEscalation: false), or leave it unset so the policy default applies; do not set no-new-privileges:false.',
  frameworks: { 'cis-docker-1.6': ['5.26'], pss: ['restricted/privilege-escalation'] },
  check: (spec) => {
    if (spec.security.noNewPrivileges === true) return []
    const how = spec.security.noNewPrivileges === false ? 'explicitly disabled' : 'not set'
    return [
      {
        message: `no-new-privileges is ${how}: setuid binaries and file capabilities can raise privileges`,
        path: ['security', 'noNewPrivileges'],
      },
    ]
  },
  fixtures: {
    pass: [{ security: { noNewPrivileges: true } }, { user: '1000', security: { noNewPrivileges: true } }],
    fail: [{}, { security: { noNewPrivileges: false } }, { user: '1000' }],
  },
})
