import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { userKind } from '../model/user.js'

interface Stage {
  from: string
  name?: string
  user?: string
}

/** FROM and USER of each stage, in order (line continuations joined, comments skipped). */
function stages(text: string): Stage[] {
  const out: Stage[] = []
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)
  for (const raw of logical) {
    const line = raw.trim()
    const from = /^from\s+(?:--\S+\s+)*(\S+)(?:\s+as\s+(\S+))?/i.exec(line)
    if (from) {
      out.push({ from: from[1] as string, ...(from[2] && { name: from[2].toLowerCase() }) })
      continue
    }
    const user = /^user\s+(\S+)/i.exec(line)
    const current = out.at(-1)
    if (user && current) current.user = user[1] as string
  }
  return out
}

/**
 * The user the image of a compose `build:` runs as, when the Dockerfile's final stage (or a stage
 * of the same file it builds on) sets a non-root USER without variables. Undefined when that cannot
 * be known without the base image (then no `user:` is guessed: a wrong UID breaks file permissions).
 *
 * @example buildUser({ context: '.', dockerfile: 'Dockerfile' }, '/srv/app') // '10001'
 */
export function buildUser(build: unknown, projectDir: string): string | undefined {
  const spec =
    typeof build === 'string'
      ? { context: build }
      : (build as { context?: unknown; dockerfile?: unknown } | null)
  if (!spec || typeof spec !== 'object') return undefined
  const context = typeof spec.context === 'string' ? spec.context : '.'
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) return undefined
  const dir = isAbsolute(context) ? context : join(projectDir, context)
  const file = typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile'
  let text: string
  try {
    text = readFileSync(isAbsolute(file) ? file : join(dir, file), 'utf8')
  } catch {
    return undefined
  }
  const all = stages(text)
  let stage = all.at(-1)
  for (let hops = 0; stage && hops < all.length; hops++) {
    if (stage.user !== undefined) {
      if (stage.user.includes('$')) return undefined
      return userKind(stage.user) === 'non-root' ? stage.user : undefined
    }
    const base = stage.from.toLowerCase()
    stage = all.find((s) => s.name === base)
  }
  return undefined
}
