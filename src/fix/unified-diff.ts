type Op = { kind: ' ' | '-' | '+'; line: string }

/** Myers' O((N+M)·D) shortest edit script between two line arrays. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length
  const m = b.length
  const max = n + m
  const offset = max + 1
  let v: Int32Array = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = true
        break
      }
    }
    if (found) trace.push(v.slice())
  }
  const ops: Op[] = []
  let x = n
  let y = m
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d] as Int32Array
    const k = x - y
    const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
    const prevK = down ? k + 1 : k - 1
    const prevX = v[offset + prevK] as number
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] as string })
      y--
    }
    if (d === 0) break
    if (down) ops.push({ kind: '+', line: b[--y] as string })
    else ops.push({ kind: '-', line: a[--x] as string })
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] as string })
    y--
  }
  return ops.reverse()
}

const NO_EOL = '\\ No newline at end of file'

/** Marks a last line without a newline, so that it differs from the same text with one (as in diff). */
const NO_EOL_MARK = '\u0000'

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  else lines[lines.length - 1] += NO_EOL_MARK
  return lines
}

const range = (start: number, len: number) => (len === 1 ? `${start}` : `${len ? start : start - 1},${len}`)

/**
 * A unified diff (`diff -u`, 3 lines of context) of two texts, with `a/` and `b/` file headers;
 * empty when they are equal.
 *
 * @example unifiedDiff('compose.yaml', 'a\nb\n', 'a\nc\n')
 * // '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n'
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return ''
  const a = splitLines(before)
  const b = splitLines(after)
  const ops = editScript(a, b)
  const out = [`--- a/${file}`, `+++ b/${file}`]
  let i = 0
  while (i < ops.length) {
    if (ops[i]?.kind === ' ') {
      i++
      continue
    }
    const start = Math.max(0, i - context)
    // Extend the hunk while the next change is within 2 × context lines.
    let end = i
    for (let j = i; j < ops.length; j++) {
      if (ops[j]?.kind !== ' ') end = j
      else if (j - end > 2 * context) break
    }
    const stop = Math.min(ops.length, end + context + 1)
    let aLine = 1
    let bLine = 1
    for (let j = 0; j < start; j++) {
      if (ops[j]?.kind !== '+') aLine++
      if (ops[j]?.kind !== '-') bLine++
    }
    const hunk = ops.slice(start, stop)
    const aLen = hunk.filter((o) => o.kind !== '+').length
    const bLen = hunk.filter((o) => o.kind !== '-').length
    out.push(`@@ -${range(aLine, aLen)} +${range(bLine, bLen)} @@`)
    for (const o of hunk) {
      const noEol = o.line.endsWith(NO_EOL_MARK)
      out.push(`${o.kind}${noEol ? o.line.slice(0, -1) : o.line}`)
      if (noEol) out.push(NO_EOL)
    }
    i = stop
  }
  return `${out.join('\n')}\n`
}
