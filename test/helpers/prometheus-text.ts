/** One sample of Prometheus exposition text: metric name, labels and value. */
export interface PromSample {
  name: string
  labels: Record<string, string>
  value: number
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/**
 * Parses Prometheus text exposition format (what `GET /metrics` answers) into its samples;
 * comments (`# HELP`, `# TYPE`) are skipped.
 *
 * @example parsePromText('a_total{kind="x"} 3\n') // [{ name: 'a_total', labels: { kind: 'x' }, value: 3 }]
 */
export function parsePromText(text: string): PromSample[] {
  const out: PromSample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const m = LINE.exec(line)
    if (!m) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').matchAll(LABEL))
      labels[l[1] as string] = (l[2] as string).replace(/\\(.)/g, '$1')
    out.push({ name: m[1] as string, labels, value: Number(m[3]) })
  }
  return out
}

/**
 * The value of the one sample named `name` whose labels include `labels`, or undefined when there
 * is none. Throws when several match (say which labels tell them apart).
 *
 * @example promValue(text, 'airlock_requests_total', { kind: 'container.list', caller: 'alice', decision: 'allow' }) // 2
 */
export function promValue(
  text: string | PromSample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const samples = typeof text === 'string' ? parsePromText(text) : text
  const hits = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )
  if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(labels)}`)
  return hits[0]?.value
}

/**
 * Whether the text declares metric `name` with `# TYPE name type`.
 *
 * @example promType(text, 'airlock_grants_active') // 'gauge'
 */
export function promType(text: string, name: string): string | undefined {
  const m = new RegExp(`^# TYPE ${name} (\\S+)$`, 'm').exec(text)
  return m?.[1]
}
