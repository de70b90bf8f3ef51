import type { RuleInfo } from '../api-types.js'
import type { RuleFindings } from './finding-groups.js'

/** The role the rules of a group played in the decision. */
export type RuleRole = 'denied' | 'waived' | 'warning' | 'other'

interface Props {
  kind: RuleRole
  title: string
  /** One line under the title: what this role means for the call. */
  note: string
  rules: readonly RuleFindings[]
  catalogue: ReadonlyMap<string, RuleInfo>
}

function RuleCard({ rule, kind, info }: { rule: RuleFindings; kind: RuleRole; info: RuleInfo | undefined }) {
  return (
    <li class={`rule rule-${kind}`} data-rule-id={rule.ruleId} data-role={kind}>
      <h4>
        {rule.ruleId} {info ? <span class="slug">{info.slug}</span> : null}
        {info ? <span class={`sev sev-${info.severity}`}>{info.severity}</span> : null}
      </h4>
      {info ? <p class="title">{info.title}</p> : null}
      {rule.findings.map((f, i) => (
        <p key={i} class={`finding finding-${f.result}`} data-testid="finding">
          {f.path ? <code class="where">{f.path}</code> : null}
          {f.path ? ' ' : null}
          {f.message}
        </p>
      ))}
      {rule.waiver ? (
        <p class="waiver">
          Waived by {rule.waiver.by} <span class="mono">{rule.waiver.id}</span>
        </p>
      ) : null}
      {info ? (
        <>
          <p class="why">{info.description}</p>
          <p class="fix">
            <strong>Fix:</strong> {info.remediation}
          </p>
          <p class="docs mono">{info.docsPage}</p>
        </>
      ) : (
        <p class="why">Not a catalogue rule.</p>
      )}
    </li>
  )
}

/** One group of a decision's rules (denied by, waived, warnings): each rule with its findings and fix. */
export function RuleGroup({ kind, title, note, rules, catalogue }: Props) {
  if (rules.length === 0) return null
  return (
    <section class={`rule-group group-${kind}`} data-group={kind} aria-label={title}>
      <h3>
        {title} <small>{note}</small>
      </h3>
      <ul class="rule-list">
        {rules.map((r) => (
          <RuleCard key={r.ruleId} rule={r} kind={kind} info={catalogue.get(r.ruleId)} />
        ))}
      </ul>
    </section>
  )
}
