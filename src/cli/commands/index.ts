import type { Command } from '@commander-js/extra-typings'
import { registerAudit } from './audit.js'
import { registerCerts } from './certs.js'
import { registerCheck } from './check.js'
import { registerFix } from './fix.js'
import { registerGrant } from './grant.js'
import { registerPolicy } from './policy.js'
import { registerProxy } from './proxy.js'
import { registerRules } from './rules.js'
import { registerScan } from './scan.js'
import { registerToken } from './token.js'

/** A command module: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command) => void

/** Every top-level command, one file each. */
export const COMMANDS: RegisterCommand[] = [
  registerCheck,
  registerAudit,
  registerRules,
  registerProxy,
  registerPolicy,
  registerScan,
  registerFix,
  registerCerts,
  registerToken,
  registerGrant,
]
