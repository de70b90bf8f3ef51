import { defineRule } from '../rule.js'

const MAX_RETRIES = 5

export default defineRule({
  id: 'AL-0080',
  slug: 'restart-policy-bounded',
  title: 'The on-failure restart policy should retry at most 5 times',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "A container that keeps crashing and is restarted without bound burns CPU, fills logs and can keep a broken or compromised workload coming back. CIS 5.15 asks for on-failure with at most 5 retries; on-failure with a count of 0 means unlimited. always and unless-stopped pass: they are how long-running services are kept up, the daemon backs off exponentially between restarts (up to a minute), and an operator's docker stop ends them.",
  remediation:
    'Use --restart on-failure:5 (compose: restart: "on-failure:5" or deploy.restart_policy.max_attempts: 5; Kubernetes: restartPolicy with a backoff is built in), or always/unless-stopped for services.',
  frameworks: { 'cis-docker-1.6': ['5.15'] },
  check: (spec) => {
    const { name, maximumRetryCount: n } = spec.restartPolicy
    if (name !== 'on-failure' || (n > 0 && n <= MAX_RETRIES)) return []
    const what = n <= 0 ? 'retries without limit (maximum retry count 0)' : `retries ${n} times`
    return [
      {
        message: `restart policy on-failure ${what}; at most ${MAX_RETRIES} are expected`,
        path: ['restartPolicy', 'maximumRetryCount'],
      },
    ]
  },
  fixtures: {
    pass: [
      {},
      { restartPolicy: { name: 'on-failure', maximumRetryCount: 5 } },
      { restartPolicy: { name: 'on-failure', maximumRetryCount: 1 } },
      { restartPolicy: { name: 'unless-stopped' } },
      { restartPolicy: { name: 'always' } },
      { restartPolicy: { name: 'no' } },
    ],
    fail: [
      { restartPolicy: { name: 'on-failure' } },
      { restartPolicy: { name: 'on-failure', maximumRetryCount: 0 } },
      { restartPolicy: { name: 'on-failure', maximumRetryCount: 10 } },
    ],
  },
})
