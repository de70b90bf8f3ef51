import type { ContainerSpec } from '../../model/container-spec.js'
import { namespaceKind } from '../../model/namespace-kind.js'
import { matchesAnyPattern } from '../patterns.js'
import { defineRule } from '../rule.js'
import { normalizeSysctl, SAFE_SYSCTLS, sysctlNamespace } from '../sysctls.js'

function sharesHost(spec: ContainerSpec, ns: 'network' | 'ipc' | 'uts'): boolean {
  return namespaceKind(spec.namespaces[ns]) === 'host' || spec.namespaces.joinedHost.includes(ns)
}

export default defineRule({
  id: 'AL-0032',
  slug: 'no-unsafe-sysctls',
  title: 'Containers must set only safe sysctls',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Kernel parameters outside the Pod Security Standards' safe set either change the whole host (kernel.*, vm.*, fs.* other than the IPC ones: core_pattern runs a program as root on the host, vm.overcommit changes every process) or weaken isolation between containers and the host (net.ipv4.conf.*.route_localnet, forwarding, ARP and ICMP behaviour). Even a safe net.* or kernel.shm* sysctl applies to the host when the container shares the host's network or IPC namespace. Sysctls an administrator trusts are listed in settings.allowedSysctls.",
  remediation:
    'Remove the --sysctl entries (compose: sysctls:; Kubernetes: securityContext.sysctls) that are not in the safe set, set host-wide parameters on the host, or have the name added to allowedSysctls (exact or prefix.*). Do not combine net.* sysctls with --network host.',
  frameworks: { pss: ['baseline/sysctls'] },
  check: (spec, { settings }) =>
    Object.entries(spec.sysctls).flatMap(([name, value]) => {
      const n = normalizeSysctl(name)
      const path = ['sysctls', name]
      const ns = sysctlNamespace(n)
      if (SAFE_SYSCTLS.includes(n) || matchesAnyPattern(n, settings.allowedSysctls)) {
        if (ns && sharesHost(spec, ns)) {
          return [
            {
              message: `sysctl ${name}=${value} changes the host: the container shares the host's ${ns} namespace`,
              path,
            },
          ]
        }
        return []
      }
      const scope = ns
        ? `is namespaced (${ns}) but not in the safe set`
        : 'is not namespaced: it changes the host kernel for everyone'
      return [{ message: `sysctl ${name}=${value} ${scope}`, path }]
    }),
  fixtures: {
    pass: [
      {},
      { sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' } },
      { sysctls: { 'net/ipv4/tcp_syncookies': '1', 'kernel.shm_rmid_forced': '1' } },
      { sysctls: { 'net.ipv4.tcp_keepalive_time': '600', 'net.ipv4.ping_group_range': '0 2147483647' } },
    ],
    fail: [
      { sysctls: { 'kernel.core_pattern': '|/tmp/x' } },
      { sysctls: { 'net.core.somaxconn': '1024' } },
      { sysctls: { 'net.ipv4.conf.all.route_localnet': '1' } },
      { sysctls: { 'vm.overcommit_memory': '1' } },
      { sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' }, namespaces: { network: 'host' } },
      { sysctls: { 'kernel.shm_rmid_forced': '1' }, namespaces: { ipc: 'container:x', joinedHost: ['ipc'] } },
      { sysctls: { 'kernel/msgmax': '65536' } },
    ],
  },
})
