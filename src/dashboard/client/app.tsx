import { useEffect, useMemo, useState } from 'preact/hooks'
import type { FeedItem, Me, RuleInfo } from '../api-types.js'
import { AuditView, ChainBadge } from './audit-view.js'
import { Charts } from './charts.js'
import { ContainersView } from './containers-view.js'
import { DecisionDetail } from './decision-detail.js'
import { GrantsView } from './grants-view.js'
import { LiveFeed } from './live-feed.js'
import { useApi } from './use-api.js'
import { useChainStatus } from './use-chain-status.js'

const TABS = [
  ['feed', 'Live feed'],
  ['charts', 'Charts'],
  ['grants', 'Grants'],
  ['containers', 'Containers'],
  ['audit', 'Audit'],
] as const
type Tab = (typeof TABS)[number][0]

function tabFromHash(): Tab {
  const h = window.location.hash.replace(/^#/, '')
  return (TABS.find(([id]) => id === h)?.[0] ?? 'feed') as Tab
}

/** The dashboard page: a header with the chain status, tabs, and the open decision beside the feed. */
export function App() {
  const me = useApi<Me>('me')
  const rules = useApi<RuleInfo[]>('rules')
  const chain = useChainStatus()
  const [tab, setTab] = useState<Tab>(tabFromHash)
  const [open, setOpen] = useState<FeedItem | undefined>(undefined)
  useEffect(() => {
    const onHash = () => setTab(tabFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const ruleMap = useMemo(() => new Map((rules.data ?? []).map((r) => [r.id, r])), [rules.data])
  if (!me.data) return <p class="empty">{me.error ?? 'Loading…'}</p>
  return (
    <div class="layout">
      <header class="top">
        <h1>Airlock</h1>
        <ChainBadge status={chain.latest} />
        <span class="me">
          {me.data.user} ({me.data.role})
        </span>
        <form method="post" action="logout">
          <button type="submit">Sign out</button>
        </form>
      </header>
      <nav class="tabs">
        {TABS.map(([id, label]) => (
          <a
            key={id}
            href={`#${id}`}
            class={tab === id ? 'active' : ''}
            aria-current={tab === id ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <main class={`content content-${tab}`}>
        {tab === 'feed' ? (
          <div class="feed-layout">
            <LiveFeed selected={open?.requestId} onSelect={setOpen} />
            {open ? <DecisionDetail item={open} rules={ruleMap} onClose={() => setOpen(undefined)} /> : null}
          </div>
        ) : null}
        {tab === 'charts' ? <Charts rules={ruleMap} /> : null}
        {tab === 'grants' ? <GrantsView me={me.data} /> : null}
        {tab === 'containers' ? <ContainersView /> : null}
        {tab === 'audit' ? <AuditView chain={chain} /> : null}
      </main>
    </div>
  )
}
