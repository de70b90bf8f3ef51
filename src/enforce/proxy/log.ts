import { pino } from 'pino'

/** The logging the proxy needs: pino's methods, so tests can pass a stub. */
export interface Log {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
  /** Whether `level` is logged: callers skip building log lines nobody reads. */
  isLevelEnabled(level: string): boolean
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

/**
 * A pino logger writing one JSON line per event to stderr: one per request at `debug`, decisions on
 * anything but allowed reads at `info`, problems at `warn`/`error`.
 *
 * @example createLog('info').info({ listener: 'unix:///run/airlock.sock' }, 'listening')
 */
export function createLog(level: LogLevel = 'info'): Log {
  return pino(
    { name: 'airlock-proxy', level, base: { pid: process.pid } },
    pino.destination({ fd: 2, sync: false }),
  )
}

/** A logger that drops everything. */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {}, isLevelEnabled: () => false }
