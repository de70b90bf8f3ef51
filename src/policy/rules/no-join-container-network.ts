import { joinedContainer } from '../../model/namespace-kind.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0009',
  slug: 'no-join-container-network',
  title: "Containers should not join another container's network namespace",
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'container',
  description:
    "A container in another container's network namespace (--network container:x) shares its interfaces, its loopback and its port space: it reaches services that container exposes only on 127.0.0.1 (admin endpoints, debug ports) and can sniff its traffic with NET_RAW. Sidecars do this on purpose; least privilege is to talk over a network.",
  remediation:
    'Replace --network container:<name> (compose: network_mode: "service:<name>" or "container:<name>") with a user-defined network both containers join (docker network create app; --network app; compose: networks:).',
  frameworks: {},
  check: (spec) => {
    const target = joinedContainer(spec.namespaces.network)
    if (target === undefined) return []
    return [
      {
        message: `network namespace joins container "${target}" (network mode "${spec.namespaces.network}"): it shares that container's loopback and ports`,
        path: ['namespaces', 'network'],
      },
    ]
  },
  fixtures: {
    pass: [{}, { namespaces: { network: 'app_net' } }, { namespaces: { network: 'host' } }],
    fail: [{ namespaces: { network: 'container:vpn' } }, { namespaces: { network: 'container:0123abcd' } }],
  },
})
