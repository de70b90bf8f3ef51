import { makeAction } from '../../model/action.js'
import { encodeGo } from '../go-json/index.js'
import { queryGet } from '../go-query.js'
import { type GoStruct, str } from '../go-value.js'
import { Config } from '../moby-types.js'
import type { Interpretation, Interpreter } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** `POST /commit?container=...`: an image from a container, with an optional Config body and `changes`. */
export const interpretImageCommit: Interpreter = (input): Interpretation => {
  const q = input.req.query
  const base = {
    kind: 'image.commit' as const,
    target: queryGet(q, 'container'),
    repo: queryGet(q, 'repo'),
    tag: queryGet(q, 'tag'),
    changes: q.get('changes') ?? [],
  }
  if (!input.body || input.body.length === 0) {
    return { action: makeAction(base), body: { kind: 'none' }, notes: [], normalizations: [] }
  }
  const { value, unknown } = decodeBody(input, Config)
  const c = value as unknown as GoStruct
  return {
    action: makeAction({ ...base, ...(str(c['User']) !== '' && { user: str(c['User']) }) }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(Config, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}
