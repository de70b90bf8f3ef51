import { Command } from '@commander-js/extra-typings'
import { COMMANDS } from './commands/index.js'

/** Builds the `airlock` command tree. Each command lives in `commands/<name>.ts` and registers itself. */
export function buildProgram(): Command {
  const program = new Command('airlock')
    .description('A security gate for the Docker API: one rule set, one decision function, everywhere.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
  for (const register of COMMANDS) register(program)
  return program
}
