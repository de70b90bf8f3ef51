import { useCallback, useState } from 'preact/hooks'
import type { AuditChainResponse, AuditStatus } from '../api-types.js'
import { postJson } from './api.js'
import { newerStatus } from './newer-status.js'
import { useApi } from './use-api.js'

/** The audit chain as the whole page shows it: one state for the header badge and the Audit tab. */
export interface ChainState {
  /** The latest verification: the server's, or the one asked for here if newer. */
  latest: AuditStatus | undefined
  head: AuditChainResponse['head'] | undefined
  verifying: boolean
  /** Why the last "verify now" failed, if it did. */
  error: string | undefined
  verify: () => Promise<void>
}

/**
 * Loads the chain status (again every `refreshMs`) and runs a verification on demand; whoever
 * shows the status reads this one state, so a verification asked for on the Audit tab shows in the
 * header at once.
 *
 * @example const chain = useChainStatus(); <ChainBadge status={chain.latest} />
 */
export function useChainStatus(refreshMs = 15_000): ChainState {
  const polled = useApi<AuditChainResponse>('audit', refreshMs)
  const [asked, setAsked] = useState<AuditStatus | undefined>(undefined)
  const [verifying, setVerifying] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const { reload } = polled
  const verify = useCallback(async () => {
    setVerifying(true)
    setError(undefined)
    try {
      setAsked(await postJson<AuditStatus>('audit/verify'))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
    setVerifying(false)
    reload()
  }, [reload])
  return {
    latest: newerStatus(polled.data?.latest, asked),
    head: polled.data?.head,
    verifying,
    error,
    verify,
  }
}
