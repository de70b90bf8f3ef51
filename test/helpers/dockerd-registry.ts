/** Something that must be torn down synchronously if this process ends before it was stopped. */
export interface Tracked {
  /** Stops and cleans up, blocking; must not throw. */
  stopSync(): void
}

const live = new Set<Tracked>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
let installed = false

function stopAll(): void {
  for (const t of [...live]) {
    live.delete(t)
    t.stopSync()
  }
}

function onSignal(signal: NodeJS.Signals): void {
  stopAll()
  // If nobody else handles the signal, die of it as we would have without this handler.
  if (process.listenerCount(signal) === 1) {
    process.removeListener(signal, onSignal)
    process.kill(process.pid, signal)
  }
}

function install(): void {
  if (installed) return
  installed = true
  process.on('exit', stopAll)
  for (const s of SIGNALS) process.on(s, onSignal)
}

/**
 * Registers a started daemon (or a temp dir) so it is cleaned up when this process exits or gets
 * SIGINT / SIGTERM / SIGHUP without having done so. Returns the function that unregisters it.
 *
 * @example
 * const untrack = track({ stopSync: () => teardown() })
 * // … later, after an orderly stop:
 * untrack()
 */
export function track(t: Tracked): () => void {
  install()
  live.add(t)
  return () => {
    live.delete(t)
  }
}
