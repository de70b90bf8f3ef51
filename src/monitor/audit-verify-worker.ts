// Worker thread of `verifyInWorker`: opens the audit log read-only, verifies it, posts the result.
import { parentPort, workerData } from 'node:worker_threads'
import { SqliteStore } from '../audit/sqlite-store.js'
import { errorMessage } from '../errors.js'
import type { VerifyWorkerInput } from './verify-in-worker.js'

const input = workerData as VerifyWorkerInput
try {
  const store = SqliteStore.open({ dataDir: input.dataDir, readonly: true, key: input.key ?? 'auto' })
  try {
    parentPort?.postMessage({ ok: true, result: store.verify() })
  } finally {
    store.close()
  }
} catch (err) {
  parentPort?.postMessage({ ok: false, error: errorMessage(err) })
}
