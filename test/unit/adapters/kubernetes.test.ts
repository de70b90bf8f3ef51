import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { kubernetesWorkloads } from '../../../src/adapters/kubernetes/kubernetes-workloads.js'
import { POD_NETWORK, RUN_AS_NON_ROOT } from '../../../src/adapters/kubernetes/pod-security.js'
import type { AdapterResult, Workload } from '../../../src/adapters/workload.js'
import { userKind } from '../../../src/model/user.js'

const FILE = fileURLToPath(
  new URL('../../../../test/fixtures/adapters/kubernetes/shop.yaml', import.meta.url),
)
const shop = () => kubernetesWorkloads(FILE, readFileSync(FILE, 'utf8'))

function workload(r: AdapterResult, name: string): Workload {
  const w = r.workloads.find((x) => x.name === name)
  assert.ok(w, name)
  return w
}

const pod = (spec: string, meta = '') =>
  kubernetesWorkloads('pod.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${meta}spec:\n${spec}`)

describe('kubernetes: the shop manifest', () => {
  it('finds every container of every pod template: Deployment, DaemonSet, CronJob, List items', () => {
    const r = shop()
    assert.deepEqual(r.errors, [])
    assert.deepEqual(
      r.workloads.map((w) => w.name),
      [
        'Deployment/api container api',
        'Deployment/api initContainer migrate',
        'DaemonSet/node-agent container agent',
        'CronJob/backup container pg-dump',
        'Pod/debug container shell',
        'Pod/debug ephemeralContainer debugger',
      ],
    )
  })

  it('applies pod-level securityContext under the container-level one', () => {
    const r = shop()
    const api = workload(r, 'Deployment/api container api').spec
    assert.equal(api.user, '1000:3000')
    assert.deepEqual(api.groupAdd, ['2000'], 'fsGroup is a supplementary group')
    assert.equal(api.security.seccomp, 'builtin', 'RuntimeDefault from the pod')
    assert.equal(api.security.noNewPrivileges, true, 'allowPrivilegeEscalation: no (YAML 1.1)')
    assert.equal(api.security.apparmor, 'runtime/default', 'from the annotation')
    assert.equal(api.readOnlyRootfs, true)
    assert.deepEqual(api.capAdd, ['CAP_NET_BIND_SERVICE'])
    assert.deepEqual(api.capDrop, ['ALL'])
    const migrate = workload(r, 'Deployment/api initContainer migrate').spec
    assert.equal(migrate.user, '0:3000', 'the container runAsUser overrides the pod one')
    assert.equal(userKind(migrate.user, migrate.imageUser), 'root')
  })

  it('maps runAsNonRoot without runAsUser to a non-root image user', () => {
    const s = workload(shop(), 'CronJob/backup container pg-dump').spec
    assert.equal(s.user, '')
    assert.equal(s.imageUser, RUN_AS_NON_ROOT)
    assert.equal(userKind(s.user, s.imageUser), 'non-root')
    assert.equal(s.namespaces.user, 'private', 'hostUsers: false is a user namespace')
    assert.deepEqual(s.entrypoint, ['sh', '-c', 'pg_dump shop > /backup/shop.sql'])
  })

  it('maps host namespaces, privileged, procMount, SELinux, AppArmor and seccomp fields', () => {
    const s = workload(shop(), 'DaemonSet/node-agent container agent').spec
    assert.deepEqual(
      [s.namespaces.network, s.namespaces.pid, s.namespaces.ipc, s.namespaces.uts, s.namespaces.user],
      ['host', 'host', 'host', 'host', ''],
    )
    assert.equal(s.privileged, true)
    assert.deepEqual(s.maskedPaths, [])
    assert.deepEqual(s.readonlyPaths, [])
    assert.deepEqual(s.security.selinux, ['type:spc_t'])
    assert.equal(s.security.apparmor, 'unconfined')
    assert.equal(s.security.seccomp, 'unconfined')
    assert.equal(s.runtime, 'runc-privileged')
  })

  it('maps hostPath volumes to binds (subPath, readOnly, propagation) and other volumes', () => {
    const r = shop()
    const agent = workload(r, 'DaemonSet/node-agent container agent').spec
    assert.deepEqual(
      agent.mounts.map((m) => [m.type, m.source, m.target, m.readOnly, m.propagation ?? '']),
      [
        ['bind', '/', '/host', true, 'rslave'],
        ['bind', '/var/run/docker.sock', '/var/run/docker.sock', false, ''],
        ['bind', '/var/log/shop', '/var/log/pods', false, ''],
      ],
    )
    const api = workload(r, 'Deployment/api container api').spec
    assert.deepEqual(
      api.mounts.map((m) => [m.type, m.source, m.target, m.readOnly]),
      [
        ['tmpfs', '', '/tmp', false],
        ['volume', 'config', '/etc/api', true],
      ],
    )
    const backup = workload(r, 'CronJob/backup container pg-dump').spec
    assert.deepEqual(backup.mounts[0]?.volumeOptions, {
      type: 'nfs',
      o: 'addr=nas.internal',
      device: ':/exports/backup',
    })
  })

  it('maps ports, resources (quantities, CPU shares, GPUs), env, sysctls and labels', () => {
    const r = shop()
    const api = workload(r, 'Deployment/api container api').spec
    assert.deepEqual(api.ports, [{ containerPort: '9090/tcp', hostIp: '127.0.0.1', hostPort: '9090' }])
    assert.deepEqual(api.exposedPorts, ['8000/tcp', '9090/tcp'])
    assert.deepEqual(api.resources, { memory: 536870912, nanoCpus: 1000000000, cpuShares: 256, ulimits: [] })
    assert.deepEqual(api.env, ['LOG_LEVEL=info', 'DB_PASSWORD'])
    assert.deepEqual(api.sysctls, { 'net.ipv4.ip_unprivileged_port_start': '0' })
    assert.deepEqual(api.labels, { app: 'api', tier: 'backend' })
    assert.deepEqual(api.command, ['serve', '--port', '8000'])
    assert.equal(api.namespaces.network, POD_NETWORK)
    const agent = workload(r, 'DaemonSet/node-agent container agent').spec
    assert.equal(agent.resources.memory, 1e9)
    assert.deepEqual(agent.deviceRequests, [
      { driver: 'nvidia.com', count: 1, deviceIds: [], capabilities: [['gpu']] },
    ])
    const debug = workload(r, 'Pod/debug ephemeralContainer debugger').spec
    assert.deepEqual(debug.capAdd, ['CAP_SYS_PTRACE', 'CAP_SYS_ADMIN'])
  })

  it('locates values where they are written: the container, the pod securityContext, the volume', () => {
    const r = shop()
    const api = workload(r, 'Deployment/api container api')
    assert.deepEqual(api.location, { file: FILE, line: 37, column: 11, endLine: 37, endColumn: 20 })
    assert.deepEqual(api.locate(['user']), { file: FILE, line: 21, column: 9, endLine: 21, endColumn: 24 })
    assert.equal(api.locate(['security', 'seccomp']).line, 25)
    assert.equal(api.locate(['security', 'apparmor']).line, 18)
    assert.equal(api.locate(['resources', 'memory']).line, 57)
    assert.equal(api.locate(['capDrop', 0]).line, 62)
    assert.equal(api.locate(['ports', 0, 'hostIp']).line, 42)
    assert.deepEqual(api.locate(['privileged']), api.location)
    const agent = workload(r, 'DaemonSet/node-agent container agent')
    assert.deepEqual(agent.locate(['mounts', 0, 'source']), {
      file: FILE,
      line: 120,
      column: 22,
      endLine: 120,
      endColumn: 29,
    })
    assert.equal(agent.locate(['mounts', 1]).line, 109, 'the volumeMount')
    assert.equal(agent.locate(['namespaces', 'pid']).line, 89)
    assert.equal(agent.locate(['privileged']).line, 96)
    assert.equal(workload(r, 'CronJob/backup container pg-dump').locate(['user']).line, 145)
  })
})

describe('kubernetes: reading rules', () => {
  it('reads YAML 1.1: yes/on/off are booleans, 0755 is octal', () => {
    const r = pod(
      '  hostNetwork: on\n  containers:\n    - name: c\n      image: x\n      securityContext:\n        runAsUser: 0755\n        privileged: yes\n        readOnlyRootFilesystem: off\n',
    )
    const s = r.workloads[0]?.spec
    assert.equal(s?.namespaces.network, 'host')
    assert.equal(s?.user, '493')
    assert.equal(s?.privileged, true)
    assert.equal(s?.readOnlyRootfs, false)
  })

  it('applies AppArmor: container field, then annotation, then pod field', () => {
    const meta = '  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: localhost/custom\n'
    const r = pod(
      '  securityContext:\n    appArmorProfile: {type: Unconfined}\n  containers:\n    - {name: a, image: x}\n    - {name: b, image: x}\n    - name: c\n      image: x\n      securityContext:\n        appArmorProfile: {type: RuntimeDefault}\n',
      meta,
    )
    assert.deepEqual(
      r.workloads.map((w) => w.spec.security.apparmor),
      ['custom', 'unconfined', 'runtime/default'],
    )
  })

  it('maps seccomp Localhost, hostUsers true, hostIPC and runAsGroup alone', () => {
    const r = pod(
      '  hostUsers: true\n  hostIPC: true\n  securityContext:\n    runAsGroup: 5000\n  containers:\n    - name: c\n      image: x\n      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}\n',
    )
    const s = r.workloads[0]?.spec
    assert.equal(s?.security.seccomp, 'profiles/audit.json')
    assert.equal(s?.namespaces.user, '', 'hostUsers true is the host user namespace, like Docker’s default')
    assert.equal(s?.namespaces.ipc, 'host')
    assert.equal(s?.user, ':5000')
  })

  it('reads PodTemplate, ReplicaSet, ReplicationController, StatefulSet and Job, and ignores other kinds', () => {
    const docs = ['PodTemplate', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'Job', 'Service'].map(
      (kind) => {
        const template = '{metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}'
        const body = kind === 'PodTemplate' ? `template: ${template}` : `spec: {template: ${template}}`
        return `apiVersion: v1\nkind: ${kind}\nmetadata: {name: web}\n${body}\n`
      },
    )
    const r = kubernetesWorkloads('many.yaml', docs.join('---\n'))
    assert.deepEqual(
      r.workloads.map((w) => w.name),
      [
        'PodTemplate/web container c',
        'ReplicaSet/web container c',
        'ReplicationController/web container c',
        'StatefulSet/web container c',
        'Job/web container c',
      ],
    )
  })

  it('reads `n` as false, as YAML 1.1 (and the API machinery) does', () => {
    const r = pod('  containers:\n    - name: n\n      image: x\n')
    assert.equal(r.workloads[0]?.spec.name, 'false')
  })
})

describe('kubernetes: errors', () => {
  it('reports a broken document and reads the others', () => {
    const text =
      'kind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: x\n---\nkind: Pod\nmetadata: {name: b}\nspec: {containers: [{name: d, image: y}]}\n'
    const r = kubernetesWorkloads('m.yaml', text)
    assert.deepEqual(
      r.workloads.map((w) => w.name),
      ['Pod/b container d'],
    )
    assert.ok(r.errors.length > 0)
    assert.equal(r.errors[0]?.location.file, 'm.yaml')
    assert.ok((r.errors[0]?.location.line ?? 0) >= 4)
  })

  it('reports unknown volumes, bad quantities, unknown capabilities and containers that are not mappings', () => {
    const r = pod(
      '  containers:\n    - just-a-name\n    - name: c\n      image: x\n      volumeMounts: [{name: nope, mountPath: /x}]\n      resources: {limits: {memory: lots}}\n      securityContext: {capabilities: {add: [BOGUS]}}\n',
    )
    assert.deepEqual(
      r.errors.map((e) => [e.location.line, e.message]),
      [
        [7, 'Pod/p: each of containers must be a mapping'],
        [11, 'Pod/p container c: "lots" is not a Kubernetes quantity'],
        [12, 'Pod/p container c: unknown capability "BOGUS"'],
        [10, 'Pod/p container c: volumeMount refers to volume "nope", which the pod does not define'],
      ],
    )
    assert.equal(r.workloads.length, 1)
  })
})
