import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

const NVIDIA_ENV = 'NVIDIA_VISIBLE_DEVICES='

export default defineRule({
  id: 'AL-0020',
  slug: 'device-requests',
  title: 'Containers should not request GPUs or other devices from device drivers',
  severity: 'medium',
  level: 'optional',
  appliesTo: 'container',
  description:
    'Device requests (--gpus, CDI devices) make the daemon and the NVIDIA or CDI hooks inject device nodes, driver libraries and sometimes host binaries into the container, outside --device review; GPU memory is not cleared between workloads. With the NVIDIA runtime installed, the NVIDIA_VISIBLE_DEVICES environment variable does the same. Turn this rule on where GPUs are scarce or shared between tenants.',
  remediation:
    'Remove --gpus / --device nvidia.com/gpu=all (compose: deploy.resources.reservations.devices; Kubernetes: resources.limits["nvidia.com/gpu"]) and the NVIDIA_VISIBLE_DEVICES variable, or exempt the GPU workloads by image or label.',
  frameworks: {},
  check: (spec) => {
    const out: RawFinding[] = spec.deviceRequests.map((r, i) => {
      const count = r.count === -1 ? 'all' : r.deviceIds.length ? r.deviceIds.join(',') : String(r.count)
      const caps = r.capabilities.map((c) => c.join('+')).join(', ')
      return {
        message: `device request for ${count} device(s) from driver "${r.driver || '(any)'}"${caps ? ` with capabilities ${caps}` : ''}`,
        path: ['deviceRequests', i],
      }
    })
    spec.env.forEach((e, i) => {
      if (!e.startsWith(NVIDIA_ENV)) return
      const value = e.slice(NVIDIA_ENV.length)
      if (value === '' || value === 'void' || value === 'none') return
      out.push({
        message: `NVIDIA_VISIBLE_DEVICES=${value} asks the NVIDIA runtime for GPUs`,
        path: ['env', i],
      })
    })
    return out
  },
  fixtures: {
    pass: [{}, { env: ['NVIDIA_VISIBLE_DEVICES=void'] }, { env: ['PATH=/usr/bin'] }],
    fail: [
      { deviceRequests: [{ driver: 'nvidia', count: -1, capabilities: [['gpu']] }] },
      { deviceRequests: [{ driver: 'cdi', deviceIds: ['nvidia.com/gpu=all'] }] },
      { env: ['NVIDIA_VISIBLE_DEVICES=all'] },
    ],
  },
})
