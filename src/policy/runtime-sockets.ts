import { posix } from 'node:path'
import { cleanHostPath, isWithin } from './host-path.js'

/**
 * File names of the API sockets of container runtimes and builders. Whoever can talk to one of them
 * can start a privileged container: root on the host. Compared case-insensitively, because Docker
 * Desktop shares case-insensitive host file systems.
 */
export const RUNTIME_SOCKET_NAMES: readonly string[] = [
  'docker.sock',
  'docker.raw.sock',
  'docker.sock.raw',
  'docker-cli.sock',
  'containerd.sock',
  'containerd.sock.ttrpc',
  'cri-dockerd.sock',
  'crio.sock',
  'podman.sock',
  'buildkitd.sock',
  'dockershim.sock',
]

/** Where the runtimes put their sockets on Linux hosts. Binding a directory above one of them reaches it. */
export const RUNTIME_SOCKET_PATHS: readonly string[] = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/docker/containerd/containerd.sock',
  '/var/run/docker/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/run/cri-dockerd.sock',
  '/var/run/cri-dockerd.sock',
  '/run/crio/crio.sock',
  '/var/run/crio/crio.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/run/buildkit/buildkitd.sock',
  '/var/run/dockershim.sock',
]

/** Windows named pipes of the Docker engine and containerd (`\\.\pipe\docker_engine`). */
const RUNTIME_PIPE = /(docker|containerd|podman|buildkit)/i

export interface SocketReach {
  /** `is`: the path is a runtime socket; `contains`: a runtime socket lies below it. */
  how: 'is' | 'contains'
  socket: string
}

/**
 * Whether a host path is, or contains, a container runtime's API socket: by file name anywhere
 * (`/home/ci/docker.sock`), or as a directory above a well-known socket path (`/run/containerd`).
 *
 * @example runtimeSocketReach('/var/run//docker.sock') // { how: 'is', socket: '/var/run/docker.sock' }
 * @example runtimeSocketReach('/run/containerd') // { how: 'contains', socket: '/run/containerd/containerd.sock' }
 */
export function runtimeSocketReach(hostPath: string): SocketReach | undefined {
  const p = cleanHostPath(hostPath)
  if (!p.startsWith('/')) return undefined
  const base = posix.basename(p).toLowerCase()
  if (RUNTIME_SOCKET_NAMES.includes(base)) return { how: 'is', socket: p }
  const below = RUNTIME_SOCKET_PATHS.find((s) => isWithin(s, p))
  return below ? { how: 'contains', socket: below } : undefined
}

/**
 * Whether a Windows named pipe (mount type `npipe`) is a container runtime's API pipe.
 *
 * @example isRuntimePipe('\\\\.\\pipe\\docker_engine') // true
 */
export function isRuntimePipe(pipe: string): boolean {
  return RUNTIME_PIPE.test(pipe)
}
