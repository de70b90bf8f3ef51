#!/usr/bin/env node
import { CommanderError } from 'commander'
import { errorMessage } from '../errors.js'
import { CliExit, EXIT, exitCodeFor } from './exit.js'
import { buildProgram } from './program.js'

/** The only place Airlock calls process.exit. */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode)
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok
      if (err.code === 'commander.help') return EXIT.ok
      return EXIT.usage
    }
    if (err instanceof CliExit) {
      if (err.message) process.stderr.write(`${err.message}\n`)
      return err.code
    }
    process.stderr.write(`airlock: ${errorMessage(err)}\n`)
    return exitCodeFor(err)
  }
}

/** Exits once stdout and stderr have drained, so piped output is never cut short. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
}

main(process.argv).then(
  (code) => exitAfterFlush(code),
  (err) => {
    process.stderr.write(`airlock: internal error: ${errorMessage(err)}\n`)
    process.exit(70)
  },
)
