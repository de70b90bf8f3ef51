import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0019',
  slug: 'no-device-cgroup-rules',
  title: 'Containers must not add device cgroup rules',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    'A device cgroup rule lets the container open device nodes by major and minor number: "b 8:* rmw" is every SCSI disk, "a *:* rwm" every device on the host. With CAP_MKNOD (in Docker\'s default set) the container creates the node itself, so the rule alone is raw access to host disks and memory, without any --device mapping to review.',
  remediation:
    'Remove --device-cgroup-rule (compose: device_cgroup_rules:). Map the specific device the workload needs with --device and have it allowed in allowedDevices.',
  frameworks: { 'cis-docker-1.6': ['5.18'] },
  check: (spec) =>
    spec.deviceCgroupRules.map((rule, i) => {
      const [type = '', numbers = ''] = rule.trim().split(/\s+/)
      const scope =
        type === 'a' || numbers.startsWith('*')
          ? 'every host device'
          : `${type === 'b' ? 'block' : type === 'c' ? 'character' : type} devices ${numbers}`
      return {
        message: `device cgroup rule "${rule}" allows access to ${scope}`,
        path: ['deviceCgroupRules', i],
      }
    }),
  fixtures: {
    pass: [{}, { deviceCgroupRules: [] }],
    fail: [
      { deviceCgroupRules: ['a *:* rwm'] },
      { deviceCgroupRules: ['c 8:* rmw'] },
      { deviceCgroupRules: ['b 8:0 r'] },
      { deviceCgroupRules: ['c 1:1 rwm'] },
    ],
  },
})
