import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0016',
  slug: 'no-volumes-from',
  title: "Containers should not take another container's volumes",
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "--volumes-from copies every mount of another container, binds included, into this one: if that container binds the Docker socket or a host directory, so does this one, and none of those mounts appear in this request. It also grants read-write access to another workload's data.",
  remediation:
    'Replace --volumes-from <container> (compose: volumes_from:) with the named volumes this container needs (-v data:/data; compose: volumes: ["data:/data"]; Kubernetes: share a volume between containers of one pod).',
  frameworks: {},
  check: (spec) =>
    spec.volumesFrom.map((entry, i) => ({
      message: `takes every mount of container "${entry.split(':')[0]}" (volumes-from ${entry})`,
      path: ['volumesFrom', i],
    })),
  fixtures: {
    pass: [{}, { volumesFrom: [] }, { mounts: [{ type: 'volume', source: 'shared', target: '/s' }] }],
    fail: [{ volumesFrom: ['db'] }, { volumesFrom: ['data:ro'] }, { volumesFrom: ['a', 'b:rw'] }],
  },
})
