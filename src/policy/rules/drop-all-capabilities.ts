import { DEFAULT_CAPABILITIES, normalizeCapability } from '../../model/capabilities.js'
import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0022',
  slug: 'drop-all-capabilities',
  title: 'Containers should drop all capabilities and add back only allowed ones',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "Docker's default set still hands root in the container CAP_DAC_OVERRIDE, CAP_CHOWN, CAP_FOWNER, CAP_SETUID, CAP_MKNOD, CAP_NET_RAW and more: enough to read any file in the image and on mounted volumes, spoof packets on the container network and turn a kernel bug into an escape. Least privilege drops ALL and adds back only the capabilities in settings.allowedCapabilities (by default NET_BIND_SERVICE).",
  remediation:
    'Add --cap-drop ALL (compose: cap_drop: [ALL]; Kubernetes: securityContext.capabilities.drop: ["ALL"]) and keep only allowed --cap-add entries, e.g. --cap-add NET_BIND_SERVICE to listen on ports below 1024.',
  frameworks: { 'cis-docker-1.6': ['5.4'], pss: ['restricted/capabilities'] },
  check: (spec, { settings }) => {
    if (spec.privileged) return []
    const out: RawFinding[] = []
    const allowed = settings.allowedCapabilities.map(normalizeCapability)
    if (!spec.capDrop.some((c) => normalizeCapability(c) === 'ALL')) {
      const kept = DEFAULT_CAPABILITIES.filter((c) => !spec.capDrop.map(normalizeCapability).includes(c))
      out.push({
        message: `capabilities are not dropped (no ALL in capDrop): the container keeps ${kept.length} default capabilities, including ${kept.slice(0, 4).join(', ')}`,
        path: ['capDrop'],
      })
    }
    spec.capAdd.forEach((raw, i) => {
      const cap = normalizeCapability(raw)
      if (allowed.includes(cap)) return
      out.push({
        message: `capability ${cap} added; only ${allowed.join(', ') || 'none'} may be added back after dropping ALL`,
        path: ['capAdd', i],
      })
    })
    return out
  },
  fixtures: {
    pass: [
      { capDrop: ['ALL'] },
      { capDrop: ['all'], capAdd: ['net_bind_service'] },
      { capDrop: ['ALL'], capAdd: ['CAP_NET_BIND_SERVICE'] },
    ],
    fail: [
      {},
      { capDrop: ['NET_RAW'] },
      { capDrop: ['ALL'], capAdd: ['CHOWN'] },
      { capDrop: ['ALL'], capAdd: ['ALL'] },
      { capAdd: ['NET_BIND_SERVICE'] },
    ],
  },
})
