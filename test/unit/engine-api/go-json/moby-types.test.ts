import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  fieldTable,
  foldKey,
  type GoType,
  type StructType,
} from '../../../../src/engine-api/go-json/index.js'
import * as moby from '../../../../src/engine-api/moby-types/index.js'

function structsOf(type: GoType, into: Set<StructType>): void {
  switch (type.kind) {
    case 'ptr':
    case 'slice':
    case 'array':
    case 'map':
      structsOf(type.elem, into)
      return
    case 'struct':
      if (into.has(type)) return
      into.add(type)
      for (const m of type.members) structsOf(m.kind === 'field' ? m.type : m.struct, into)
      return
  }
}

function declaredFields(type: StructType): number {
  return type.members.reduce((n, m) => n + (m.kind === 'field' ? 1 : declaredFields(m.struct)), 0)
}

const descriptors = (Object.values(moby) as unknown[]).filter(
  (v): v is GoType => typeof v === 'object' && v !== null && 'kind' in v && typeof v.kind === 'string',
)
const structs = new Set<StructType>()
for (const d of descriptors) structsOf(d, structs)
/** Splits a space-separated list of names. */
const words = (list: string) => list.split(' ')
const names = (t: StructType) => fieldTable(t).fields.map((f) => f.name)

describe('moby request types', () => {
  it('describe many struct types', () => {
    assert.ok(structs.size > 60, `${structs.size}`)
  })

  it('lose no field to Go’s dominance rules and have no two names that fold alike', () => {
    for (const t of structs) {
      if (t === moby.LegacyCreateRequest) continue
      const table = fieldTable(t)
      assert.equal(table.fields.length, declaredFields(t), t.name)
      const folded = new Set(table.fields.map((f) => foldKey(f.name)))
      assert.equal(folded.size, table.fields.length, t.name)
    }
  })

  it('have the HostConfig and Resources fields of every dockerd from 20.10 to current', () => {
    assert.deepEqual(
      names(moby.Resources),
      words(
        'CpuShares Memory NanoCpus CgroupParent BlkioWeight BlkioWeightDevice BlkioDeviceReadBps BlkioDeviceWriteBps BlkioDeviceReadIOps BlkioDeviceWriteIOps CpuPeriod CpuQuota CpuRealtimePeriod CpuRealtimeRuntime CpusetCpus CpusetMems Devices DeviceCgroupRules DeviceRequests KernelMemory KernelMemoryTCP MemoryReservation MemorySwap MemorySwappiness OomKillDisable PidsLimit Ulimits CpuCount CpuPercent IOMaximumIOps IOMaximumBandwidth',
      ),
    )
    const host = names(moby.HostConfig)
    const own = host.filter((n) => !names(moby.Resources).includes(n))
    assert.deepEqual(
      own,
      words(
        'Binds ContainerIDFile LogConfig NetworkMode PortBindings RestartPolicy AutoRemove VolumeDriver VolumesFrom ConsoleSize Annotations CapAdd CapDrop CgroupnsMode Dns DnsOptions DnsSearch ExtraHosts GroupAdd IpcMode Cgroup Links OomScoreAdj PidMode Privileged PublishAllPorts ReadonlyRootfs SecurityOpt StorageOpt Tmpfs UTSMode UsernsMode ShmSize Sysctls Runtime Isolation Mounts MaskedPaths ReadonlyPaths Init',
      ),
    )
  })

  it('have every Config field and the create request shape', () => {
    const config = words(
      'Hostname Domainname User AttachStdin AttachStdout AttachStderr ExposedPorts Tty OpenStdin StdinOnce Env Cmd Healthcheck ArgsEscaped Image Volumes WorkingDir Entrypoint NetworkDisabled MacAddress OnBuild Labels StopSignal StopTimeout Shell',
    )
    assert.deepEqual(names(moby.Config), config)
    assert.deepEqual(names(moby.CreateRequest), [...config, 'HostConfig', 'NetworkingConfig'])
    assert.deepEqual(
      names(moby.HealthConfig),
      words('Test Interval Timeout StartPeriod StartInterval Retries'),
    )
    assert.equal(moby.ContainerCommitConfig, moby.Config)
  })

  it('use the exact JSON names of the struct tags', () => {
    assert.deepEqual(names(moby.PortBinding), ['HostIp', 'HostPort'])
    assert.deepEqual(names(moby.IPAMConfig), ['Subnet', 'IPRange', 'Gateway', 'AuxiliaryAddresses'])
    assert.deepEqual(names(moby.Ulimit), ['Name', 'Hard', 'Soft'])
    assert.deepEqual(names(moby.RuntimeSpec), ['name', 'remote', 'privileges', 'disabled', 'env'])
    assert.deepEqual(
      names(moby.ExecConfig),
      words(
        'User Privileged Tty ConsoleSize AttachStdin AttachStderr AttachStdout Detach DetachKeys Env WorkingDir Cmd',
      ),
    )
    assert.deepEqual(
      names(moby.NetworkCreateRequest),
      words(
        'Name CheckDuplicate Driver Scope EnableIPv4 EnableIPv6 IPAM Internal Attachable Ingress ConfigOnly ConfigFrom Options Labels',
      ),
    )
    assert.deepEqual(
      names(moby.Mount),
      words(
        'Type Source Target ReadOnly Consistency BindOptions VolumeOptions ImageOptions TmpfsOptions ClusterOptions',
      ),
    )
    assert.deepEqual(
      names(moby.ServiceSpec),
      words('Name Labels TaskTemplate Mode UpdateConfig RollbackConfig Networks EndpointSpec'),
    )
    assert.ok(names(moby.ContainerSpec).includes('CapabilityAdd'))
    assert.ok(names(moby.EndpointSettings).includes('GwPriority'))
    assert.deepEqual(
      names(moby.VolumeCreateOptions),
      words('ClusterVolumeSpec Driver DriverOpts Labels Name'),
    )
  })

  it('list the legacy top-level host configuration fields of dockerd 20.10 … 26', () => {
    const legacy = moby.LEGACY_TOPLEVEL_HOSTCONFIG_FIELDS
    assert.equal(legacy.length, names(moby.HostConfig).length + 1)
    for (const n of ['Privileged', 'Binds', 'CapAdd', 'Memory', 'CpuShares', 'Cpuset', 'Mounts', 'Init']) {
      assert.ok(legacy.includes(n), n)
    }
    for (const n of ['Image', 'HostConfig', 'NetworkingConfig', 'Cmd']) assert.ok(!legacy.includes(n), n)
  })
})
