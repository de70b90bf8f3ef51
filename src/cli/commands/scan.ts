import { writeFileSync } from 'node:fs'
import { Option } from '@commander-js/extra-typings'
import { errorMessage, InputError } from '../../errors.js'
import { REPORT_FORMATS, renderReport } from '../../report/render-report.js'
import { defaultScanAdapters } from '../../scan/default-adapters.js'
import { defaultDockerHost, engineClient } from '../../scan/engine-client.js'
import { localHostProbe } from '../../scan/host-probe.js'
import { scanLiveHost } from '../../scan/live-host.js'
import { progressBar } from '../../scan/progress.js'
import { scan } from '../../scan/scan.js'
import { scanPolicy } from '../../scan/scan-policy.js'
import { CliExit, EXIT } from '../exit.js'
import type { RegisterCommand } from './index.js'

function dockerHost(value: string | true | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value === true) return defaultDockerHost()
  if (!value.includes('://')) {
    throw new InputError(
      `--docker ${value}: not a daemon address; write --docker unix:///var/run/docker.sock (or tcp://host:2376), or put paths before --docker`,
    )
  }
  return value
}

export const registerScan: RegisterCommand = (program) => {
  program
    .command('scan')
    .description(
      'Check compose files, Kubernetes manifests, Dockerfiles, docker run lines and live hosts against the policy (exit 0 passed, 1 findings, 2 bad input)',
    )
    .argument(
      '[paths...]',
      'files and directories to scan (default: the current directory, unless --docker is given)',
    )
    .option(
      '--docker [host]',
      'scan a live daemon: its containers and its own posture (default: DOCKER_HOST or unix:///var/run/docker.sock)',
    )
    .addOption(
      new Option('--profile <profile>', 'built-in profile (default: baseline)').choices([
        'baseline',
        'restricted',
      ] as const),
    )
    .option('--policy <file>', 'policy file (names its own profile)')
    .addOption(
      new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table' as const),
    )
    .option('--output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 for unsuppressed findings at or above this severity (default: any enforce-mode finding)',
      ).choices(['critical', 'high', 'medium', 'low'] as const),
    )
    .option('--no-progress', 'never show a progress bar')
    .action(async (paths, opts) => {
      const host = dockerHost(opts.docker)
      const policy = scanPolicy({
        ...(opts.profile && { profile: opts.profile }),
        ...(opts.policy !== undefined && { policyFile: opts.policy }),
      })
      const progress = progressBar(process.stderr)
      let report: Awaited<ReturnType<typeof scan>>
      try {
        report = await scan({
          paths: paths.length || host ? paths : ['.'],
          policy,
          adapters: defaultScanAdapters(),
          failOn: opts.failOn ?? 'fail',
          env: process.env,
          ...(host && { live: () => scanLiveHost(engineClient(host), localHostProbe()) }),
          ...(opts.progress && { onProgress: progress.update }),
        })
      } finally {
        progress.stop()
      }
      const color = opts.output === undefined && Boolean(process.stdout.isTTY) && !process.env['NO_COLOR']
      const text = renderReport(opts.format, report, { color })
      if (opts.output !== undefined) {
        try {
          writeFileSync(opts.output, text)
        } catch (err) {
          throw new InputError(`cannot write ${opts.output}: ${errorMessage(err)}`)
        }
        const s = report.summary.findings
        process.stderr.write(
          `airlock scan: ${report.passed ? 'passed' : 'failed'}: ${s.fail} fail, ${s.warn} warn, ${s.error} error, ${s.suppressed} suppressed; ${opts.format} report written to ${opts.output}\n`,
        )
      } else process.stdout.write(text)
      if (!report.passed) throw new CliExit(EXIT.denied)
    })
}
