import { encodeGoPath } from '../../engine-api/classify.js'
import { errorMessage } from '../../errors.js'
import type { ResolvedObject } from './exchange.js'
import { Refusal } from './refusal.js'
import { field, stringField, type UpstreamLookup } from './upstream-lookup.js'

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val
  return out
}

async function get(lookup: UpstreamLookup, path: string, what: string) {
  try {
    return await lookup.get(path)
  } catch (err) {
    throw new Refusal(502, `airlock: cannot look up ${what} on the daemon: ${errorMessage(err)}`, {
      outcome: 'error',
      cause: err,
    })
  }
}

/** A lookup answer other than found (200) or not found (404): the daemon's own status and message. */
function unexpected(status: number, json: unknown, what: string): Refusal {
  const message = stringField(json, 'message') || `the daemon answered ${status} looking up ${what}`
  return new Refusal(status >= 400 && status < 600 ? status : 502, message, { outcome: 'error' })
}

/**
 * Resolves a container reference exactly as dockerd does (full id, name, unique id prefix) by
 * inspecting it on the daemon: its full id and labels, or undefined when there is no such container.
 *
 * @example await lookupContainer('web', lookup) // { type: 'container', ref: 'web', id: '4f9a…', labels: { 'airlock.owner': 'alice' } }
 */
export async function lookupContainer(
  ref: string,
  lookup: UpstreamLookup,
): Promise<ResolvedObject | undefined> {
  if (ref === '') return undefined
  const what = `container "${ref}"`
  const res = await get(lookup, `/containers/${encodeGoPath(ref)}/json`, what)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw unexpected(res.status, res.json, what)
  const id = stringField(res.json, 'Id')
  if (!/^[0-9a-f]{64}$/.test(id))
    throw new Refusal(502, `airlock: the daemon's inspect of ${what} has no id`, { outcome: 'error' })
  return { type: 'container', ref, id, labels: labelsOf(field(field(res.json, 'Config'), 'Labels')) }
}

/**
 * Resolves an exec instance and the container it runs in: the exec's id and the container's labels.
 *
 * @example await lookupExec('7d2c…', lookup) // { type: 'exec', id: '7d2c…', labels: { 'airlock.owner': 'alice' } }
 */
export async function lookupExec(ref: string, lookup: UpstreamLookup): Promise<ResolvedObject | undefined> {
  if (ref === '') return undefined
  const what = `exec instance "${ref}"`
  const res = await get(lookup, `/exec/${encodeGoPath(ref)}/json`, what)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw unexpected(res.status, res.json, what)
  const container = await lookupContainer(stringField(res.json, 'ContainerID'), lookup)
  if (!container) return undefined
  return { type: 'exec', ref, id: stringField(res.json, 'ID') || ref, labels: container.labels }
}

/** Resolves a volume by name: its name and labels. */
export async function lookupVolume(ref: string, lookup: UpstreamLookup): Promise<ResolvedObject | undefined> {
  if (ref === '') return undefined
  const what = `volume "${ref}"`
  const res = await get(lookup, `/volumes/${encodeGoPath(ref)}`, what)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw unexpected(res.status, res.json, what)
  return {
    type: 'volume',
    ref,
    id: stringField(res.json, 'Name') || ref,
    labels: labelsOf(field(res.json, 'Labels')),
  }
}

/** Resolves a network as dockerd does (full id, name, id prefix): its full id, name and labels. */
export async function lookupNetwork(
  ref: string,
  lookup: UpstreamLookup,
): Promise<(ResolvedObject & { name: string }) | undefined> {
  if (ref === '') return undefined
  const what = `network "${ref}"`
  const res = await get(lookup, `/networks/${encodeGoPath(ref)}`, what)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw unexpected(res.status, res.json, what)
  return {
    type: 'network',
    ref,
    id: stringField(res.json, 'Id') || ref,
    name: stringField(res.json, 'Name'),
    labels: labelsOf(field(res.json, 'Labels')),
  }
}

/** Resolves an image reference: its id and labels (from its config). */
export async function lookupImage(ref: string, lookup: UpstreamLookup): Promise<ResolvedObject | undefined> {
  if (ref === '') return undefined
  const what = `image "${ref}"`
  const res = await get(lookup, `/images/${encodeGoPath(ref)}/json`, what)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw unexpected(res.status, res.json, what)
  return {
    type: 'image',
    ref,
    id: stringField(res.json, 'Id') || ref,
    labels: labelsOf(field(field(res.json, 'Config'), 'Labels')),
  }
}
