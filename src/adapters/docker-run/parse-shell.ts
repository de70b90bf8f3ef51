/** One shell word: its value with quotes and escapes removed (`$VAR`, `$(...)` kept as written). */
export interface ShellWord {
  text: string
  /** Offsets of the word in the parsed text: `[start, end)`. */
  start: number
  end: number
}

/** A simple command: its words (redirections removed) and the operator that ends it. */
export interface ShellCommand {
  words: ShellWord[]
  /** `|`, `&&`, `||`, `;`, `&`, a newline, `(`, `)`, or undefined at the end of the text. */
  next: string | undefined
}

/** What a shell text holds: every simple command, nested ones (`$(...)`, backticks, `<(...)`) included. */
export interface ShellParse {
  commands: ShellCommand[]
  /** Here-document bodies, in order, with the offset of their first character. */
  heredocs: { body: string; start: number }[]
}

const CONTROL = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')']
const REDIRECT = ['<<<', '<<-', '&>>', '<<', '>>', '>&', '<&', '&>', '>|', '<>', '>', '<']

interface Pending {
  delimiter: string
  stripTabs: boolean
}

/** Index of the character that closes a `$(`, `<(` or `(` opened just before `from`, skipping quotes. */
function closingParen(text: string, from: number): number {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === "'") i = text.indexOf("'", i + 1) < 0 ? text.length : text.indexOf("'", i + 1)
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
    } else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return text.length
}

function closingBrace(text: string, from: number): number {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return text.length
}

function ansiC(body: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', e: '\x1b' }
  return body.replace(/\\(.)/gs, (_, c: string) => map[c] ?? `\\${c}`)
}

class Tokenizer {
  readonly commands: ShellCommand[] = []
  readonly heredocs: { body: string; start: number }[] = []
  private words: ShellWord[] = []
  private text = ''
  private wordStart = -1
  private quoted = false
  private dropNext = false
  private pending: Pending[] = []
  private heredocNext = false

  constructor(
    private readonly src: string,
    private readonly base: number,
  ) {}

  run(): void {
    const s = this.src
    let i = 0
    while (i < s.length) {
      const c = s[i] as string
      if (c === '\\' && s[i + 1] === '\n') {
        i += 2
        continue
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        this.endWord(i)
        i++
        continue
      }
      if (c === '\n') {
        this.endWord(i)
        this.endCommand('\n')
        i = this.readHeredocs(i + 1)
        continue
      }
      if (c === '#' && this.wordStart < 0) {
        const nl = s.indexOf('\n', i)
        i = nl < 0 ? s.length : nl
        continue
      }
      const op = this.operatorAt(i)
      if (op !== undefined) {
        i = this.operator(op, i)
        continue
      }
      i = this.wordChar(i)
    }
    this.endWord(s.length)
    this.endCommand(undefined)
  }

  private operatorAt(i: number): string | undefined {
    const s = this.src
    if ((s[i] === '<' || s[i] === '>') && s[i + 1] === '(') return `${s[i]}(`
    return [...CONTROL, ...REDIRECT].find((op) => s.startsWith(op, i))
  }

  private operator(op: string, i: number): number {
    if (op === '<(' || op === '>(') {
      const close = closingParen(this.src, i + 2)
      this.nested(i + 2, close)
      this.append(this.src.slice(i, close + 1), i, true)
      return close + 1
    }
    if (REDIRECT.includes(op)) {
      // A word of digits right before a redirection is the file descriptor (`2>&1`).
      if (this.wordStart >= 0 && !this.quoted && /^[0-9]+$/.test(this.text)) this.resetWord()
      else this.endWord(i)
      this.dropNext = true
      this.heredocNext = op === '<<' || op === '<<-'
      if (this.heredocNext) this.pending.push({ delimiter: '', stripTabs: op === '<<-' })
      return i + op.length
    }
    this.endWord(i)
    this.endCommand(op)
    return i + op.length
  }

  private wordChar(i: number): number {
    const s = this.src
    const c = s[i] as string
    if (c === '\\') {
      this.append(s[i + 1] ?? '', i, true)
      return i + 2
    }
    if (c === "'") {
      const close = s.indexOf("'", i + 1)
      const end = close < 0 ? s.length : close
      this.append(s.slice(i + 1, end), i, true)
      return end + 1
    }
    if (c === '$' && s[i + 1] === "'") {
      let j = i + 2
      while (j < s.length && s[j] !== "'") j += s[j] === '\\' ? 2 : 1
      this.append(ansiC(s.slice(i + 2, j)), i, true)
      return j + 1
    }
    if (c === '"') return this.doubleQuoted(i)
    if (c === '$' || c === '`') return this.expansion(i)
    this.append(c, i, false)
    return i + 1
  }

  private doubleQuoted(i: number): number {
    const s = this.src
    let j = i + 1
    let out = ''
    while (j < s.length && s[j] !== '"') {
      const c = s[j] as string
      if (c === '\\' && s[j + 1] === '\n') j += 2
      else if (c === '\\' && '$`"\\'.includes(s[j + 1] ?? '')) {
        out += s[j + 1]
        j += 2
      } else if (c === '$' || c === '`') {
        const end = this.skipExpansion(j)
        out += s.slice(j, end)
        j = end
      } else {
        out += c
        j++
      }
    }
    this.append(out, i, true)
    return j + 1
  }

  /** `$(...)`, `` `...` ``, `${...}`, `$((...))`: kept as written; command substitutions are parsed too. */
  private expansion(i: number): number {
    const end = this.skipExpansion(i)
    this.append(this.src.slice(i, end), i, false)
    return end
  }

  private skipExpansion(i: number): number {
    const s = this.src
    if (s[i] === '`') {
      let j = i + 1
      while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1
      this.nested(i + 1, Math.min(j, s.length))
      return Math.min(j + 1, s.length)
    }
    if (s.startsWith('$((', i)) return Math.min(closingParen(s, i + 3) + 2, s.length)
    if (s.startsWith('$(', i)) {
      const close = closingParen(s, i + 2)
      this.nested(i + 2, close)
      return Math.min(close + 1, s.length)
    }
    if (s.startsWith('${', i)) return Math.min(closingBrace(s, i + 2) + 1, s.length)
    return i + 1
  }

  private nested(from: number, to: number): void {
    const inner = parseShell(this.src.slice(from, to), this.base + from)
    this.commands.push(...inner.commands)
    this.heredocs.push(...inner.heredocs)
  }

  private append(part: string, at: number, quoted: boolean): void {
    if (this.wordStart < 0) this.wordStart = at
    this.text += part
    this.quoted ||= quoted
  }

  private resetWord(): void {
    this.text = ''
    this.wordStart = -1
    this.quoted = false
  }

  private endWord(at: number): void {
    if (this.wordStart < 0) return
    const word = { text: this.text, start: this.base + this.wordStart, end: this.base + at }
    if (this.heredocNext) {
      const last = this.pending[this.pending.length - 1]
      if (last) last.delimiter = word.text
      this.heredocNext = false
    }
    if (this.dropNext) this.dropNext = false
    else this.words.push(word)
    this.resetWord()
  }

  private endCommand(next: string | undefined): void {
    if (this.words.length) this.commands.push({ words: this.words, next })
    this.words = []
  }

  private readHeredocs(from: number): number {
    let i = from
    for (const h of this.pending) {
      const start = i
      let body = ''
      while (i < this.src.length) {
        const nl = this.src.indexOf('\n', i)
        const lineEnd = nl < 0 ? this.src.length : nl
        const raw = this.src.slice(i, lineEnd)
        const line = h.stripTabs ? raw.replace(/^\t+/, '') : raw
        i = lineEnd + 1
        if (line === h.delimiter) break
        body += `${line}\n`
      }
      this.heredocs.push({ body, start: this.base + start })
    }
    this.pending = []
    return Math.min(i, this.src.length)
  }
}

/**
 * Splits shell text into simple commands the way a POSIX shell reads it: quotes (single, double,
 * `$'...'`), backslash escapes and line continuations, comments, control operators (`&&`, `||`, `;`,
 * `|`, `&`, newlines, subshell parentheses), redirections (dropped with their target) and
 * here-documents (their bodies are returned, not parsed). Parameter expansions and command
 * substitutions stay in the word as written (`$VAR`, `"$(pwd)"`), and the commands inside `$(...)`,
 * backticks and `<(...)` are returned as commands of their own. `base` offsets every position.
 *
 * @example parseShell('sudo docker run -v "$PWD":/src alpine && echo ok').commands[0]?.words.map((w) => w.text)
 * // ['sudo', 'docker', 'run', '-v', '$PWD:/src', 'alpine']
 */
export function parseShell(text: string, base = 0): ShellParse {
  const t = new Tokenizer(text, base)
  t.run()
  return { commands: t.commands, heredocs: t.heredocs }
}
