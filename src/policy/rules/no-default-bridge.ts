import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0054',
  slug: 'no-default-bridge',
  title: 'Containers should not use the default bridge network',
  severity: 'low',
  level: 'optional',
  appliesTo: 'container',
  description:
    'Every container on the default bridge (docker0) can reach every other one on all ports, with no name-based isolation between projects, and ARP spoofing between them is possible with CAP_NET_RAW. User-defined networks isolate groups of containers from each other.',
  remediation:
    'Create a network per application (docker network create app; --network app). Compose already puts each project on its own network; Kubernetes pods use the cluster network and NetworkPolicies.',
  frameworks: { 'cis-docker-1.6': ['5.30'] },
  check: (spec) => {
    const mode = spec.namespaces.network
    if (mode !== '' && mode !== 'bridge' && mode !== 'default') return []
    const what = mode === '' ? 'no network is given, so the container joins' : `network mode "${mode}" is`
    return [{ message: `${what} the default bridge network docker0`, path: ['namespaces', 'network'] }]
  },
  fixtures: {
    pass: [
      { namespaces: { network: 'app_default' } },
      { namespaces: { network: 'none' } },
      { namespaces: { network: 'host' } },
    ],
    fail: [{}, { namespaces: { network: 'bridge' } }, { namespaces: { network: 'default' } }],
  },
})
