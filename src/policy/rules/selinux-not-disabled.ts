import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

/** Container types the Pod Security Standards allow (baseline/selinux, Kubernetes 1.31). */
const ALLOWED_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']
const HARMLESS_KEYS = ['level', 'filetype']

function optionFinding(raw: string, i: number): RawFinding | undefined {
  const opt = raw.replace(/^label[=:]/, '')
  const path = ['security', 'selinux', i]
  if (opt === 'disable') return { message: `SELinux separation is disabled (label=${opt})`, path }
  const colon = opt.indexOf(':')
  const key = colon < 0 ? opt : opt.slice(0, colon)
  const value = colon < 0 ? '' : opt.slice(colon + 1)
  if (key === 'type') {
    return ALLOWED_TYPES.includes(value)
      ? undefined
      : {
          message: `SELinux type "${value}" is not a confined container type (${ALLOWED_TYPES.join(', ')})`,
          path,
        }
  }
  if (key === 'user' || key === 'role') return { message: `custom SELinux ${key} "${value}" is set`, path }
  if (HARMLESS_KEYS.includes(key)) return undefined
  return { message: `SELinux option "${raw}" is not one Airlock recognizes`, path }
}

export default defineRule({
  id: 'AL-0028',
  slug: 'selinux-not-disabled',
  title: 'Containers must keep SELinux confinement',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "On SELinux hosts (RHEL, Fedora) container processes run as container_t with a per-container MCS level, which keeps them off host files and other containers' files even when they are root and a host path is mounted. label=disable turns this off; type:spc_t (super-privileged container) or another custom type, user: or role: give the process the host's labels or an unconfined domain.",
  remediation:
    'Remove --security-opt label=disable, label=type:spc_t, label=user:..., label=role:... (compose: security_opt: ["label:disable"]; Kubernetes: seLinuxOptions.type/user/role). A level (label=level:s0:c100,c200) may be set; types container_t, container_init_t, container_kvm_t and container_engine_t are allowed.',
  frameworks: { 'cis-docker-1.6': ['5.3'], pss: ['baseline/selinux'] },
  check: (spec) =>
    spec.security.selinux.flatMap((opt, i) => {
      const f = optionFinding(opt, i)
      return f ? [f] : []
    }),
  fixtures: {
    pass: [
      {},
      { security: { selinux: ['level:s0:c100,c200'] } },
      { security: { selinux: ['type:container_t'] } },
      { security: { selinux: ['type:container_init_t', 'level:s0'] } },
      { security: { selinux: ['filetype:container_file_t'] } },
    ],
    fail: [
      { security: { selinux: ['disable'] } },
      { security: { selinux: ['label=disable'] } },
      { security: { selinux: ['type:spc_t'] } },
      { security: { selinux: ['type:unconfined_t'] } },
      { security: { selinux: ['user:system_u'] } },
      { security: { selinux: ['role:system_r'] } },
      { security: { selinux: ['type:'] } },
      { security: { selinux: ['bogus:x'] } },
    ],
  },
})
