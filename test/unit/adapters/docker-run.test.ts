import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dockerRunToSpec, parseDockerRun } from '../../../src/adapters/docker-run/docker-run-to-spec.js'
import { parseRunArgv } from '../../../src/adapters/docker-run/parse-run-argv.js'
import { splitDockerCommand } from '../../../src/adapters/docker-run/split-docker-command.js'

const run = (...args: string[]) => dockerRunToSpec(['docker', 'run', ...args])

describe('parseRunArgv: the docker CLI option syntax', () => {
  it('reads --opt value, --opt=value, -o value, -ovalue, -o=value', () => {
    const p = parseRunArgv(['--name', 'a', '--user=1000', '-v', '/a:/a', '-v/b:/b', '-e=X=1', 'alpine'])
    assert.deepEqual(
      p.options.map((o) => [o.name, o.value]),
      [
        ['name', 'a'],
        ['user', '1000'],
        ['volume', '/a:/a'],
        ['volume', '/b:/b'],
        ['env', 'X=1'],
      ],
    )
    assert.equal(p.image, 'alpine')
  })

  it('expands grouped boolean short options, with a value-taking option last', () => {
    const p = parseRunArgv(['-itd', '-dp', '80:80', 'nginx'])
    assert.deepEqual(
      p.options.map((o) => o.name),
      ['interactive', 'tty', 'detach', 'detach', 'publish'],
    )
    assert.equal(p.options.at(-1)?.value, '80:80')
  })

  it('reads booleans with =true/=false as strconv.ParseBool does, and refuses other values', () => {
    assert.equal(parseRunArgv(['--privileged=false', 'x']).options[0]?.value, 'false')
    assert.equal(parseRunArgv(['--rm=T', 'x']).options[0]?.value, 'true')
    assert.throws(() => parseRunArgv(['--privileged=yes', 'x']), /invalid argument "yes"/)
  })

  it('stops at the image: what follows is the command, options included', () => {
    const p = parseRunArgv(['--rm', 'alpine', 'ls', '--privileged', '-la'])
    assert.deepEqual(p.command, ['ls', '--privileged', '-la'])
    assert.equal(p.options.length, 1)
  })

  it('ends options at --', () => {
    const p = parseRunArgv(['--rm', '--', '--weird-image-name', 'arg'])
    assert.equal(p.image, '--weird-image-name')
    assert.deepEqual(p.command, ['arg'])
  })

  it('refuses unknown options naming them, missing values and a missing image', () => {
    assert.throws(() => parseRunArgv(['--frobnicate', 'x']), /unknown flag: --frobnicate/)
    assert.throws(() => parseRunArgv(['-Z', 'x']), /unknown shorthand flag: 'Z' in -Z/)
    assert.throws(() => parseRunArgv(['--name']), /flag needs an argument: --name/)
    assert.throws(() => parseRunArgv(['--rm']), /requires at least 1 argument/)
  })

  it('accepts hidden and deprecated spellings (--net, --dns-opt, --net-alias)', () => {
    const p = parseRunArgv(['--net', 'host', '--dns-opt', 'ndots:1', '--net-alias', 'a', 'x'])
    assert.deepEqual(
      p.options.map((o) => o.name),
      ['network', 'dns-option', 'network-alias'],
    )
  })
})

describe('splitDockerCommand', () => {
  it('finds run and create after global options and the container group', () => {
    assert.deepEqual(splitDockerCommand(['docker', 'run', 'x']), { subcommand: 'run', argsFrom: 2 })
    assert.deepEqual(
      splitDockerCommand(['/usr/bin/docker', '-H', 'unix:///s', '--debug', 'container', 'create', 'x']),
      {
        subcommand: 'create',
        argsFrom: 6,
      },
    )
    assert.equal(splitDockerCommand(['docker', 'ps']), undefined)
    assert.equal(splitDockerCommand(['podman', 'run', 'x']), undefined)
  })
})

describe('dockerRunToSpec', () => {
  it('maps privilege, capabilities, user and groups', () => {
    const s = run(
      '--privileged',
      '--cap-add',
      'net_admin',
      '--cap-drop=ALL',
      '-u',
      '1000:1000',
      '--group-add',
      '0',
      'x',
    )
    assert.equal(s.privileged, true)
    assert.deepEqual(s.capAdd, ['CAP_NET_ADMIN'])
    assert.deepEqual(s.capDrop, ['ALL'])
    assert.equal(s.user, '1000:1000')
    assert.deepEqual(s.groupAdd, ['0'])
    assert.throws(() => run('--cap-add', 'NOT_A_CAP', 'x'), /unknown capability/)
  })

  it('maps security options, systempaths=unconfined and a seccomp file path as given', () => {
    const s = run(
      '--security-opt',
      'no-new-privileges:true',
      '--security-opt',
      'seccomp=./profiles/strict.json',
      '--security-opt',
      'apparmor=unconfined',
      '--security-opt',
      'label=type:spc_t',
      '--security-opt',
      'systempaths=unconfined',
      'x',
    )
    assert.equal(s.security.noNewPrivileges, true)
    assert.equal(s.security.seccomp, './profiles/strict.json')
    assert.equal(s.security.apparmor, 'unconfined')
    assert.deepEqual(s.security.selinux, ['type:spc_t'])
    assert.equal(s.security.systempathsUnconfined, true)
    assert.throws(() => run('--security-opt', 'bogus', 'x'), /invalid --security-opt/)
  })

  it('maps namespaces and validates them as the CLI does', () => {
    const s = run(
      '--net=container:db',
      '--pid',
      'host',
      '--ipc=shareable',
      '--uts',
      'host',
      '--userns=host',
      '--cgroupns',
      'host',
      'x',
    )
    assert.deepEqual(
      { ...s.namespaces, joinedHost: undefined },
      {
        network: 'container:db',
        pid: 'host',
        ipc: 'shareable',
        uts: 'host',
        user: 'host',
        cgroup: 'host',
        cgroupSpec: '',
        joinedHost: undefined,
      },
    )
    assert.equal(run('--network', 'default', 'x').namespaces.network, '')
    assert.equal(run('--network', 'name=front,alias=web', 'x').namespaces.network, 'front')
    assert.throws(() => run('--pid', 'bogus', 'x'), /--pid: invalid PID mode/)
    assert.throws(() => run('--uts', 'container:x', 'x'), /--uts: invalid UTS mode/)
    assert.equal(run('--cgroup-parent', '/docker', 'x').cgroupParent, '/docker')
  })

  it('maps -v like the daemon parses Binds, with shell-expanded and relative host paths kept as binds', () => {
    const s = run(
      '-v',
      '/srv:/data:ro,rshared',
      '-v',
      'cache:/cache',
      '-v',
      '/anon',
      '-v',
      '$PWD:/src',
      '-v',
      './conf:/conf',
      'x',
    )
    assert.deepEqual(
      s.mounts.map((m) => [m.type, m.source, m.target, m.readOnly, m.propagation]),
      [
        ['bind', '/srv', '/data', true, 'rshared'],
        ['volume', 'cache', '/cache', false, undefined],
        ['bind', '$PWD', '/src', false, undefined],
        ['bind', './conf', '/conf', false, undefined],
        ['volume', '', '/anon', false, undefined],
      ],
    )
    const resolved = dockerRunToSpec(['docker', 'run', '-v', './conf:/conf', 'x'], { cwd: '/home/dev/app' })
    assert.equal(resolved.mounts[0]?.source, '/home/dev/app/conf')
    assert.throws(() => run('-v', '/a:relative', 'x'), /absolute path/)
  })

  it('maps --mount, --tmpfs, --volume-driver and --use-api-socket', () => {
    const s = run(
      '--volume-driver',
      'rexray',
      '--mount',
      'type=bind,src=/,dst=/host,readonly,bind-propagation=rslave',
      '--mount',
      'type=volume,source=etc,target=/etc-host,volume-driver=local,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc',
      '--tmpfs',
      '/run:rw,size=64m',
      '-v',
      'data:/data',
      '--use-api-socket',
      'x',
    )
    const [bind, root, etc, sock, run1] = s.mounts
    assert.deepEqual([bind?.source, bind?.volumeDriver], ['data', 'rexray'])
    assert.deepEqual(
      [root?.type, root?.source, root?.target, root?.readOnly, root?.propagation],
      ['bind', '/', '/host', true, 'rslave'],
    )
    assert.deepEqual(etc?.volumeOptions, { type: 'none', o: 'bind', device: '/etc' })
    assert.equal(etc?.volumeDriver, 'local')
    assert.deepEqual(
      [sock?.type, sock?.source, sock?.target],
      ['bind', '/var/run/docker.sock', '/var/run/docker.sock'],
    )
    assert.deepEqual([run1?.type, run1?.target], ['tmpfs', '/run'])
    assert.throws(() => run('--mount', 'type=bind,dst=/x', 'x'), /source is required/)
    assert.throws(() => run('--mount', 'type=volume,src=a,dst=/x,bogus=1', 'x'), /unknown option 'bogus'/)
  })

  it('maps devices, device cgroup rules, CDI devices and --gpus', () => {
    const s = run(
      '--device',
      '/dev/sda:/dev/xvda:r',
      '--device',
      '/dev/fuse',
      '--device',
      'nvidia.com/gpu=all',
      '--device-cgroup-rule',
      'c 1:* rmw',
      '--gpus',
      'count=2,capabilities=compute',
      'x',
    )
    assert.deepEqual(
      s.devices.map((d) => [d.pathOnHost, d.pathInContainer, d.permissions]),
      [
        ['/dev/sda', '/dev/xvda', 'r'],
        ['/dev/fuse', '/dev/fuse', 'rwm'],
      ],
    )
    assert.deepEqual(s.deviceCgroupRules, ['c 1:* rmw'])
    assert.deepEqual(s.deviceRequests, [
      { driver: '', count: 2, deviceIds: [], capabilities: [['compute', 'gpu']] },
      { driver: 'cdi', count: 0, deviceIds: ['nvidia.com/gpu=all'], capabilities: [] },
    ])
    assert.deepEqual(run('--gpus', 'all', 'x').deviceRequests[0]?.count, -1)
    assert.throws(() => run('--device', '/dev/a:/dev/b:rwx', 'x'), /bad mode/)
  })

  it('maps every -p form, -P and --expose, ordered by port as dockerd decodes them', () => {
    const s = run(
      '-p',
      '8080:80',
      '-p',
      '127.0.0.1:53:53/udp',
      '-p',
      '[::1]:9000:9000',
      '-p',
      '3000',
      '-p',
      '8000-8001:7000-7001',
      '-p',
      'published=4433,target=443',
      '--expose',
      '5000-5001',
      '-P',
      'x',
    )
    assert.deepEqual(
      s.ports.map((p) => [p.containerPort, p.hostIp, p.hostPort]),
      [
        ['3000/tcp', '', ''],
        ['443/tcp', '', '4433'],
        ['53/udp', '127.0.0.1', '53'],
        ['7000/tcp', '', '8000'],
        ['7001/tcp', '', '8001'],
        ['80/tcp', '', '8080'],
        ['9000/tcp', '::1', '9000'],
      ],
    )
    assert.deepEqual(s.exposedPorts, [
      '3000/tcp',
      '443/tcp',
      '5000/tcp',
      '5001/tcp',
      '53/udp',
      '7000/tcp',
      '7001/tcp',
      '80/tcp',
      '9000/tcp',
    ])
    assert.equal(s.publishAllPorts, true)
    assert.throws(() => run('-p', '1.2.3:80:80', 'x'), /invalid IP address/)
    assert.throws(() => run('-p', '80:80/icmp', 'x'), /invalid proto/)
  })

  it('maps resources: units, zero as unset, the PIDs limit kept as given', () => {
    const s = run(
      '-m',
      '1g',
      '--memory-swap',
      '-1',
      '--memory-reservation',
      '256m',
      '--cpus',
      '1.5',
      '-c',
      '512',
      '--cpu-quota',
      '50000',
      '--cpu-period',
      '100000',
      '--pids-limit',
      '-1',
      '--oom-kill-disable',
      '--oom-score-adj',
      '-500',
      '--shm-size',
      '64m',
      '--ulimit',
      'nofile=1024:2048',
      '--ulimit',
      'nproc=512',
      '--cpuset-cpus',
      '0-1',
      'x',
    )
    assert.deepEqual(s.resources, {
      memory: 1073741824,
      memorySwap: -1,
      memoryReservation: 268435456,
      nanoCpus: 1500000000,
      cpuShares: 512,
      cpuQuota: 50000,
      cpuPeriod: 100000,
      oomScoreAdj: -500,
      shmSize: 67108864,
      cpusetCpus: '0-1',
      pidsLimit: -1,
      oomKillDisable: true,
      ulimits: [
        { name: 'nofile', soft: 1024, hard: 2048 },
        { name: 'nproc', soft: 512, hard: 512 },
      ],
    })
    assert.deepEqual(run('--cpu-shares', '0', 'x').resources, { ulimits: [] })
    assert.equal(run('x').resources.pidsLimit, undefined)
    assert.throws(() => run('--cpus', '0.0000000001', 'x'), /too precise/)
    assert.throws(() => run('--ulimit', 'bogus=1', 'x'), /invalid ulimit type/)
  })

  it('maps the rest: sysctls, runtime, logging, restart, health, init, env, labels, names, dns, hosts', () => {
    const s = run(
      '--sysctl',
      'net.ipv4.ip_forward=1',
      '--runtime=runsc',
      '--log-driver',
      'syslog',
      '--log-opt',
      'tag=app',
      '--restart',
      'on-failure:3',
      '--health-cmd',
      'curl -f http://localhost/',
      '--init',
      '-e',
      'A=1',
      '--env',
      'B',
      '-l',
      'team=shop',
      '--name',
      'api',
      '--entrypoint',
      '/bin/sh',
      '-w',
      '/srv',
      '--dns',
      '1.1.1.1',
      '--add-host',
      'db=10.0.0.5',
      '--storage-opt',
      'size=10G',
      '--isolation',
      'default',
      '--annotation',
      'io.katacontainers.config.hypervisor.kernel_params=x',
      '--platform',
      'linux/amd64',
      '--read-only',
      'x',
      'arg',
    )
    assert.deepEqual(s.sysctls, { 'net.ipv4.ip_forward': '1' })
    assert.equal(s.runtime, 'runsc')
    assert.deepEqual(s.logConfig, { type: 'syslog', config: { tag: 'app' } })
    assert.deepEqual(s.restartPolicy, { name: 'on-failure', maximumRetryCount: 3 })
    assert.deepEqual(s.healthcheck, { test: ['CMD-SHELL', 'curl -f http://localhost/'], disabled: false })
    assert.equal(s.init, true)
    assert.deepEqual(s.env, ['A=1', 'B'])
    assert.deepEqual(s.labels, { team: 'shop' })
    assert.equal(s.name, 'api')
    assert.deepEqual(s.entrypoint, ['/bin/sh'])
    assert.deepEqual(s.command, ['arg'])
    assert.equal(s.workingDir, '/srv')
    assert.deepEqual(s.dns, ['1.1.1.1'])
    assert.deepEqual(s.extraHosts, ['db:10.0.0.5'])
    assert.deepEqual(s.storageOpt, { size: '10G' })
    assert.equal(s.isolation, 'default')
    assert.deepEqual(s.annotations, { 'io.katacontainers.config.hypervisor.kernel_params': 'x' })
    assert.equal(s.readOnlyRootfs, true)
    assert.deepEqual(run('--no-healthcheck', 'x').healthcheck, { test: ['NONE'], disabled: true })
    assert.equal(run('--rm', 'x').autoRemove, true)
    assert.throws(() => run('--sysctl', 'kernel.core_pattern=|/x', 'x'), /not allowed/)
    assert.throws(() => run('--rm', '--restart', 'always', 'x'), /cannot specify both --restart and --rm/)
    assert.throws(() => run('--no-healthcheck', '--health-cmd', 'true', 'x'), /conflicts/)
  })

  it('records which argument wrote which spec path', () => {
    const p = parseDockerRun(['docker', 'run', '--rm', '-v', '/:/host', '--privileged', 'alpine', 'sh'])
    const find = (path: string) => p.origins.find((o) => o.path.join('.') === path)
    assert.deepEqual(find('mounts.0'), { path: ['mounts', 0], from: 3, to: 4 })
    assert.deepEqual(find('privileged'), { path: ['privileged'], from: 5, to: 5 })
    assert.deepEqual(find('image'), { path: ['image'], from: 6, to: 6 })
    assert.deepEqual(find('command.0'), { path: ['command', 0], from: 7, to: 7 })
    assert.deepEqual(p.spec.mounts[0]?.origin, ['argv', 3])
  })

  it('accepts argv with or without the docker prefix', () => {
    assert.equal(dockerRunToSpec(['run', '--privileged', 'x']).privileged, true)
    assert.equal(dockerRunToSpec(['--privileged', 'x']).privileged, true)
    assert.equal(dockerRunToSpec(['docker', 'container', 'create', '--privileged', 'x']).privileged, true)
  })
})
