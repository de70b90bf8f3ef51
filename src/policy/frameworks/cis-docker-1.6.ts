import type { Framework } from './framework.js'

/** CIS Docker Benchmark v1.6.0, section 5 (Container Runtime): every recommendation and what covers it. */
export const CIS_DOCKER_1_6: Framework = {
  key: 'cis-docker-1.6',
  name: 'CIS Docker Benchmark v1.6.0, section 5',
  url: 'https://www.cisecurity.org/benchmark/docker',
  controls: [
    { id: '5.1', title: 'Ensure swarm mode is not Enabled, if not needed', rules: ['AL-0073'] },
    { id: '5.2', title: 'Ensure that, if applicable, an AppArmor Profile is enabled', rules: ['AL-0027'] },
    { id: '5.3', title: 'Ensure that, if applicable, SELinux security options are set', rules: ['AL-0028'] },
    {
      id: '5.4',
      title: 'Ensure that Linux kernel capabilities are restricted within containers',
      rules: ['AL-0021', 'AL-0022'],
    },
    { id: '5.5', title: 'Ensure that privileged containers are not used', rules: ['AL-0001'] },
    {
      id: '5.6',
      title: 'Ensure sensitive host system directories are not mounted on containers',
      rules: ['AL-0010', 'AL-0012', 'AL-0015'],
    },
    {
      id: '5.7',
      title: 'Ensure sshd is not run within containers',
      rules: ['AL-0082', 'AL-0106'],
      note: "Airlock sees the command and entrypoint of the request; an sshd started by the image's own CMD needs an image scan (a Dockerfile that EXPOSEs 22 is reported by AL-0106).",
    },
    { id: '5.8', title: 'Ensure privileged ports are not mapped within containers', rules: ['AL-0050'] },
    {
      id: '5.9',
      title: 'Ensure that only needed ports are open on the container',
      rules: ['AL-0051'],
      note: 'Which ports are needed is a judgment; AL-0051 catches publish-all (-P), which opens every exposed port.',
    },
    { id: '5.10', title: "Ensure that the host's network namespace is not shared", rules: ['AL-0002'] },
    { id: '5.11', title: 'Ensure that the memory usage for containers is limited', rules: ['AL-0040'] },
    { id: '5.12', title: 'Ensure that CPU priority is set appropriately on containers', rules: ['AL-0041'] },
    {
      id: '5.13',
      title: "Ensure that the container's root filesystem is mounted as read only",
      rules: ['AL-0024'],
    },
    {
      id: '5.14',
      title: 'Ensure that incoming container traffic is bound to a specific host interface',
      rules: ['AL-0051'],
    },
    {
      id: '5.15',
      title: "Ensure that the 'on-failure' container restart policy is set to '5'",
      rules: ['AL-0080'],
    },
    { id: '5.16', title: "Ensure that the host's process namespace is not shared", rules: ['AL-0003'] },
    { id: '5.17', title: "Ensure that the host's IPC namespace is not shared", rules: ['AL-0004'] },
    {
      id: '5.18',
      title: 'Ensure that host devices are not directly exposed to containers',
      rules: ['AL-0018', 'AL-0019'],
    },
    {
      id: '5.19',
      title: 'Ensure that the default ulimit is overwritten at runtime if needed',
      automated: false,
      reason:
        "Whether a workload needs other ulimits than the daemon default is a judgment; raising them within the daemon's hard limits is not a path out of the container, and the PIDs and memory limits (AL-0042, AL-0040) bound the resources that matter.",
    },
    { id: '5.20', title: 'Ensure mount propagation mode is not set to shared', rules: ['AL-0014'] },
    { id: '5.21', title: "Ensure that the host's UTS namespace is not shared", rules: ['AL-0005'] },
    { id: '5.22', title: 'Ensure the default seccomp profile is not Disabled', rules: ['AL-0026'] },
    {
      id: '5.23',
      title: 'Ensure that docker exec commands are not used with the privileged option',
      rules: ['AL-0034'],
    },
    {
      id: '5.24',
      title: 'Ensure that docker exec commands are not used with the user=root option',
      rules: ['AL-0035'],
    },
    { id: '5.25', title: 'Ensure that cgroup usage is confirmed', rules: ['AL-0031', 'AL-0062'] },
    {
      id: '5.26',
      title: 'Ensure that the container is restricted from acquiring additional privileges',
      rules: ['AL-0023'],
    },
    { id: '5.27', title: 'Ensure that container health is checked at runtime', rules: ['AL-0081'] },
    {
      id: '5.28',
      title: 'Ensure that Docker commands always make use of the latest version of their image',
      automated: false,
      reason:
        'Whether a locally cached image is the newest build of its tag is known only to the registry at pull time; a gate cannot tell. Pinned tags and digests (AL-0065) make the version that runs explicit instead.',
    },
    {
      id: '5.29',
      title: 'Ensure that the PIDs cgroup limit is used',
      rules: ['AL-0042', 'AL-0043', 'AL-0045'],
    },
    { id: '5.30', title: "Ensure that Docker's default bridge 'docker0' is not used", rules: ['AL-0054'] },
    { id: '5.31', title: "Ensure that the host's user namespaces are not shared", rules: ['AL-0006'] },
    {
      id: '5.32',
      title: 'Ensure that the Docker socket is not mounted inside any containers',
      rules: ['AL-0011'],
    },
  ],
}
