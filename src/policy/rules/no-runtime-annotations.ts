import { defineRule } from '../rule.js'

/** Annotation namespaces that runtimes, shims and device hooks read as configuration. */
const RUNTIME_PREFIXES = [
  'run.oci.',
  'org.criu.',
  'io.katacontainers.',
  'io.containerd.',
  'io.kubernetes.cri',
  'io.kubernetes.cri-o.',
  'cdi.k8s.io/',
  'nvidia.cdi.k8s.io/',
  'dev.gvisor.',
  'io.gvisor.',
]

export default defineRule({
  id: 'AL-0036',
  slug: 'no-runtime-annotations',
  title: 'Containers must not pass configuration annotations to the runtime',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Since API 1.43 a create request may carry OCI annotations, which dockerd copies into the runtime's config untouched. Several runtimes and hooks read annotations as configuration: crun's run.oci.* (keep the caller's groups, host cgroup v1 mounts, hook output files on the host), Kata's io.katacontainers.* (hypervisor path and kernel parameters), gVisor's dev.gvisor.spec.mount.* (host mount sharing), CDI's cdi.k8s.io/* (inject devices), runc's org.criu.config. Annotations in those namespaces are refused; others (org.opencontainers.image.*, your own) pass.",
  remediation:
    'Remove the --annotation entries (compose: annotations:; Kubernetes: pod annotations reach the runtime only through the CRI, which filters them) in the runtime namespaces; use labels (--label) for metadata.',
  frameworks: {},
  check: (spec) =>
    Object.entries(spec.annotations).flatMap(([key, value]) => {
      const prefix = RUNTIME_PREFIXES.find((p) => key.toLowerCase().startsWith(p))
      if (!prefix) return []
      return [
        {
          message: `annotation ${key}=${value} is in the "${prefix}" namespace a runtime reads as configuration`,
          path: ['annotations', key],
        },
      ]
    }),
  fixtures: {
    pass: [{}, { annotations: { 'org.opencontainers.image.source': 'https://example.com', team: 'web' } }],
    fail: [
      { annotations: { 'run.oci.keep_original_groups': '1' } },
      { annotations: { 'io.katacontainers.config.hypervisor.path': '/tmp/x' } },
      { annotations: { 'cdi.k8s.io/gpu': 'nvidia.com/gpu=all' } },
      { annotations: { 'dev.gvisor.spec.mount.host.share': 'shared' } },
      { annotations: { 'org.criu.config': '/tmp/criu.conf' } },
      { annotations: { 'IO.Containerd.runc.v2.group': 'x' } },
    ],
  },
})
