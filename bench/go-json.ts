/**
 * Go-compatible JSON decoding of a container create body against `JSON.parse`, per operation.
 * Run with `node build/bench/go-json.js`.
 */
import { decodeGo } from '../src/engine-api/go-json/decode.js'
import { encodeGo } from '../src/engine-api/go-json/encode.js'
import { CreateRequest } from '../src/engine-api/moby-types/index.js'

/**
 * The body docker CLI 20.10 sends for `docker run -d --name web -p 8080:80 -v /srv/data:/data -e A=1
 * --memory 256m --cap-drop ALL --cap-add NET_BIND_SERVICE --read-only airlock-test/busybox:1 sleep 1000`
 * (Go's encoder: struct order, no whitespace, nil slices as null).
 */
export const DOCKER_CLI_CREATE_BODY = Buffer.from(
  JSON.stringify({
    Hostname: '',
    Domainname: '',
    User: '',
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: { '80/tcp': {} },
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: ['A=1'],
    Cmd: ['sleep', '1000'],
    Image: 'airlock-test/busybox:1',
    Volumes: {},
    WorkingDir: '',
    Entrypoint: null,
    OnBuild: null,
    Labels: {},
    HostConfig: {
      Binds: ['/srv/data:/data'],
      ContainerIDFile: '',
      LogConfig: { Type: '', Config: {} },
      NetworkMode: 'default',
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] },
      RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
      AutoRemove: false,
      VolumeDriver: '',
      VolumesFrom: null,
      CapAdd: ['NET_BIND_SERVICE'],
      CapDrop: ['ALL'],
      CgroupnsMode: '',
      Dns: [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: null,
      GroupAdd: null,
      IpcMode: '',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: '',
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: true,
      SecurityOpt: null,
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 0,
      ConsoleSize: [0, 0],
      Isolation: '',
      CpuShares: 0,
      Memory: 268435456,
      NanoCpus: 0,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: null,
      BlkioDeviceWriteBps: null,
      BlkioDeviceReadIOps: null,
      BlkioDeviceWriteIOps: null,
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      KernelMemory: 0,
      KernelMemoryTCP: 0,
      MemoryReservation: 0,
      MemorySwap: 0,
      MemorySwappiness: null,
      OomKillDisable: false,
      PidsLimit: null,
      Ulimits: null,
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      MaskedPaths: null,
      ReadonlyPaths: null,
    },
    NetworkingConfig: { EndpointsConfig: {} },
  }),
)

/** Best ns/op over interleaved rounds: the minimum is the figure least disturbed by other load. */
function measure(ops: Record<string, () => unknown>, rounds: number, batch: number): Record<string, number> {
  const best: Record<string, number> = {}
  let sink: unknown
  for (const fn of Object.values(ops)) for (let i = 0; i < batch * 5; i++) sink = fn()
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(ops)) {
      const start = process.hrtime.bigint()
      for (let i = 0; i < batch; i++) sink = fn()
      const ns = Number(process.hrtime.bigint() - start) / batch
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, ns)
    }
  }
  if (sink === Symbol.for('never')) console.log(sink)
  return best
}

/** Measures and prints ns/op for JSON.parse, decodeGo and encodeGo on the docker CLI create body. */
export async function run(rounds = 40, batch = 2000): Promise<void> {
  const body = DOCKER_CLI_CREATE_BODY
  const decoded = decodeGo(CreateRequest, body).value
  const best = measure(
    {
      'JSON.parse(buf.toString())': () => JSON.parse(body.toString('utf8')),
      'decodeGo(CreateRequest, buf)': () => decodeGo(CreateRequest, body),
      'encodeGo(CreateRequest, value)': () => encodeGo(CreateRequest, decoded),
      'decodeGo + encodeGo': () => encodeGo(CreateRequest, decodeGo(CreateRequest, body).value),
    },
    rounds,
    batch,
  )
  const base = best['JSON.parse(buf.toString())']!
  console.log(`go-json: docker CLI create body, ${body.length} bytes, best of ${rounds} rounds`)
  console.log(`${'operation'.padEnd(34)}${'ns/op'.padStart(10)}${'x JSON.parse'.padStart(14)}`)
  for (const [name, ns] of Object.entries(best)) {
    console.log(`${name.padEnd(34)}${ns.toFixed(0).padStart(10)}${(ns / base).toFixed(2).padStart(14)}`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
