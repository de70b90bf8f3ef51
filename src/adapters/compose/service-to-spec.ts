import { posix } from 'node:path'
import type { ContainerSpecInput } from '../../model/container-spec.js'
import { asBool, asList, asMap, asString, ComposeValueError, child, listOrDict } from './compose-values.js'
import { parseDotenv } from './parse-dotenv.js'
import { field, guard, mark, type ServiceContext } from './service-context.js'
import { serviceDevices } from './service-devices.js'
import { serviceMounts } from './service-mounts.js'
import { servicePorts } from './service-ports.js'
import { serviceResources } from './service-resources.js'
import { serviceSecurity } from './service-security.js'
import { splitCommandWords } from './split-command-words.js'
import type { YNode } from './yaml-tree.js'

/** compose's mapRestartPolicyCondition: deploy conditions and restart values as dockerd names them. */
function restartName(condition: string): string {
  if (condition === 'none' || condition === 'no') return 'no'
  if (condition === 'any' || condition === 'always') return 'always'
  return condition
}

function words(n: YNode): string[] {
  if (n.kind === 'scalar') return n.value === null ? [] : splitCommandWords(asString(n))
  return asList(n).map((w) => asString(w))
}

function keyValueMap(ctx: ServiceContext, key: string, path: string, sep = '='): Record<string, string> {
  const out: Record<string, string> = {}
  field(ctx, key, (n) => {
    for (const kv of listOrDict(n, sep)) {
      out[kv.key] = kv.value ?? ''
      mark(ctx, [path, kv.key], kv.node)
    }
  })
  return out
}

function envFiles(ctx: ServiceContext, env: Map<string, { value: string | undefined; node: YNode }>): void {
  field(ctx, 'env_file', (n) => {
    for (const item of asList(n)) {
      guard(ctx, item, () => {
        const pathNode = item.kind === 'map' ? child(item, 'path') : item
        if (!pathNode) throw new ComposeValueError('env_file needs a path', item)
        const required = child(item, 'required')
        const path = posix.join(ctx.baseDir(item.loc.file), asString(pathNode))
        const text = ctx.readFile(path)
        if (text === undefined) {
          if (required && !asBool(required)) return
          throw new ComposeValueError(`env file ${path} not found`, pathNode)
        }
        for (const [k, v] of Object.entries(parseDotenv(text, ctx.lookup)))
          env.set(k, { value: v, node: item })
      })
    }
  })
}

function environment(ctx: ServiceContext): void {
  const env = new Map<string, { value: string | undefined; node: YNode }>()
  envFiles(ctx, env)
  field(ctx, 'environment', (n) => {
    for (const kv of listOrDict(n)) env.set(kv.key, { value: kv.value ?? ctx.lookup(kv.key), node: kv.node })
  })
  ctx.spec.env = [...env].map(([k, v], i) => {
    mark(ctx, ['env', i], v.node)
    return v.value === undefined ? k : `${k}=${v.value}`
  })
}

function healthcheck(ctx: ServiceContext): void {
  field(ctx, 'healthcheck', (h) => {
    const disable = child(h, 'disable')
    const test = child(h, 'test')
    mark(ctx, ['healthcheck'], h)
    if (disable && asBool(disable)) {
      ctx.spec.healthcheck = { test: ['NONE'], disabled: true }
      mark(ctx, ['healthcheck', 'disabled'], disable)
      return
    }
    const t = !test
      ? []
      : test.kind === 'scalar'
        ? ['CMD-SHELL', asString(test)]
        : asList(test).map((w) => asString(w))
    ctx.spec.healthcheck = { test: t, disabled: t[0] === 'NONE' }
    if (test) {
      mark(ctx, ['healthcheck', 'test'], test)
      mark(ctx, ['healthcheck', 'disabled'], test)
    }
  })
}

function restart(ctx: ServiceContext): void {
  field(ctx, 'restart', (n) => {
    const [name = '', count = '0'] = asString(n).split(':')
    ctx.spec.restartPolicy = { name: restartName(name), maximumRetryCount: Number(count) || 0 }
    mark(ctx, ['restartPolicy'], n)
  })
  const policy = child(ctx.service.entries.get('deploy'), 'restart_policy')
  if (!policy) return
  guard(ctx, policy, () => {
    const condition = child(policy, 'condition')
    const attempts = child(policy, 'max_attempts')
    ctx.spec.restartPolicy = {
      name: restartName(condition ? asString(condition) : ''),
      maximumRetryCount: attempts ? Number(asString(attempts)) || 0 : 0,
    }
    mark(ctx, ['restartPolicy'], policy)
    if (attempts) mark(ctx, ['restartPolicy', 'maximumRetryCount'], attempts)
  })
}

function simple(ctx: ServiceContext): void {
  const s = ctx.spec
  const str = (
    key: string,
    path: 'workingDir' | 'runtime' | 'isolation' | 'name',
    set: (v: string) => void,
  ) =>
    field(ctx, key, (n) => {
      set(asString(n))
      mark(ctx, [path], n)
    })
  str('working_dir', 'workingDir', (v) => (s.workingDir = v))
  str('runtime', 'runtime', (v) => (s.runtime = v))
  str('isolation', 'isolation', (v) => (s.isolation = v))
  str('container_name', 'name', (v) => (s.name = v))
  field(ctx, 'init', (n) => {
    s.init = asBool(n, 'init')
    mark(ctx, ['init'], n)
  })
  for (const [key, path] of [
    ['command', 'command'],
    ['entrypoint', 'entrypoint'],
  ] as const) {
    field(ctx, key, (n) => {
      s[path] = words(n)
      mark(ctx, [path], n)
    })
  }
  for (const [key, path] of [
    ['dns', 'dns'],
    ['links', 'links'],
  ] as const) {
    field(ctx, key, (n) => {
      s[path] = asList(n).map((x, i) => {
        mark(ctx, [path, i], x)
        return asString(x)
      })
    })
  }
  field(ctx, 'extra_hosts', (n) => {
    const hosts: { text: string; node: YNode }[] = []
    if (n.kind === 'map') {
      for (const [host, v] of n.entries)
        for (const ip of asList(v)) hosts.push({ text: `${host}:${asString(ip)}`, node: v })
    } else {
      for (const item of asList(n)) {
        const text = asString(item)
        const i = text.includes('=') ? text.indexOf('=') : text.indexOf(':')
        if (i <= 0) throw new ComposeValueError(`bad format for extra_hosts: "${text}"`, item)
        hosts.push({ text: `${text.slice(0, i)}:${text.slice(i + 1)}`, node: item })
      }
    }
    s.extraHosts = hosts.map((h, i) => {
      mark(ctx, ['extraHosts', i], h.node)
      return h.text
    })
  })
  field(ctx, 'logging', (n) => {
    const driver = child(n, 'driver')
    const options = child(n, 'options')
    s.logConfig = {
      type: driver ? asString(driver) : '',
      config: Object.fromEntries(
        options ? [...asMap(options, 'logging.options').entries].map(([k, v]) => [k, asString(v)]) : [],
      ),
    }
    mark(ctx, ['logConfig'], n)
    if (driver) mark(ctx, ['logConfig', 'type'], driver)
  })
  s.labels = keyValueMap(ctx, 'labels', 'labels')
  s.annotations = keyValueMap(ctx, 'annotations', 'annotations')
  s.sysctls = keyValueMap(ctx, 'sysctls', 'sysctls')
  s.storageOpt = keyValueMap(ctx, 'storage_opt', 'storageOpt')
}

/**
 * Maps one compose service to the ContainerSpec docker compose's create request becomes, recording
 * where every value was written in `ctx.origins`. Values compose would refuse are reported in
 * `ctx.errors` at their location; the rest of the service is still mapped.
 *
 * @example serviceToSpec(ctx).privileged // true
 */
export function serviceToSpec(ctx: ServiceContext): ContainerSpecInput {
  const image = ctx.service.entries.get('image')
  if (image) {
    guard(ctx, image, () => {
      ctx.spec.image = asString(image)
      mark(ctx, ['image'], image)
    })
  } else if (ctx.service.entries.has('build')) ctx.spec.image = `${ctx.project}-${ctx.name}`
  else {
    ctx.errors.push({
      message: `service "${ctx.name}" has neither an image nor a build context specified`,
      location: ctx.origins.fallback,
    })
  }
  serviceSecurity(ctx)
  serviceMounts(ctx)
  serviceDevices(ctx)
  servicePorts(ctx)
  serviceResources(ctx)
  environment(ctx)
  healthcheck(ctx)
  restart(ctx)
  simple(ctx)
  return ctx.spec
}
