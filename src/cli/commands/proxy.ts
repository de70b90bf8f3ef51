import * as path from 'node:path'
import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings'
import { DEFAULT_DATA_DIR } from '../../audit/data-dir.js'
import { formatSize } from '../../enforce/proxy/body-limit.js'
import { parseEndpoint } from '../../enforce/proxy/endpoint.js'
import { createLog, type LogLevel } from '../../enforce/proxy/log.js'
import { DEFAULT_MAX_BODY, DEFAULT_MAX_JSON_BODY, startProxy } from '../../enforce/proxy/proxy.js'
import { groupId, userId } from '../../enforce/proxy/user-ids.js'
import { parseListenerSpec } from '../../identity/listener-identity.js'
import { parseByteSize } from '../../policy/units.js'
import type { RegisterCommand } from './index.js'

function size(value: string): number {
  try {
    const n = parseByteSize(value)
    if (n > 0) return n
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('expected a size such as 64m, 4m or 1048576')
}

function mode(value: string): number {
  if (!/^0?[0-7]{3}$/.test(value)) throw new InvalidArgumentError('expected an octal mode such as 0660')
  return Number.parseInt(value, 8)
}

function endpoint(value: string, previous: string[] = []): string[] {
  try {
    parseEndpoint(parseListenerSpec(value).url)
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message)
  }
  return [...previous, value]
}

/** The daemon to protect: DOCKER_HOST when it is a unix or tcp URL, else the standard socket. */
export function defaultUpstream(env: NodeJS.ProcessEnv = process.env): string {
  const host = env['DOCKER_HOST']
  return host && /^(unix|tcp):\/\//.test(host) ? host : 'unix:///var/run/docker.sock'
}

/** Resolves once SIGTERM or SIGINT arrives; SIGHUP calls `onHup` meanwhile. */
function untilStopped(onHup: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (sig: NodeJS.Signals) => {
      process.off('SIGHUP', onHup).off('SIGTERM', stop).off('SIGINT', stop)
      resolve(sig)
    }
    process.on('SIGHUP', onHup).on('SIGTERM', stop).on('SIGINT', stop)
  })
}

/**
 * `airlock proxy`: the Docker API guard. Listens where clients point DOCKER_HOST, decides on every
 * call, records it in the audit log and forwards what it allowed to the daemon. SIGHUP reloads the
 * policy; SIGTERM and SIGINT drain and exit 0.
 *
 * @example
 * airlock proxy --listen unix:///run/airlock/docker.sock --upstream unix:///var/run/docker.sock --data /var/lib/airlock
 * export DOCKER_HOST=unix:///run/airlock/docker.sock
 */
export const registerProxy: RegisterCommand = (program: Command) => {
  program
    .command('proxy')
    .description('guard the Docker socket: decide on, record and forward every Engine API call')
    .addOption(
      new Option(
        '--listen <url>',
        'where clients connect: unix:///path.sock or tcp://HOST:PORT, optionally #user=NAME,group=G,role=R,auth=required|optional (repeatable; default unix://<data>/docker.sock)',
      ).argParser(endpoint),
    )
    .option(
      '--tls-dir <dir>',
      'serve TCP listeners over TLS with this dir (airlock certs init), requiring client certificates',
    )
    .option(
      '--insecure-tcp',
      'allow plain TCP listeners beyond loopback (callers must then present bearer tokens)',
    )
    .addOption(
      new Option(
        '--admin <url>',
        'admin API listener: unix:///path.sock or tcp://127.0.0.1:PORT (repeatable)',
      ).argParser((value: string, previous: string[] = []) => {
        try {
          parseEndpoint(value)
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message)
        }
        return [...previous, value]
      }),
    )
    .addOption(
      new Option(
        '--upstream <url>',
        'the Docker daemon (default: DOCKER_HOST, else unix:///var/run/docker.sock)',
      ),
    )
    .addOption(new Option('--data <dir>', 'data dir for the audit log').default(DEFAULT_DATA_DIR))
    .option('--policy <file>', 'policy file (default: the built-in baseline policy)')
    .addOption(
      new Option('--socket-mode <mode>', 'mode of unix sockets').argParser(mode).default(0o660, '0660'),
    )
    .option('--socket-owner <user>', 'owner of unix sockets (uid or name)')
    .option('--socket-group <group>', 'group of unix sockets (gid or name)')
    .addOption(
      new Option('--max-body <size>', 'largest streamed body (build contexts, tarballs)')
        .argParser(size)
        .default(DEFAULT_MAX_BODY, formatSize(DEFAULT_MAX_BODY)),
    )
    .addOption(
      new Option('--max-json-body <size>', 'largest JSON body')
        .argParser(size)
        .default(DEFAULT_MAX_JSON_BODY, formatSize(DEFAULT_MAX_JSON_BODY)),
    )
    .option(
      '--no-monitor',
      'turn monitoring off: no rate limits, metrics, alerts or dashboard (benchmarks, debugging)',
    )
    .addOption(
      new Option('--log-level <level>', 'stderr log level')
        .choices(['debug', 'info', 'warn', 'error', 'silent'] as const)
        .default('info' as const),
    )
    .action(async (opts) => {
      const log = createLog(opts.logLevel as LogLevel)
      const dataDir = path.resolve(opts.data)
      const listen = opts.listen ?? [`unix://${path.join(dataDir, 'docker.sock')}`]
      const proxy = await startProxy({
        listen,
        ...(opts.tlsDir !== undefined && { tlsDir: opts.tlsDir }),
        ...(opts.insecureTcp && { insecureTcp: true }),
        ...(opts.admin !== undefined && { admin: opts.admin }),
        upstream: opts.upstream ?? defaultUpstream(),
        dataDir,
        ...(opts.policy !== undefined && { policyFile: opts.policy }),
        socketMode: opts.socketMode,
        ...(opts.socketOwner !== undefined && { socketUid: userId(opts.socketOwner) }),
        ...(opts.socketGroup !== undefined && { socketGid: groupId(opts.socketGroup) }),
        maxBody: opts.maxBody,
        maxJsonBody: opts.maxJsonBody,
        monitor: opts.monitor,
        log,
      })
      for (const l of proxy.listeners) process.stdout.write(`export DOCKER_HOST=${l.url}\n`)
      for (const a of proxy.admin) {
        process.stderr.write(`admin API: ${a.url} (token: ${proxy.adminTokenFile})\n`)
        if (proxy.monitoring && a.url.startsWith('tcp://'))
          process.stderr.write(
            `dashboard: ${a.url.replace(/^tcp:/, a.tls ? 'https:' : 'http:')}/dashboard/\n`,
          )
      }
      const sig = await untilStopped(() => proxy.reloadPolicy())
      log.info({ signal: sig }, 'draining')
      await proxy.close()
    })
}
