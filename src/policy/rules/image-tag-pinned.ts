import { isImageId, parseImageReference } from '../image-reference.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0065',
  slug: 'image-tag-pinned',
  title: 'Containers should use a pinned image version',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    'An image without a tag, or tagged latest, is whatever was pushed last: two hosts run different code under the same name, a rollback cannot name what ran before, and a compromised upstream push is picked up on the next pull. A version tag, or better a digest (@sha256:...), makes the running code reviewable. Images named by id are pinned.',
  remediation:
    'Name a version or digest: docker run nginx:1.27.3 or nginx@sha256:<digest> (compose: image: nginx:1.27.3; Kubernetes: image: nginx@sha256:...).',
  frameworks: {},
  check: (spec) => {
    if (spec.image === '' || isImageId(spec.image)) return []
    const ref = parseImageReference(spec.image)
    if (!ref || ref.digest !== undefined) return []
    if (ref.tag === undefined)
      return [{ message: `image ${spec.image} has no tag or digest (it means :latest)`, path: ['image'] }]
    if (ref.tag === 'latest')
      return [{ message: `image ${spec.image} uses the moving tag latest`, path: ['image'] }]
    return []
  },
  fixtures: {
    pass: [
      { image: 'nginx:1.27.3' },
      { image: 'localhost:5000/app:2024-06-01' },
      { image: 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
      { image: 'nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
      { image: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
    ],
    fail: [
      { image: 'nginx' },
      { image: 'nginx:latest' },
      { image: 'localhost:5000/app' },
      { image: 'ghcr.io/org/app:latest' },
    ],
  },
})
