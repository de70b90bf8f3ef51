/** A value the fixer writes: what YAML can hold, without anchors or tags. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue }

/** Words YAML 1.1 or 1.2 would not read back as a plain string. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i

/**
 * A scalar as YAML text: plain when it reads back as the same string in YAML 1.1 and 1.2 (letters,
 * digits, `_ . / -`, not a number or a boolean word), double-quoted otherwise.
 *
 * @example renderScalar('ALL') // 'ALL'
 * @example renderScalar('no-new-privileges:true') // '"no-new-privileges:true"'
 */
export function renderScalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return v === null ? 'null' : String(v)
  const plain = /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(v) && !RESERVED.test(v) && !/^[0-9.+-]/.test(v)
  return plain ? v : JSON.stringify(v)
}

/**
 * A value in flow style: `[a, b]`, `{type: RuntimeDefault}`.
 *
 * @example renderFlow({ type: 'RuntimeDefault' }) // '{type: RuntimeDefault}'
 */
export function renderFlow(v: YamlValue): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${renderScalar(k)}: ${renderFlow(x)}`)
      .join(', ')}}`
  }
  return renderScalar(v)
}

function isBlockish(v: YamlValue): boolean {
  if (Array.isArray(v)) return v.some((x) => x !== null && typeof x === 'object')
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0
}

/**
 * Lines of a block mapping at `indent` spaces; nested mappings and lists of mappings go one `unit` deeper.
 *
 * @example renderBlockEntries({ limits: { memory: '512Mi' } }, 4, 2) // ['    limits:', '      memory: "512Mi"']
 */
export function renderBlockEntries(
  obj: { [key: string]: YamlValue },
  indent: number,
  unit: number,
): string[] {
  const pad = ' '.repeat(indent)
  const lines: string[] = []
  for (const [key, v] of Object.entries(obj)) {
    if (!isBlockish(v)) lines.push(`${pad}${renderScalar(key)}: ${renderFlow(v)}`)
    else if (Array.isArray(v))
      lines.push(`${pad}${renderScalar(key)}:`, ...renderBlockItems(v, indent + unit, unit))
    else
      lines.push(
        `${pad}${renderScalar(key)}:`,
        ...renderBlockEntries(v as { [key: string]: YamlValue }, indent + unit, unit),
      )
  }
  return lines
}

/**
 * Lines of block list items (`- …`) at `indent` spaces.
 *
 * @example renderBlockItems([{ name: 'tmp', emptyDir: {} }], 2, 2) // ['  - name: tmp', '    emptyDir: {}']
 */
export function renderBlockItems(items: readonly YamlValue[], indent: number, unit: number): string[] {
  const pad = ' '.repeat(indent)
  const lines: string[] = []
  for (const item of items) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      const [first = '', ...rest] = renderBlockEntries(item, indent + 2, unit)
      lines.push(`${pad}- ${first.trimStart()}`, ...rest)
    } else lines.push(`${pad}- ${renderFlow(item)}`)
  }
  return lines
}

/**
 * What follows `key` when a value is written after it: `: value` on the same line, or `:` and the
 * block below at `indent + unit` (unless `flow`, where everything stays on one line).
 *
 * @example renderAfterKey(['ALL'], 4, 2, false) // ': [ALL]'
 */
export function renderAfterKey(v: YamlValue, indent: number, unit: number, flow: boolean): string {
  if (flow || !isBlockish(v)) return `: ${renderFlow(v)}`
  const lines = Array.isArray(v)
    ? renderBlockItems(v, indent + unit, unit)
    : renderBlockEntries(v as { [key: string]: YamlValue }, indent + unit, unit)
  return `:\n${lines.join('\n')}`
}
