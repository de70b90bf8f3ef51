import type { Command } from '@commander-js/extra-typings'
import { registerAudit } from './audit.js'
import { registerCheck } from './check.js'
import { registerPolicy } from './policy.js'
import { registerProxy } from './proxy.js'
import { registerRules } from './rules.js'

/** A command module: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command) => void

/** Every top-level command, one file each. */
export const COMMANDS: RegisterCommand[] = [registerCheck, registerAudit, registerRules, registerProxy, registerPolicy]
