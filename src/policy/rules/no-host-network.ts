import { hostNamespaceFindings } from '../host-namespace.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0002',
  slug: 'no-host-network',
  title: "Containers must not share the host's network namespace",
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "With the host's network namespace the container sees every host interface, can bind any host address, sniff traffic (with NET_RAW) and reach services that listen only on the host's loopback: the daemon's TCP socket, containerd's API, metadata proxies, databases bound to 127.0.0.1. Published-port isolation and firewall rules for containers no longer apply.",
  remediation:
    'Remove --network host (compose: network_mode: host; Kubernetes: hostNetwork: true) and publish the ports the service needs with -p 8080:80 (compose: ports: ["8080:80"]; Kubernetes: a Service).',
  frameworks: { 'cis-docker-1.6': ['5.10'], pss: ['baseline/host-namespaces'] },
  check: (spec) => hostNamespaceFindings(spec, 'network'),
  fixtures: {
    pass: [
      {},
      { namespaces: { network: 'bridge' } },
      { namespaces: { network: 'my-app_default' } },
      { namespaces: { network: 'none' } },
      { namespaces: { network: 'HOST' } },
      { namespaces: { network: 'container:db' } },
    ],
    fail: [
      { namespaces: { network: 'host' } },
      { namespaces: { network: 'container:agent', joinedHost: ['network'] } },
    ],
  },
})
