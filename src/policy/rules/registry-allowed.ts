import { registryProblem } from '../image-policy.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0064',
  slug: 'registry-allowed',
  title: 'Containers should run images from allowed registries only',
  severity: 'medium',
  level: 'optional',
  appliesTo: 'container',
  description:
    "Images from arbitrary registries are code nobody reviewed, and a typo-squatted name on Docker Hub looks like the real one. With settings.allowedRegistries set, a container's image must come from one of them (a registry host such as ghcr.io, or host and path prefix such as docker.io/library), with Docker's normalization: busybox is docker.io/library/busybox. Images named by id cannot be traced to a registry and are refused; references dockerd cannot parse are always refused.",
  remediation:
    'Use an image from an allowed registry (docker run registry.example.com/team/app:1.4; compose: image:; Kubernetes: image:), mirror the image there, or add its registry to allowedRegistries.',
  frameworks: {},
  check: (spec, { settings }) => {
    if (spec.image === '') return []
    const problem = registryProblem(spec.image, settings.allowedRegistries)
    return problem ? [{ message: `image ${spec.image} ${problem}`, path: ['image'] }] : []
  },
  fixtures: {
    pass: [
      {},
      { image: 'busybox' },
      {
        image: 'ghcr.io/org/app:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      },
      { image: 'localhost:5000/app' },
    ],
    fail: [{ image: 'Busybox' }, { image: 'busybox:bad tag' }, { image: 'docker.io/library/UPPER' }],
  },
})
