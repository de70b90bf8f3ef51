import { type DaemonRule, isDaemonRule, type Rule } from '../rule.js'
import apparmorNotUnconfined from './apparmor-not-unconfined.js'
import buildNoHostNetwork from './build-no-host-network.js'
import buildSafeOptions from './build-safe-options.js'
import cpuLimit from './cpu-limit.js'
import daemonAuthorizationPlugin from './daemon-authorization-plugin.js'
import daemonConfigFiles from './daemon-config-files.js'
import daemonDefaultCgroupns from './daemon-default-cgroupns.js'
import daemonExperimentalOff from './daemon-experimental-off.js'
import daemonIccDisabled from './daemon-icc-disabled.js'
import daemonLiveRestore from './daemon-live-restore.js'
import daemonLogLevelInfo from './daemon-log-level-info.js'
import daemonNoInsecureRegistries from './daemon-no-insecure-registries.js'
import daemonNoNewPrivileges from './daemon-no-new-privileges.js'
import daemonSeccompEnabled from './daemon-seccomp-enabled.js'
import daemonSocketPermissions from './daemon-socket-permissions.js'
import daemonTcpTls from './daemon-tcp-tls.js'
import daemonUsernsRemap from './daemon-userns-remap.js'
import deviceRequests from './device-requests.js'
import dockerfileBaseImagePinned from './dockerfile-base-image-pinned.js'
import dockerfileHealthcheck from './dockerfile-healthcheck.js'
import dockerfileNoAddUrl from './dockerfile-no-add-url.js'
import dockerfileNoCurlPipeShell from './dockerfile-no-curl-pipe-shell.js'
import dockerfileNoSecrets from './dockerfile-no-secrets.js'
import dockerfileNoSshPort from './dockerfile-no-ssh-port.js'
import dockerfileNoSudo from './dockerfile-no-sudo.js'
import dockerfileUserNotRoot from './dockerfile-user-not-root.js'
import dropAllCapabilities from './drop-all-capabilities.js'
import execNotPrivileged from './exec-not-privileged.js'
import execNotRoot from './exec-not-root.js'
import healthcheck from './healthcheck.js'
import imageTagPinned from './image-tag-pinned.js'
import knownSecurityOptions from './known-security-options.js'
import logDriverAllowed from './log-driver-allowed.js'
import memoryLimit from './memory-limit.js'
import networkDriverAllowed from './network-driver-allowed.js'
import noAddedCapabilities from './no-added-capabilities.js'
import noCgroupParent from './no-cgroup-parent.js'
import noDaemonFetchInternal from './no-daemon-fetch-internal.js'
import noDefaultBridge from './no-default-bridge.js'
import noDeviceCgroupRules from './no-device-cgroup-rules.js'
import noHostCgroupns from './no-host-cgroupns.js'
import noHostDevices from './no-host-devices.js'
import noHostIpc from './no-host-ipc.js'
import noHostNetwork from './no-host-network.js'
import noHostPid from './no-host-pid.js'
import noHostUserns from './no-host-userns.js'
import noHostUts from './no-host-uts.js'
import noJoinContainerNetwork from './no-join-container-network.js'
import noJoinContainerPidIpc from './no-join-container-pid-ipc.js'
import noMacvlanIpvlan from './no-macvlan-ipvlan.js'
import noNegativeOomScoreAdj from './no-negative-oom-score-adj.js'
import noNewPrivileges from './no-new-privileges.js'
import noOomKillDisable from './no-oom-kill-disable.js'
import noPluginCreate from './no-plugin-create.js'
import noPluginHostSettings from './no-plugin-host-settings.js'
import noPluginPrivileges from './no-plugin-privileges.js'
import noPrivileged from './no-privileged.js'
import noPrivilegedHostPorts from './no-privileged-host-ports.js'
import noRemoteVolumeMount from './no-remote-volume-mount.js'
import noRuntimeAnnotations from './no-runtime-annotations.js'
import noRuntimeSocketMount from './no-runtime-socket-mount.js'
import noSensitiveHostMounts from './no-sensitive-host-mounts.js'
import noSharedMountPropagation from './no-shared-mount-propagation.js'
import noSshd from './no-sshd.js'
import noSwarmChanges from './no-swarm-changes.js'
import noUnlimitedPids from './no-unlimited-pids.js'
import noUnmaskedProcPaths from './no-unmasked-proc-paths.js'
import noUnsafeSysctls from './no-unsafe-sysctls.js'
import noVolumeHostBind from './no-volume-host-bind.js'
import noVolumesFrom from './no-volumes-from.js'
import noWildcardHostPorts from './no-wildcard-host-ports.js'
import nonRootUser from './non-root-user.js'
import pidsLimit from './pids-limit.js'
import pullRegistryAllowed from './pull-registry-allowed.js'
import readOnlyRootfs from './read-only-rootfs.js'
import registryAllowed from './registry-allowed.js'
import restartPolicyBounded from './restart-policy-bounded.js'
import restrictedHostBinds from './restricted-host-binds.js'
import runtimeAllowed from './runtime-allowed.js'
import seccompNotUnconfined from './seccomp-not-unconfined.js'
import selinuxNotDisabled from './selinux-not-disabled.js'
import updateKeepsLimits from './update-keeps-limits.js'
import volumeCreateDriverAllowed from './volume-create-driver-allowed.js'
import volumeCreateNoHostBind from './volume-create-no-host-bind.js'
import volumeCreateNoRemote from './volume-create-no-remote.js'
import volumeCreateRestrictedBinds from './volume-create-restricted-binds.js'
import volumeDriverAllowed from './volume-driver-allowed.js'

/**
 * The rule catalogue, in id order: every rule Airlock has, whatever it applies to (container specs,
 * actions, Dockerfiles, the daemon's posture). A new rule is one file plus one line here.
 */
export const RULES: readonly Rule[] = [
  noPrivileged,
  noHostNetwork,
  noHostPid,
  noHostIpc,
  noHostUts,
  noHostUserns,
  noHostCgroupns,
  noJoinContainerPidIpc,
  noJoinContainerNetwork,
  noSensitiveHostMounts,
  noRuntimeSocketMount,
  noVolumeHostBind,
  noRemoteVolumeMount,
  noSharedMountPropagation,
  restrictedHostBinds,
  noVolumesFrom,
  volumeDriverAllowed,
  noHostDevices,
  noDeviceCgroupRules,
  deviceRequests,
  noAddedCapabilities,
  dropAllCapabilities,
  noNewPrivileges,
  readOnlyRootfs,
  nonRootUser,
  seccompNotUnconfined,
  apparmorNotUnconfined,
  selinuxNotDisabled,
  noUnmaskedProcPaths,
  runtimeAllowed,
  noCgroupParent,
  noUnsafeSysctls,
  execNotPrivileged,
  execNotRoot,
  noRuntimeAnnotations,
  knownSecurityOptions,
  memoryLimit,
  cpuLimit,
  pidsLimit,
  noUnlimitedPids,
  noOomKillDisable,
  updateKeepsLimits,
  noNegativeOomScoreAdj,
  noPrivilegedHostPorts,
  noWildcardHostPorts,
  noMacvlanIpvlan,
  networkDriverAllowed,
  noDefaultBridge,
  logDriverAllowed,
  buildNoHostNetwork,
  buildSafeOptions,
  noDaemonFetchInternal,
  registryAllowed,
  imageTagPinned,
  pullRegistryAllowed,
  noPluginPrivileges,
  noPluginHostSettings,
  noPluginCreate,
  noSwarmChanges,
  restartPolicyBounded,
  healthcheck,
  noSshd,
  volumeCreateNoHostBind,
  volumeCreateNoRemote,
  volumeCreateDriverAllowed,
  volumeCreateRestrictedBinds,
  dockerfileUserNotRoot,
  dockerfileHealthcheck,
  dockerfileNoAddUrl,
  dockerfileBaseImagePinned,
  dockerfileNoSecrets,
  dockerfileNoSudo,
  dockerfileNoSshPort,
  dockerfileNoCurlPipeShell,
  daemonAuthorizationPlugin,
  daemonUsernsRemap,
  daemonIccDisabled,
  daemonLiveRestore,
  daemonTcpTls,
  daemonSocketPermissions,
  daemonConfigFiles,
  daemonSeccompEnabled,
  daemonNoInsecureRegistries,
  daemonExperimentalOff,
  daemonLogLevelInfo,
  daemonNoNewPrivileges,
  daemonDefaultCgroupns,
]

/**
 * The daemon posture rules of `RULES` (CIS Docker Benchmark sections 2 and 3), in id order: the
 * typed view the live-host scan runs. They are not a second catalogue; add a daemon rule to `RULES`.
 *
 * @example DAEMON_RULES.every((r) => RULES.includes(r)) // true
 */
export const DAEMON_RULES: readonly DaemonRule[] = RULES.filter(isDaemonRule)
