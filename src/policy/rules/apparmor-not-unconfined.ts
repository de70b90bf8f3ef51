import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0027',
  slug: 'apparmor-not-unconfined',
  title: 'Containers must keep an AppArmor profile',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "On AppArmor hosts (Debian, Ubuntu, SUSE) the docker-default profile denies writes to /proc and /sys files, mounts, and access to the host's /proc/sysrq-trigger and kcore, which blocks several known escapes. apparmor=unconfined removes it.",
  remediation:
    'Remove --security-opt apparmor=unconfined (compose: security_opt: ["apparmor:unconfined"]; Kubernetes: appArmorProfile.type: Unconfined). Use the default profile, or a custom profile loaded on the host (--security-opt apparmor=my-profile; Kubernetes: type: Localhost).',
  frameworks: { 'cis-docker-1.6': ['5.2'], pss: ['baseline/apparmor'] },
  check: (spec) =>
    spec.security.apparmor === 'unconfined'
      ? [{ message: 'AppArmor is disabled (apparmor=unconfined)', path: ['security', 'apparmor'] }]
      : [],
  fixtures: {
    pass: [
      {},
      { security: { apparmor: 'docker-default' } },
      { security: { apparmor: 'my-hardened-profile' } },
    ],
    fail: [
      { security: { apparmor: 'unconfined' } },
      { security: { apparmor: 'unconfined', seccomp: 'builtin' } },
    ],
  },
})
