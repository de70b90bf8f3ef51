import { InputError } from '../../errors.js'
import { makeAction } from '../../model/action.js'
import { versionLessThan } from '../api-version.js'
import { decodeGo, field, type GoType, int64, map, ptr, slice, string, struct } from '../go-json/index.js'
import { type GoQuery, queryGet, queryInt } from '../go-query.js'
import { type GoStruct, num, str, strMap } from '../go-value.js'
import type { Interpretation, Interpreter } from './interpretation.js'

const Ulimit = struct('units.Ulimit', [field('Name', string), field('Hard', int64), field('Soft', int64)])
const BuildOutput = struct('types.ImageBuildOutput', [field('Type', string), field('Attrs', map(string))])

/** A JSON-valued query parameter, decoded as dockerd's json.Unmarshal does (or refused). */
function jsonParam<T extends GoType>(q: GoQuery, key: string, type: T): unknown {
  const raw = queryGet(q, key)
  if (raw === '') return undefined
  try {
    return decodeGo(type, Buffer.from(raw, 'utf8')).value
  } catch (err) {
    throw new InputError(`build parameter "${key}": ${(err as Error).message}`)
  }
}

/**
 * `POST /build` (the classic builder, and BuildKit when `version=2`): every option that changes what
 * the build's containers may reach, read from the query as dockerd reads it. The body, a tar context
 * (or nothing when `remote` is set), streams through.
 */
export const interpretImageBuild: Interpreter = ({ req }): Interpretation => {
  const q = req.query
  if (req.query.has('securityopt'))
    throw new InputError('The daemon on this platform does not support setting security options on build')
  const shm = queryGet(q, 'shmsize')
  if (shm !== '' && !/^[+-]?[0-9]+$/.test(shm))
    throw new InputError(`build parameter "shmsize": not an integer: ${shm}`)
  const ulimits = (jsonParam(q, 'ulimits', slice(ptr(Ulimit))) as GoStruct[] | undefined) ?? []
  const buildArgs = jsonParam(q, 'buildargs', map(ptr(string))) as Map<string, string | null> | undefined
  const outputs = versionLessThan(req.version, '1.40')
    ? []
    : ((jsonParam(q, 'outputs', slice(BuildOutput)) as GoStruct[] | undefined) ?? [])
  jsonParam(q, 'cachefrom', slice(string))
  return {
    action: makeAction({
      kind: 'image.build',
      tags: q.get('t') ?? [],
      remote: queryGet(q, 'remote'),
      dockerfile: queryGet(q, 'dockerfile'),
      networkMode: queryGet(q, 'networkmode'),
      extraHosts: q.get('extrahosts') ?? [],
      cgroupParent: queryGet(q, 'cgroupparent'),
      isolation: queryGet(q, 'isolation'),
      platform: versionLessThan(req.version, '1.32') ? '' : queryGet(q, 'platform'),
      builderVersion: queryGet(q, 'version'),
      outputs: outputs
        .map((o) =>
          [str(o['Type']), ...Object.entries(strMap(o['Attrs'])).map(([k, v]) => `${k}=${v}`)].join(','),
        )
        .join(';'),
      buildArgs: Object.fromEntries(buildArgs ?? []),
      labels: strMap(jsonParam(q, 'labels', map(string))),
      ...(queryInt(q, 'memory') ? { memory: queryInt(q, 'memory') } : {}),
      ...(queryInt(q, 'cpushares') ? { cpuShares: queryInt(q, 'cpushares') } : {}),
      ...(shm !== '' ? { shmSize: Number(shm) } : {}),
      ulimits: ulimits.map((u) => ({
        name: str(u?.['Name']),
        soft: num(u?.['Soft']) ?? 0,
        hard: num(u?.['Hard']) ?? 0,
      })),
      pull: queryGet(q, 'pull'),
      session: queryGet(q, 'session'),
    }),
    body: { kind: 'stream' },
    notes: [],
    normalizations: [],
  }
}
