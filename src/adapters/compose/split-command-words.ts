/**
 * Splits a compose `command` / `entrypoint` string into words as compose does (go-shellwords): on
 * unquoted white space, with single and double quotes and backslash escapes; nothing is expanded
 * and no shell is involved.
 *
 * @example splitCommandWords(`sh -c 'echo "hi there"'`) // ['sh', '-c', 'echo "hi there"']
 */
export function splitCommandWords(text: string): string[] {
  const out: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (/\s/.test(c)) {
      if (inWord) out.push(word)
      word = ''
      inWord = false
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i]
      inWord = true
    } else if (c === "'" || c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== c) {
        if (c === '"' && text[j] === '\\' && j + 1 < text.length) j++
        word += text[j]
        j++
      }
      i = j
      inWord = true
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) out.push(word)
  return out
}
