import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0024',
  slug: 'read-only-rootfs',
  title: 'Containers should mount their root file system read-only',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'A writable root file system lets an intruder replace binaries and libraries, drop tools and persist across restarts of the process, and makes the container drift from its image. Read-only root with explicit writable mounts (volumes, tmpfs) confines writes to places you chose.',
  remediation:
    'Add --read-only (compose: read_only: true; Kubernetes: securityContext.readOnlyRootFilesystem: true) and give the paths the process writes a tmpfs or volume (--tmpfs /tmp; compose: tmpfs: [/tmp]; Kubernetes: an emptyDir).',
  frameworks: { 'cis-docker-1.6': ['5.13'] },
  check: (spec) =>
    spec.readOnlyRootfs
      ? []
      : [{ message: 'root file system is writable (readOnlyRootfs is false)', path: ['readOnlyRootfs'] }],
  fixtures: {
    pass: [{ readOnlyRootfs: true }, { readOnlyRootfs: true, mounts: [{ type: 'tmpfs', target: '/tmp' }] }],
    fail: [{}, { readOnlyRootfs: false }],
  },
})
