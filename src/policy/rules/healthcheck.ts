import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0081',
  slug: 'healthcheck',
  title: 'Containers should not disable their health check',
  severity: 'low',
  level: 'optional',
  appliesTo: 'container',
  description:
    'A health check lets the daemon, swarm and orchestrators notice a container that is running but no longer serving (deadlocked, or hijacked and repurposed) and replace it. --no-healthcheck or a test of ["NONE"] turns off the image\'s check. A container that sets none keeps the image\'s own, which Airlock cannot see.',
  remediation:
    'Remove --no-healthcheck (compose: healthcheck: {disable: true}; test: ["NONE"]) and keep the image\'s HEALTHCHECK, or define one: --health-cmd "curl -f http://localhost/ || exit 1" (compose: healthcheck: {test: [...]}; Kubernetes: livenessProbe and readinessProbe).',
  frameworks: { 'cis-docker-1.6': ['5.27'] },
  check: (spec) => {
    const hc = spec.healthcheck
    if (!hc) return []
    if (hc.disabled) return [{ message: 'health check is disabled', path: ['healthcheck', 'disabled'] }]
    if (hc.test[0] === 'NONE')
      return [{ message: 'health check test is ["NONE"], which disables it', path: ['healthcheck', 'test'] }]
    return []
  },
  fixtures: {
    pass: [
      {},
      { healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'] } },
      { healthcheck: { test: [] } },
    ],
    fail: [{ healthcheck: { disabled: true } }, { healthcheck: { test: ['NONE'] } }],
  },
})
