import type { Framework } from './framework.js'

/** Kubernetes Pod Security Standards (baseline and restricted): every control and its Docker rules. */
export const PSS: Framework = {
  key: 'pss',
  name: 'Kubernetes Pod Security Standards',
  url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  controls: [
    {
      id: 'baseline/host-process',
      title: 'HostProcess',
      dockerEquivalent: false,
      reason:
        'HostProcess containers are a Kubernetes feature of Windows nodes; Docker has no way to run a container as a process on the host.',
    },
    {
      id: 'baseline/host-namespaces',
      title: 'Host Namespaces',
      rules: ['AL-0002', 'AL-0003', 'AL-0004', 'AL-0005', 'AL-0006', 'AL-0007', 'AL-0212'],
      note: "PSS names the network, PID and IPC namespaces; Docker can also share UTS, user and cgroup namespaces. AL-0212 reports a daemon whose default puts every container in the host's cgroup namespace.",
    },
    { id: 'baseline/privileged', title: 'Privileged Containers', rules: ['AL-0001'] },
    { id: 'baseline/capabilities', title: 'Capabilities', rules: ['AL-0021'] },
    {
      id: 'baseline/host-path-volumes',
      title: 'HostPath Volumes',
      rules: ['AL-0010', 'AL-0011', 'AL-0012'],
      note: 'Baseline Airlock allows binds of ordinary project directories; restricted (AL-0015) allows none outside allowedHostPaths.',
    },
    {
      id: 'baseline/host-ports',
      title: 'Host Ports',
      rules: ['AL-0050', 'AL-0051'],
      note: 'Publishing ports is how Docker exposes services; the rules restrict privileged ports and wildcard interfaces.',
    },
    { id: 'baseline/apparmor', title: 'AppArmor', rules: ['AL-0027'] },
    { id: 'baseline/selinux', title: 'SELinux', rules: ['AL-0028'] },
    { id: 'baseline/proc-mount', title: '/proc Mount Type', rules: ['AL-0029'] },
    { id: 'baseline/seccomp', title: 'Seccomp', rules: ['AL-0026'] },
    { id: 'baseline/sysctls', title: 'Sysctls', rules: ['AL-0032'] },
    { id: 'restricted/volume-types', title: 'Volume Types', rules: ['AL-0013', 'AL-0015', 'AL-0017'] },
    { id: 'restricted/privilege-escalation', title: 'Privilege Escalation (v1.8+)', rules: ['AL-0023'] },
    { id: 'restricted/running-as-non-root', title: 'Running as Non-root', rules: ['AL-0025'] },
    {
      id: 'restricted/running-as-non-root-user',
      title: 'Running as Non-root user (v1.23+)',
      rules: ['AL-0025'],
    },
    {
      id: 'restricted/seccomp',
      title: 'Seccomp (v1.19+)',
      rules: ['AL-0026'],
      note: "Docker applies its default profile when none is set, which is what PSS's RuntimeDefault requires explicitly.",
    },
    { id: 'restricted/capabilities', title: 'Capabilities (v1.22+)', rules: ['AL-0022'] },
  ],
}
