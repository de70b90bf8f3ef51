/** The logging monitoring needs: a subset of pino's methods (the proxy's `Log` fits). */
export interface MonitorLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** A log that drops everything. */
export const SILENT_MONITOR_LOG: MonitorLog = { info() {}, warn() {}, error() {} }
