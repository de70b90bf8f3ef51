import { writeFileSync } from 'node:fs'
import { Option } from '@commander-js/extra-typings'
import { errorMessage, InputError } from '../../errors.js'
import { fixFiles } from '../../fix/fix-files.js'
import { fixSummary } from '../../fix/fix-summary.js'
import { unifiedDiff } from '../../fix/unified-diff.js'
import { defaultScanAdapters } from '../../scan/default-adapters.js'
import { scanPolicy } from '../../scan/scan-policy.js'
import { CliExit, EXIT } from '../exit.js'
import type { RegisterCommand } from './index.js'

export const registerFix: RegisterCommand = (program) => {
  program
    .command('fix')
    .description(
      'Rewrite compose files and Kubernetes manifests to pass the policy where a safe fix exists; prints a unified diff unless --write (exit 0 nothing to do or written, 1 changes pending, 2 bad input)',
    )
    .argument('<paths...>', 'files and directories to fix')
    .addOption(
      new Option('--profile <profile>', 'built-in profile (default: baseline)').choices([
        'baseline',
        'restricted',
      ] as const),
    )
    .option('--policy <file>', 'policy file (names its own profile)')
    .option('--write', 'change the files instead of printing the diff')
    .action(async (paths, opts) => {
      const policy = scanPolicy({
        ...(opts.profile && { profile: opts.profile }),
        ...(opts.policy !== undefined && { policyFile: opts.policy }),
      })
      const result = await fixFiles({ paths, policy, adapters: defaultScanAdapters(), env: process.env })
      if (opts.write) {
        for (const c of result.changes) {
          try {
            writeFileSync(c.path, c.after)
          } catch (err) {
            throw new InputError(`cannot write ${c.file}: ${errorMessage(err)}`)
          }
        }
        process.stdout.write(fixSummary(result, true))
        return
      }
      for (const c of result.changes) process.stdout.write(unifiedDiff(c.file, c.before, c.after))
      process.stderr.write(fixSummary(result, false))
      if (result.changes.length) throw new CliExit(EXIT.denied)
    })
}
