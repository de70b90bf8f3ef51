import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0101',
  slug: 'dockerfile-healthcheck',
  title: 'Images should define a HEALTHCHECK',
  severity: 'low',
  level: 'optional',
  appliesTo: 'dockerfile',
  description:
    "A HEALTHCHECK lets the daemon and swarm notice a container that is running but no longer serving (deadlocked, or hijacked and repurposed) and replace it. The final image gets one from its own stage or the stage it is built FROM; HEALTHCHECK NONE turns off the base image's check. Orchestrators with their own probes (Kubernetes liveness and readiness probes) do not need it, which is why the rule is optional.",
  remediation:
    'Add a check to the final stage: HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health || exit 1 (or a small binary for images without curl); remove HEALTHCHECK NONE.',
  frameworks: { 'cis-docker-1.6-section-4': ['4.6'] },
  check: (model) => {
    const final = model.stages.at(-1)
    if (!final) return []
    const hc = model.healthcheck
    if (!hc) {
      return [
        {
          message: `the final stage (FROM ${final.written}) defines no HEALTHCHECK`,
          path: ['instructions', final.instruction],
        },
      ]
    }
    return hc.none
      ? [
          {
            message: "HEALTHCHECK NONE disables the base image's health check",
            path: ['instructions', hc.instruction],
          },
        ]
      : []
  },
  fixtures: {
    pass: [
      'FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n',
      'FROM alpine:3.20 AS base\nHEALTHCHECK --interval=10s CMD ["/bin/health"]\nFROM base\nCMD ["/bin/app"]\n',
    ],
    fail: [
      'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n',
      'FROM nginx:1.27\nHEALTHCHECK NONE\n',
      'FROM alpine:3.20 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20\nCMD ["sh"]\n',
    ],
  },
})
