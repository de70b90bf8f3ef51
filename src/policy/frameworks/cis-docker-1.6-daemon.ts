import type { Framework } from './framework.js'

/**
 * CIS Docker Benchmark v1.6.0, sections 2 (Docker daemon configuration) and 3 (Docker daemon
 * configuration files): every recommendation and the daemon rules that cover it. Checked by
 * `airlock scan --docker` on the daemon's posture.
 */
export const CIS_DOCKER_1_6_DAEMON: Framework = {
  key: 'cis-docker-1.6-daemon',
  name: 'CIS Docker Benchmark v1.6.0, sections 2 and 3',
  url: 'https://www.cisecurity.org/benchmark/docker',
  controls: [
    {
      id: '2.1',
      title: 'Run the Docker daemon as a non-root user, if possible',
      automated: false,
      reason:
        'Rootless mode is an installation choice with functional limits (no AppArmor, no ports below 1024 without extra setup, fewer network and storage drivers), and the benchmark marks it Manual. AL-0201 passes a rootless daemon and otherwise asks for user namespace remapping.',
    },
    {
      id: '2.2',
      title: 'Ensure network traffic is restricted between containers on the default bridge',
      rules: ['AL-0202'],
    },
    { id: '2.3', title: "Ensure the logging level is set to 'info'", rules: ['AL-0210'] },
    {
      id: '2.4',
      title: 'Ensure Docker is allowed to make changes to iptables',
      automated: false,
      reason:
        'The iptables setting is not reported by the Engine API, and turning it off breaks published ports and network isolation rules that a person then has to maintain by hand; Airlock does not read it.',
    },
    { id: '2.5', title: 'Ensure insecure registries are not used', rules: ['AL-0208'] },
    {
      id: '2.6',
      title: 'Ensure aufs storage driver is not used',
      automated: false,
      reason:
        'The aufs storage driver was removed in Docker Engine 24, so a supported daemon cannot use it; the recommendation only applies to end-of-life versions.',
    },
    {
      id: '2.7',
      title: 'Ensure TLS authentication for Docker daemon is configured',
      rules: ['AL-0204'],
    },
    {
      id: '2.8',
      title: 'Ensure the default ulimit is configured appropriately',
      automated: false,
      reason:
        'Which default ulimits suit a host depends on its workloads (the benchmark marks it Manual); the PIDs and memory limits (AL-0042, AL-0040) bound the resources that matter per container.',
    },
    { id: '2.9', title: 'Enable user namespace support', rules: ['AL-0201'] },
    {
      id: '2.10',
      title: 'Ensure the default cgroup usage has been confirmed',
      automated: false,
      reason:
        'A daemon-wide cgroup parent is a placement decision the benchmark asks an operator to confirm, not a setting to forbid, and it is not reported by the Engine API. Containers that choose their own cgroup parent are reported by AL-0031.',
    },
    {
      id: '2.11',
      title: 'Ensure base device size is not changed until needed',
      automated: false,
      reason:
        'dm.basesize belongs to the devicemapper storage driver, which was removed in Docker Engine 25; the recommendation only applies to end-of-life versions.',
    },
    {
      id: '2.12',
      title: 'Ensure that authorization for Docker client commands is enabled',
      rules: ['AL-0200'],
    },
    {
      id: '2.13',
      title: 'Ensure centralized and remote logging is configured',
      automated: false,
      reason:
        'Where logs end up is an organisation-wide decision: the Engine API shows the default log driver, not whether journald or the json-file logs are shipped off the host. AL-0060 restricts the log drivers containers may choose.',
    },
    {
      id: '2.14',
      title: 'Ensure containers are restricted from acquiring new privileges',
      rules: ['AL-0211'],
    },
    { id: '2.15', title: 'Ensure live restore is enabled', rules: ['AL-0203'] },
    {
      id: '2.16',
      title: 'Ensure Userland Proxy is Disabled',
      automated: false,
      reason:
        'The userland proxy setting is not reported by the Engine API, and disabling it needs hairpin NAT support from the kernel and network setup, which a person has to confirm first.',
    },
    {
      id: '2.17',
      title: 'Ensure that a daemon-wide custom seccomp profile is applied if appropriate',
      rules: ['AL-0207'],
      note: 'AL-0207 requires a daemon-wide seccomp filter (the default or a custom profile) and reports an unconfined one; whether a custom profile is appropriate is a judgment.',
    },
    {
      id: '2.18',
      title: 'Ensure that experimental features are not implemented in production',
      rules: ['AL-0209'],
    },
    {
      id: '3.1',
      title: 'Ensure that the docker.service file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.2',
      title: 'Ensure that docker.service file permissions are appropriately set',
      rules: ['AL-0206'],
    },
    {
      id: '3.3',
      title: 'Ensure that docker.socket file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.4',
      title: 'Ensure that docker.socket file permissions are set to 644 or more restrictive',
      rules: ['AL-0206'],
    },
    {
      id: '3.5',
      title: 'Ensure that the /etc/docker directory ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.6',
      title: 'Ensure that /etc/docker directory permissions are set to 755 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.7',
      title: 'Ensure that registry certificate file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.8',
      title: 'Ensure that registry certificate file permissions are set to 444 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.9',
      title: 'Ensure that TLS CA certificate file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.10',
      title: 'Ensure that TLS CA certificate file permissions are set to 444 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.11',
      title: 'Ensure that Docker server certificate file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.12',
      title:
        'Ensure that the Docker server certificate file permissions are set to 444 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.13',
      title: 'Ensure that the Docker server certificate key file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.14',
      title: 'Ensure that the Docker server certificate key file permissions are set to 400',
      rules: ['AL-0206'],
    },
    {
      id: '3.15',
      title: 'Ensure that the Docker socket file ownership is set to root:docker',
      rules: ['AL-0205'],
    },
    {
      id: '3.16',
      title: 'Ensure that the Docker socket file permissions are set to 660 or more restrictively',
      rules: ['AL-0205'],
    },
    {
      id: '3.17',
      title: 'Ensure that the daemon.json file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.18',
      title: 'Ensure that daemon.json file permissions are set to 644 or more restrictive',
      rules: ['AL-0206'],
    },
    {
      id: '3.19',
      title: 'Ensure that the /etc/default/docker file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.20',
      title: 'Ensure that the /etc/default/docker file permissions are set to 644 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.21',
      title: 'Ensure that the /etc/sysconfig/docker file permissions are set to 644 or more restrictively',
      rules: ['AL-0206'],
    },
    {
      id: '3.22',
      title: 'Ensure that the /etc/sysconfig/docker file ownership is set to root:root',
      rules: ['AL-0206'],
    },
    {
      id: '3.23',
      title: 'Ensure that the Containerd socket file ownership is set to root:root',
      rules: ['AL-0205'],
    },
    {
      id: '3.24',
      title: 'Ensure that the Containerd socket file permissions are set to 660 or more restrictively',
      rules: ['AL-0205'],
    },
  ],
}
