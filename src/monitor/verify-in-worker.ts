import { Worker } from 'node:worker_threads'
import type { VerifyResult } from '../audit/audit-store.js'

/** What the worker needs to open the log read-only. */
export interface VerifyWorkerInput {
  dataDir: string
  /** `auto` (AIRLOCK_AUDIT_KEY, else `<dataDir>/audit.key`), `none`, or the key as a string. */
  key?: string
}

/**
 * Verifies the audit chain in a worker thread on its own read-only connection, so a long log does
 * not stall the event loop of the proxy. The worker does not keep the process alive. Resolves with the store's `verify()` result; rejects when
 * the log cannot be opened or the key is missing.
 *
 * @example const result = await verifyInWorker({ dataDir: '/var/lib/airlock' })
 */
export function verifyInWorker(input: VerifyWorkerInput): Promise<VerifyResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./audit-verify-worker.js', import.meta.url), { workerData: input })
    // A verification under way never keeps the process alive: at exit it is simply dropped.
    worker.unref()
    let settled = false
    worker.once('message', (msg: { ok: true; result: VerifyResult } | { ok: false; error: string }) => {
      settled = true
      if (msg.ok) resolve(msg.result)
      else reject(new Error(msg.error))
    })
    worker.once('error', (err) => {
      settled = true
      reject(err)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the audit verification worker exited with code ${code}`))
    })
  })
}
