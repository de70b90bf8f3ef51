import { InputError } from '../../errors.js'
import type { PortBinding } from '../../model/container-spec.js'
import type { OptionsByName } from './docker-run-to-spec.js'
import { parsePortSpec } from './parse-port-spec.js'
import type { RunOption } from './parse-run-argv.js'

/** `published=8080,target=80[,protocol=udp]` as the CLI rewrites it: `8080:80/udp`. */
function standardNotation(value: string): string {
  if (!value.includes('=')) return value
  const params: Record<string, string> = { protocol: 'tcp' }
  for (const param of value.split(',')) {
    const i = param.indexOf('=')
    if (i <= 0) throw new InputError(`invalid publish opts format (should be name=value but got '${param}')`)
    params[param.slice(0, i)] = param.slice(i + 1)
  }
  return `${params['published'] ?? ''}:${params['target'] ?? ''}/${params['protocol']}`
}

function exposeRange(value: string): string[] {
  const m = /^([0-9]+)(?:-([0-9]+))?(?:\/([a-z]+))?$/i.exec(value)
  const start = Number(m?.[1])
  const end = m?.[2] === undefined ? start : Number(m[2])
  if (!m || start > 65535 || end > 65535 || end < start) {
    throw new InputError(`invalid range format for --expose: ${value}`)
  }
  const proto = (m[3] ?? 'tcp').toLowerCase()
  return Array.from({ length: end - start + 1 }, (_, i) => `${start + i}/${proto}`)
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The port bindings `-p` asks for (every syntax, ranges expanded) and the exposed ports (`-p` and
 * `--expose`), ordered as dockerd decodes them: the CLI sends JSON maps, whose keys Go sorts.
 *
 * @example runPorts(new Map([['publish', [{ name: 'publish', value: '8080:80', index: 0, valueIndex: 1 }]]])).exposed // ['80/tcp']
 */
export function runPorts(by: OptionsByName): {
  bindings: { port: PortBinding; option: RunOption }[]
  exposed: string[]
} {
  const groups = new Map<string, { port: PortBinding; option: RunOption }[]>()
  for (const o of by.get('publish') ?? []) {
    for (const p of parsePortSpec(standardNotation(o.value))) {
      groups.set(p.containerPort, [...(groups.get(p.containerPort) ?? []), { port: p, option: o }])
    }
  }
  const exposed = new Set(groups.keys())
  for (const o of by.get('expose') ?? []) for (const p of exposeRange(o.value)) exposed.add(p)
  const bindings = [...groups.keys()].sort(byKey).flatMap((k) => groups.get(k) ?? [])
  return { bindings, exposed: [...exposed].sort(byKey) }
}
