import { Gauge, type Registry } from 'prom-client'
import type { AuditStatus } from './audit-status.js'

/**
 * The audit chain's last verification as Prometheus gauges, read at scrape time:
 * `airlock_audit_chain_ok` (1: intact; 0: broken, or the verification could not run; NaN before the
 * first verification) and `airlock_audit_chain_verified_timestamp_seconds` (when it last ran; 0
 * before). A scraper alerts on `airlock_audit_chain_ok == 0`, and on a timestamp that stops moving.
 *
 * @example registerAuditChainGauges(metrics.registry, () => verifier.latest())
 */
export function registerAuditChainGauges(registry: Registry, latest: () => AuditStatus | undefined): void {
  const registers = [registry]
  new Gauge({
    name: 'airlock_audit_chain_ok',
    help: 'Whether the last audit chain verification found the chain intact (1) or not (0); NaN before the first',
    registers,
    collect() {
      const s = latest()
      this.set(s === undefined ? Number.NaN : s.ok ? 1 : 0)
    },
  })
  new Gauge({
    name: 'airlock_audit_chain_verified_timestamp_seconds',
    help: 'When the audit chain was last verified (Unix time); 0 before the first verification',
    registers,
    collect() {
      const s = latest()
      this.set(s === undefined ? 0 : Date.parse(s.checkedAt) / 1000)
    },
  })
}
