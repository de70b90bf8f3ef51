import { execFileSync } from 'node:child_process'
import { AirlockError, errorMessage } from '../../errors.js'

/**
 * Runs the `openssl` CLI (OpenSSL 1.1.1 or 3.x) with `args` in `cwd`; throws `E_OPENSSL` with its
 * stderr when it fails or is missing.
 *
 * @example openssl(['version'], '/tmp') // 'OpenSSL 3.0.19 ...'
 */
export function openssl(args: readonly string[], cwd: string): string {
  try {
    return execFileSync(process.env['AIRLOCK_OPENSSL'] || 'openssl', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    })
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim()
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT'
    throw new AirlockError(
      'E_OPENSSL',
      missing
        ? 'the openssl command is needed to make certificates: install it (apt-get install openssl) or set AIRLOCK_OPENSSL'
        : `openssl ${args[0]} failed: ${stderr || errorMessage(err)}`,
      { cause: err },
    )
  }
}
