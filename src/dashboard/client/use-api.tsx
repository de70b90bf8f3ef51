import { useCallback, useEffect, useState } from 'preact/hooks'
import { getJson } from './api.js'

/** What `useApi` returns: the data once loaded, the last error, and a way to load again. */
export interface ApiState<T> {
  data: T | undefined
  error: string | undefined
  reload: () => void
}

/**
 * Loads `api/<path>` and again every `refreshMs` (when given) while the component is shown.
 *
 * @example const { data } = useApi<GrantsResponse>('grants', 15_000)
 */
export function useApi<T>(path: string, refreshMs?: number): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((t) => t + 1), [])
  useEffect(() => {
    let live = true
    getJson<T>(path)
      .then((d) => {
        if (!live) return
        setData(d)
        setError(undefined)
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [path, tick])
  useEffect(() => {
    if (!refreshMs) return
    const t = setInterval(reload, refreshMs)
    return () => clearInterval(t)
  }, [refreshMs, reload])
  return { data, error, reload }
}

/** The current time, updated every `ms` (countdowns). */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}
