import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0046',
  slug: 'no-negative-oom-score-adj',
  title: 'Containers must not shield themselves from the OOM killer',
  severity: 'medium',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "A negative --oom-score-adj (down to -1000, never killed) is set by the root daemon on the caller's behalf, although lowering it needs CAP_SYS_RESOURCE: under memory pressure the kernel then kills the host's own processes and other containers before this one. Positive values only make the container a likelier victim and pass.",
  remediation:
    'Remove the negative --oom-score-adj (compose: oom_score_adj:); set a memory limit (--memory) to protect the workload instead.',
  frameworks: {},
  check: (spec) => {
    const adj = spec.resources.oomScoreAdj
    if (adj === undefined || adj >= 0) return []
    return [
      {
        message: `OOM score adjustment is ${adj}: the kernel kills host processes before this container`,
        path: ['resources', 'oomScoreAdj'],
      },
    ]
  },
  fixtures: {
    pass: [{}, { resources: { oomScoreAdj: 0 } }, { resources: { oomScoreAdj: 500 } }],
    fail: [{ resources: { oomScoreAdj: -1000 } }, { resources: { oomScoreAdj: -1 } }],
  },
})
