import { makeAction } from '../../model/action.js'
import { queryBool, queryGet } from '../go-query.js'
import type { Interpretation, Interpreter } from './interpretation.js'
import { routeTarget } from './interpretation.js'

const stream = { kind: 'stream' } as const

/** `PUT /containers/{name}/archive?path=...`: a tar stream extracted into the container. */
export const interpretArchivePut: Interpreter = ({ req }): Interpretation => ({
  action: makeAction({
    kind: 'archive.put',
    target: routeTarget(req),
    path: queryGet(req.query, 'path'),
    copyUIDGID: queryBool(req.query, 'copyUIDGID'),
    noOverwriteDirNonDir: queryBool(req.query, 'noOverwriteDirNonDir'),
  }),
  body: stream,
  notes: [],
  normalizations: [],
})

/** `POST /images/create`: a pull (`fromImage`) or an import (`fromSrc`: `-` for the body, or a URL). */
export const interpretImageCreate: Interpreter = ({ req }): Interpretation => {
  const fromImage = queryGet(req.query, 'fromImage')
  return {
    action: makeAction({
      kind: 'image.create',
      fromImage,
      fromSrc: fromImage ? '' : queryGet(req.query, 'fromSrc'),
      repo: queryGet(req.query, 'repo'),
      tag: queryGet(req.query, 'tag'),
      platform: queryGet(req.query, 'platform'),
      changes: fromImage ? [] : (req.query.get('changes') ?? []),
    }),
    // A pull ignores the body; an import from a URL too. Only `fromSrc=-` reads it.
    body: !fromImage && queryGet(req.query, 'fromSrc') === '-' ? stream : { kind: 'none' },
    notes: [],
    normalizations: [],
  }
}
