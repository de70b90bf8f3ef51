import { isLocalDriver, localVolumeHostRisk } from '../local-volume.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0012',
  slug: 'no-volume-host-bind',
  title: 'Volumes must not make the local driver mount sensitive host paths or devices',
  severity: 'critical',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "A volume created on the fly with local-driver options is mounted by the daemon, as root, on the host: type=none,o=bind,device=/etc is a bind mount of the host's /etc that no bind-mount check sees, and type=ext4,device=/dev/sda1 or type=proc,device=proc mounts the host's disk or process table into the container. Binds of sensitive host paths and every file system other than tmpfs (remote ones are AL-0013) are refused.",
  remediation:
    'Drop the volume options (--mount type=volume,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc; compose: driver_opts: {type: none, o: bind, device: /etc}) and use a plain named volume (-v data:/data), or bind only a project directory directly (-v ./data:/data).',
  frameworks: { 'cis-docker-1.6': ['5.6'], pss: ['baseline/host-path-volumes'] },
  check: (spec, { settings }) =>
    spec.mounts.flatMap((m, i) => {
      if (m.type !== 'volume' || !isLocalDriver(m.volumeDriver)) return []
      const risk = localVolumeHostRisk(m.volumeOptions, m.readOnly, settings)
      if (!risk) return []
      return [
        {
          message: `volume "${m.source || '(anonymous)'}": ${risk.message}`,
          path: ['mounts', i, 'volumeOptions', risk.key],
        },
      ]
    }),
  fixtures: {
    pass: [
      {},
      { mounts: [{ type: 'volume', source: 'data', target: '/data' }] },
      {
        mounts: [
          {
            type: 'volume',
            source: 'cache',
            target: '/c',
            volumeOptions: { type: 'tmpfs', device: 'tmpfs', o: 'size=100m,uid=1000' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'proj',
            target: '/p',
            volumeOptions: { type: 'none', o: 'bind', device: '/home/dev/project' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'tz',
            target: '/etc/localtime',
            readOnly: true,
            volumeOptions: { type: 'none', o: 'bind,ro', device: '/etc/localtime' },
          },
        ],
      },
      { mounts: [{ type: 'volume', source: 'q', target: '/q', volumeOptions: { size: '10G' } }] },
      {
        mounts: [
          {
            type: 'volume',
            source: 'x',
            target: '/x',
            volumeDriver: 'rexray',
            volumeOptions: { type: 'none', o: 'bind', device: '/etc' },
          },
        ],
      },
    ],
    fail: [
      {
        mounts: [
          {
            type: 'volume',
            source: 'etc',
            target: '/x',
            volumeOptions: { type: 'none', o: 'bind', device: '/etc' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'root',
            target: '/x',
            volumeDriver: 'local',
            volumeOptions: { type: 'none', o: 'rbind', device: '/' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'v',
            target: '/x',
            volumeOptions: { type: 'tmpfs', o: 'size=1m,bind', device: '/var/lib/docker' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: '',
            target: '/x',
            volumeOptions: { type: 'none', o: 'bind', device: '//proc/../proc/1/root' },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'disk',
            target: '/x',
            volumeOptions: { type: 'ext4', device: '/dev/sda1' },
          },
        ],
      },
      {
        mounts: [
          { type: 'volume', source: 'p', target: '/x', volumeOptions: { type: 'proc', device: 'proc' } },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'o',
            target: '/x',
            volumeOptions: {
              type: 'overlay',
              device: 'overlay',
              o: 'lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w',
            },
          },
        ],
      },
      {
        mounts: [
          {
            type: 'volume',
            source: 'h',
            target: '/x',
            volumeOptions: { type: 'none', o: 'bind', device: '/home' },
          },
        ],
      },
    ],
  },
})
