import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { composeWorkloads } from '../../../src/adapters/compose/compose-workloads.js'
import { dockerRunToSpec } from '../../../src/adapters/docker-run/docker-run-to-spec.js'
import { kubernetesWorkloads } from '../../../src/adapters/kubernetes/kubernetes-workloads.js'
import { classifyRequest } from '../../../src/engine-api/classify.js'
import { interpretRequest } from '../../../src/engine-api/interpret/index.js'
import type { ContainerSpec } from '../../../src/model/container-spec.js'

/**
 * The shared adapter contract: one workload written as a Docker create body, a compose service, a
 * pod and a `docker run` line yields the same ContainerSpec, after `comparable` below takes out what
 * a format cannot express. A new input format adds a column here.
 */
interface ContractCase {
  name: string
  /** The Engine API create body, as the docker CLI would send it (JSON maps in Go's key order). */
  create: Record<string, unknown>
  /** The compose service's keys (YAML, indented under `services: app:`), plus top-level YAML. */
  compose: string
  composeTop?: string
  /** The pod spec (YAML, indented under `spec:`); null when a pod cannot express the workload. */
  pod: string | null
  /** The arguments after `docker run`. */
  run: string[]
}

type Format = 'docker-api' | 'compose' | 'kubernetes' | 'docker-run'

const byTarget = (a: { target: string }, b: { target: string }) => (a.target < b.target ? -1 : 1)

/**
 * What the comparison ignores, and why:
 * - names (`name`): each format names containers its own way (query parameter, service key,
 *   container name, --name);
 * - `origin` of mounts, devices and ports: where in each input the value was written;
 * - the order of mounts: dockerd does not depend on it (the docker CLI itself sends -v binds in
 *   Go map order);
 * - the network a container joins when it does not share one: compose attaches services to
 *   `<project>_default`, a pod joins the pod network, a create body the default bridge; only
 *   `host`, `none` and `container:` modes are compared, and the list of networks is not;
 * - for pods, the PIDs limit: Kubernetes has no per-container PIDs limit.
 */
function comparable(spec: ContainerSpec, format: Format): unknown {
  const s = structuredClone(spec)
  delete s.name
  for (const list of [s.mounts, s.devices, s.ports]) for (const item of list) delete item.origin
  s.mounts.sort(byTarget)
  const net = s.namespaces.network
  if (net !== 'host' && net !== 'none' && !net.startsWith('container:')) s.namespaces.network = ''
  s.networks = []
  if (format === 'kubernetes') delete s.resources.pidsLimit
  return s
}

function indent(text: string, by: number): string {
  return text
    .trim()
    .split('\n')
    .map((l) => ' '.repeat(by) + l)
    .join('\n')
}

function fromCreate(body: Record<string, unknown>): ContainerSpec {
  const req = classifyRequest('POST', '/v1.47/containers/create')
  const interp = interpretRequest({
    req,
    body: Buffer.from(JSON.stringify(body)),
    headers: { 'content-type': 'application/json' },
  })
  assert.equal(interp.action.kind, 'container.create')
  return (interp.action as { spec: ContainerSpec }).spec
}

function fromCompose(c: ContractCase): ContainerSpec {
  const text = `services:\n  app:\n${indent(c.compose, 4)}\n${c.composeTop ?? ''}`
  const r = composeWorkloads([{ path: '/srv/app/compose.yaml', text }], { readFile: () => undefined })
  assert.deepEqual(r.errors, [])
  assert.equal(r.workloads.length, 1)
  return (r.workloads[0] as { spec: ContainerSpec }).spec
}

function fromPod(pod: string): ContainerSpec {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n${indent(pod, 2)}\n`
  const r = kubernetesWorkloads('pod.yaml', text)
  assert.deepEqual(r.errors, [])
  assert.equal(r.workloads.length, 1)
  return (r.workloads[0] as { spec: ContainerSpec }).spec
}

const CASES: ContractCase[] = [
  {
    name: 'plain: image, command, environment',
    create: { Image: 'nginx:1.27.3', Cmd: ['nginx', '-g', 'daemon off;'], Env: ['MODE=prod'] },
    compose: `
image: nginx:1.27.3
command: ["nginx", "-g", "daemon off;"]
environment:
  MODE: prod`,
    pod: `
containers:
  - name: app
    image: nginx:1.27.3
    args: ["nginx", "-g", "daemon off;"]
    env:
      - name: MODE
        value: prod`,
    run: ['-e', 'MODE=prod', 'nginx:1.27.3', 'nginx', '-g', 'daemon off;'],
  },
  {
    name: 'privileged with the host PID namespace',
    create: { Image: 'busybox:1.36', HostConfig: { Privileged: true, PidMode: 'host' } },
    compose: 'image: busybox:1.36\nprivileged: true\npid: host',
    pod: `
hostPID: true
containers:
  - name: app
    image: busybox:1.36
    securityContext:
      privileged: true`,
    run: ['--privileged', '--pid=host', 'busybox:1.36'],
  },
  {
    name: 'capabilities added and dropped',
    create: {
      Image: 'app:1',
      HostConfig: { CapAdd: ['NET_ADMIN', 'sys_time'], CapDrop: ['ALL'] },
    },
    compose: 'image: app:1\ncap_add: [NET_ADMIN, sys_time]\ncap_drop: [ALL]',
    pod: `
containers:
  - name: app
    image: app:1
    securityContext:
      capabilities:
        add: [NET_ADMIN, SYS_TIME]
        drop: [ALL]`,
    run: ['--cap-add', 'NET_ADMIN', '--cap-add=sys_time', '--cap-drop', 'ALL', 'app:1'],
  },
  {
    name: 'bind mounts read-only and read-write, a named volume and a tmpfs',
    create: {
      Image: 'app:1',
      HostConfig: {
        Binds: ['/srv/config:/etc/app:ro', '/srv/data:/data', 'cache:/cache'],
        Tmpfs: { '/tmp': '' },
      },
    },
    compose: `
image: app:1
volumes:
  - /srv/config:/etc/app:ro
  - type: bind
    source: /srv/data
    target: /data
  - cache:/cache
tmpfs: [/tmp]`,
    composeTop: 'volumes:\n  cache:\n    name: cache\n',
    pod: `
containers:
  - name: app
    image: app:1
    volumeMounts:
      - {name: config, mountPath: /etc/app, readOnly: true}
      - {name: data, mountPath: /data}
      - {name: cache, mountPath: /cache}
      - {name: tmp, mountPath: /tmp}
volumes:
  - {name: config, hostPath: {path: /srv/config}}
  - {name: data, hostPath: {path: /srv/data, type: Directory}}
  - {name: cache, persistentVolumeClaim: {claimName: cache}}
  - {name: tmp, emptyDir: {medium: Memory}}`,
    run: [
      '-v',
      '/srv/config:/etc/app:ro',
      '--mount',
      'type=bind,src=/srv/data,dst=/data',
      '-v',
      'cache:/cache',
      '--tmpfs',
      '/tmp',
      'app:1',
    ],
  },
  {
    name: 'ports published on a host interface',
    create: {
      Image: 'app:1',
      ExposedPorts: { '53/udp': {}, '80/tcp': {} },
      HostConfig: {
        PortBindings: {
          '53/udp': [{ HostIp: '10.0.0.1', HostPort: '5353' }],
          '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
        },
      },
    },
    compose: `
image: app:1
ports:
  - 127.0.0.1:8080:80
  - target: 53
    published: "5353"
    host_ip: 10.0.0.1
    protocol: udp`,
    pod: `
containers:
  - name: app
    image: app:1
    ports:
      - {containerPort: 80, hostPort: 8080, hostIP: 127.0.0.1}
      - {containerPort: 53, hostPort: 5353, hostIP: 10.0.0.1, protocol: UDP}`,
    run: ['-p', '127.0.0.1:8080:80', '--publish=10.0.0.1:5353:53/udp', 'app:1'],
  },
  {
    name: 'memory, CPU and PIDs limits',
    create: { Image: 'app:1', HostConfig: { Memory: 536870912, NanoCpus: 500000000, PidsLimit: 256 } },
    compose: 'image: app:1\nmem_limit: 512m\ncpus: 0.5\npids_limit: 256',
    pod: `
containers:
  - name: app
    image: app:1
    resources:
      limits: {memory: 512Mi, cpu: 500m}`,
    run: ['--memory', '512m', '--cpus', '0.5', '--pids-limit', '256', 'app:1'],
  },
  {
    name: 'security options: no-new-privileges, seccomp and AppArmor unconfined',
    create: {
      Image: 'app:1',
      HostConfig: { SecurityOpt: ['no-new-privileges', 'seccomp=unconfined', 'apparmor=unconfined'] },
    },
    compose: `
image: app:1
security_opt:
  - no-new-privileges:true
  - seccomp:unconfined
  - apparmor=unconfined`,
    pod: `
containers:
  - name: app
    image: app:1
    securityContext:
      allowPrivilegeEscalation: false
      seccompProfile: {type: Unconfined}
      appArmorProfile: {type: Unconfined}`,
    run: [
      '--security-opt',
      'no-new-privileges',
      '--security-opt',
      'seccomp=unconfined',
      '--security-opt',
      'apparmor=unconfined',
      'app:1',
    ],
  },
  {
    name: 'user, group and supplementary group',
    create: { Image: 'app:1', User: '1000:1000', HostConfig: { GroupAdd: ['2000'] } },
    compose: 'image: app:1\nuser: "1000:1000"\ngroup_add: [2000]',
    pod: `
securityContext:
  runAsUser: 1000
  runAsGroup: 1000
  supplementalGroups: [2000]
containers:
  - name: app
    image: app:1`,
    run: ['-u', '1000:1000', '--group-add', '2000', 'app:1'],
  },
  {
    name: 'read-only root file system',
    create: { Image: 'app:1', HostConfig: { ReadonlyRootfs: true } },
    compose: 'image: app:1\nread_only: true',
    pod: `
containers:
  - name: app
    image: app:1
    securityContext:
      readOnlyRootFilesystem: true`,
    run: ['--read-only', 'app:1'],
  },
  {
    name: 'sysctls',
    create: {
      Image: 'app:1',
      HostConfig: { Sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.ip_unprivileged_port_start': '0' } },
    },
    compose: `
image: app:1
sysctls:
  net.core.somaxconn: 1024
  net.ipv4.ip_unprivileged_port_start: 0`,
    pod: `
securityContext:
  sysctls:
    - {name: net.core.somaxconn, value: "1024"}
    - {name: net.ipv4.ip_unprivileged_port_start, value: "0"}
containers:
  - name: app
    image: app:1`,
    run: [
      '--sysctl',
      'net.core.somaxconn=1024',
      '--sysctl',
      'net.ipv4.ip_unprivileged_port_start=0',
      'app:1',
    ],
  },
  {
    name: 'a host device (a pod maps devices only through hostPath volumes or device plugins)',
    create: {
      Image: 'app:1',
      HostConfig: {
        Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      },
    },
    compose: 'image: app:1\ndevices:\n  - /dev/fuse:/dev/fuse:rwm',
    pod: null,
    run: ['--device', '/dev/fuse', 'app:1'],
  },
]

describe('adapter contract: one workload, four formats, one ContainerSpec', () => {
  it('covers at least eight workloads', () => {
    assert.ok(CASES.length >= 8)
  })

  for (const c of CASES) {
    describe(c.name, () => {
      // What a format cannot express is taken out of both sides.
      const reference = (format: Format) => comparable(fromCreate(c.create), format)

      it('the create body goes through the proxy interpreter', () => {
        assert.equal(fromCreate(c.create).image, c.create['Image'])
      })
      it('as a compose service', () => {
        assert.deepEqual(comparable(fromCompose(c), 'compose'), reference('compose'))
      })
      it('as a docker run line', () => {
        assert.deepEqual(
          comparable(dockerRunToSpec(['docker', 'run', ...c.run]), 'docker-run'),
          reference('docker-run'),
        )
      })
      if (c.pod !== null) {
        const pod = c.pod
        it('as a pod', () => {
          assert.deepEqual(comparable(fromPod(pod), 'kubernetes'), reference('kubernetes'))
        })
      }
    })
  }

  it('the comparison is not vacuous: a different workload differs', () => {
    const a = comparable(fromCreate({ Image: 'app:1', HostConfig: { Privileged: true } }), 'docker-api')
    assert.notDeepEqual(comparable(dockerRunToSpec(['docker', 'run', 'app:1']), 'docker-run'), a)
  })
})
