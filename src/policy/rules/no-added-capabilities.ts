import {
  DEFAULT_CAPABILITIES,
  effectiveCapabilities,
  isKnownCapability,
  normalizeCapability,
} from '../../model/capabilities.js'
import type { RawFinding } from '../../model/finding.js'
import { CAPABILITY_RISKS, capabilityRisk } from '../capability-risks.js'
import { defineRule } from '../rule.js'

function spelled(raw: string, canonical: string): string {
  return raw === canonical ? canonical : `${canonical} (written "${raw}")`
}

export default defineRule({
  id: 'AL-0021',
  slug: 'no-added-capabilities',
  title: "Containers must not add capabilities beyond Docker's default set",
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Capabilities outside Docker's default set are the usual ways out of a container: CAP_SYS_ADMIN mounts file systems and abuses cgroups, CAP_SYS_MODULE loads kernel code, CAP_DAC_READ_SEARCH reads host files by handle, CAP_SYS_PTRACE injects into visible processes, CAP_NET_ADMIN rewrites the network, CAP_BPF and CAP_PERFMON read kernel memory. The check computes the effective set as dockerd does (every spelling: sys_admin, Cap_Sys_Admin, ALL) and names each capability that goes beyond the defaults.",
  remediation:
    'Remove the --cap-add (compose: cap_add:; Kubernetes: securityContext.capabilities.add) entries that are not in the default set; most images need none. Start from --cap-drop ALL and add back only what the process needs, such as NET_BIND_SERVICE.',
  frameworks: { 'cis-docker-1.6': ['5.4'], pss: ['baseline/capabilities'] },
  check: (spec) => {
    if (spec.privileged) return []
    const effective = effectiveCapabilities(spec)
    const out: RawFinding[] = []
    spec.capAdd.forEach((raw, i) => {
      const cap = normalizeCapability(raw)
      const path = ['capAdd', i]
      if (cap === 'ALL') {
        const extra = [...effective].filter((c) => !DEFAULT_CAPABILITIES.includes(c))
        if (extra.length === 0) return
        const named = Object.keys(CAPABILITY_RISKS)
          .filter((c) => extra.includes(c))
          .slice(0, 6)
        out.push({
          message: `capability ALL added${raw === 'ALL' ? '' : ` (written "${raw}")`}: ${extra.length} capabilities beyond Docker's default set, including ${named.join(', ')}`,
          path,
        })
        return
      }
      if (DEFAULT_CAPABILITIES.includes(cap)) return
      if (!isKnownCapability(cap)) {
        out.push({ message: `capability ${spelled(raw, cap)} added: not a capability dockerd knows`, path })
        return
      }
      out.push({ message: `capability ${spelled(raw, cap)} added: ${capabilityRisk(cap)}`, path })
    })
    return out
  },
  fixtures: {
    pass: [
      {},
      { capDrop: ['ALL'], capAdd: ['NET_BIND_SERVICE'] },
      { capAdd: ['CHOWN', 'cap_kill', 'Setuid'] },
      { capDrop: ['NET_RAW'] },
      { capDrop: ['ALL'], capAdd: ['CAP_NET_BIND_SERVICE', 'CAP_SETUID', 'CAP_SETGID'] },
      { privileged: true },
    ],
    fail: [
      { capAdd: ['SYS_ADMIN'] },
      { capAdd: ['sys_admin'] },
      { capAdd: ['Cap_Sys_Ptrace'] },
      { capAdd: ['\u017Fys_module'] },
      { capAdd: ['ALL'] },
      { capAdd: ['all'], capDrop: ['SYS_ADMIN'] },
      { capDrop: ['ALL'], capAdd: ['CAP_DAC_READ_SEARCH'] },
      { capAdd: ['NET_ADMIN', 'BPF', 'PERFMON'] },
      { capAdd: ['CAP_SYS_ADMIN'], capDrop: ['CAP_SYS_ADMIN'] },
    ],
  },
})
