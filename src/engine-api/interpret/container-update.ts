import { makeAction } from '../../model/action.js'
import { versionLessThan } from '../api-version.js'
import { encodeGo } from '../go-json/index.js'
import { type GoStruct, has, num, str, struct } from '../go-value.js'
import { UpdateConfig } from '../moby-types.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** Fields `docker update` sends that dockerd's UpdateContainer applies; the rest are ignored. */
const APPLIED = new Set([
  'BlkioWeight',
  'CpuShares',
  'NanoCpus',
  'CpuPeriod',
  'CpuQuota',
  'CpusetCpus',
  'CpusetMems',
  'Memory',
  'MemorySwap',
  'MemoryReservation',
  'KernelMemory',
  'CpuRealtimePeriod',
  'CpuRealtimeRuntime',
  'PidsLimit',
  'RestartPolicy',
])

const nz = (v: unknown) => {
  const n = num(v)
  return n ? n : undefined
}

/**
 * `POST /containers/{name}/update`: resources and restart policy. Zero means "unchanged" for most
 * fields; PidsLimit ≤ 0 removes the limit (ignored entirely before API 1.40).
 */
export const interpretContainerUpdate: Interpreter = (input): Interpretation => {
  const { req } = input
  const { value, unknown } = decodeBody(input, UpdateConfig)
  const u = value as unknown as GoStruct
  if (versionLessThan(req.version, '1.40')) delete u['PidsLimit']
  const rp = struct(u['RestartPolicy'])
  const fields = {
    memory: nz(u['Memory']),
    memorySwap: nz(u['MemorySwap']),
    memoryReservation: nz(u['MemoryReservation']),
    kernelMemory: nz(u['KernelMemory']),
    nanoCpus: nz(u['NanoCpus']),
    cpuShares: nz(u['CpuShares']),
    cpuQuota: nz(u['CpuQuota']),
    cpuPeriod: nz(u['CpuPeriod']),
    cpuRealtimeRuntime: nz(u['CpuRealtimeRuntime']),
    cpusetCpus: str(u['CpusetCpus']) || undefined,
    pidsLimit: has(u, 'PidsLimit') ? num(u['PidsLimit']) : undefined,
    blkioWeight: nz(u['BlkioWeight']),
  }
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  const ignored = Object.keys(u).filter((k) => !APPLIED.has(k) && k !== 'OomKillDisable')
  return {
    action: makeAction({
      kind: 'container.update',
      target: routeTarget(req),
      ...defined,
      ...(has(u, 'OomKillDisable') && { oomKillDisable: u['OomKillDisable'] === true }),
      ...(rp &&
        str(rp['Name']) !== '' && {
          restartPolicy: { name: str(rp['Name']), maximumRetryCount: num(rp['MaximumRetryCount']) ?? 0 },
        }),
      ignoredFields: ignored,
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(UpdateConfig, value)) },
    notes: [
      ...unknownNotes(unknown),
      ...(ignored.length ? [`dockerd ignores these update fields: ${ignored.join(', ')}`] : []),
    ],
    normalizations: [],
  }
}
