/** Why `airlock fix` leaves a rule's findings alone: each fix here would change what the workload does. */
const REASONS: Record<string, string> = {
  'AL-0001':
    'removing privileged takes away every device and capability the workload may rely on; grant only what it needs (cap_add, devices) and remove it yourself',
  'AL-0002':
    'the workload uses the host network on purpose; moving it to its own network changes how it is reached',
  'AL-0003':
    'the workload sees host processes on purpose (monitoring, debugging); removing it changes what it does',
  'AL-0004': 'the workload shares host IPC on purpose; removing it breaks the shared memory it uses',
  'AL-0005': 'the workload uses the host name and UTS namespace on purpose',
  'AL-0006': 'the workload opts out of user namespace remapping on purpose',
  'AL-0007': 'the workload uses the host cgroup namespace on purpose',
  'AL-0008': "joining another container's namespaces is how the workload is built (sidecar, debugger)",
  'AL-0009': "joining another container's network is how the workload is built (sidecar)",
  'AL-0010': 'removing or narrowing a host mount changes the data the workload sees',
  'AL-0011':
    'the workload talks to the container runtime through this socket; removing it breaks it (put the Airlock proxy in front instead)',
  'AL-0012': 'removing or narrowing a host mount changes the data the workload sees',
  'AL-0013': 'the workload stores data on a remote file system on purpose',
  'AL-0014': 'changing mount propagation changes what the workload and the host see of each other',
  'AL-0015': 'removing or moving a host mount changes the data the workload sees',
  'AL-0016': "the workload uses another container's volumes on purpose",
  'AL-0017': 'the volume driver decides where the data lives',
  'AL-0018': 'removing a device takes hardware away from the workload',
  'AL-0019': 'removing a device cgroup rule takes hardware away from the workload',
  'AL-0020': 'removing a device request takes GPUs or other devices away from the workload',
  'AL-0021':
    'removing an added capability changes what the workload can do; drop it yourself if it is not needed',
  'AL-0022':
    'removing an added capability changes what the workload can do; drop it yourself if it is not needed',
  'AL-0025':
    "the image's user is not known here, and a guessed UID breaks file permissions in the image; set the UID the image is built for (compose user:, Kubernetes runAsUser)",
  'AL-0027':
    'turning AppArmor confinement back on can break a workload that needs it; remove apparmor:unconfined after testing',
  'AL-0028':
    'turning SELinux labelling back on can break a workload that needs it; remove label:disable after testing',
  'AL-0029': 'the workload needs the unmasked /proc paths it asked for',
  'AL-0030': 'the runtime decides how the container is isolated (gVisor, Kata, GPUs)',
  'AL-0031': 'the cgroup parent places the workload in a resource hierarchy managed elsewhere',
  'AL-0032': 'the workload needs the sysctl it sets',
  'AL-0036': 'the runtime annotations configure the workload',
  'AL-0037': 'an unknown security option is the author’s intent; check it by hand',
  'AL-0043': 'the PIDs limit is explicitly unlimited; choose a limit the workload stays under',
  'AL-0044': 'the OOM killer is disabled on purpose; choose a memory limit the workload stays under first',
  'AL-0046': 'the OOM score was lowered on purpose',
  'AL-0050': 'changing a published port changes how the workload is reached',
  'AL-0051':
    'binding a published port to one interface changes who can reach the workload; add the host IP you mean (127.0.0.1:8080:80)',
  'AL-0054': 'moving the workload off the default bridge changes how it is reached',
  'AL-0060': 'the log driver decides where the logs go',
  'AL-0064': 'the image comes from this registry; mirror it to an allowed one',
  'AL-0065': 'pinning a tag or digest needs the registry; choose the version you run',
  'AL-0080': 'changing the restart policy changes how the workload recovers',
  'AL-0081': 'a health check must test what the workload serves',
  'AL-0082': 'the workload runs sshd on purpose',
}

/**
 * Why a rule's finding is not fixed automatically.
 *
 * @example unfixableReason('AL-0001') // 'removing privileged takes away every device ...'
 */
export function unfixableReason(ruleId: string): string {
  return REASONS[ruleId] ?? 'no safe automatic fix for this rule'
}
