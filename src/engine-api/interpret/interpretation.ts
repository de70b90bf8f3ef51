import type { Action } from '../../model/action.js'
import type { Mutation } from '../../model/decision.js'
import type { ClassifiedRequest } from '../classify.js'

/** How the forwarded request's body is produced once Airlock has decided. */
export type ForwardBody =
  | { kind: 'none' }
  /** Pass the client's bytes through as they stream (tar contexts, image tarballs). */
  | { kind: 'stream' }
  /** Send Airlock's own encoding of what it decoded, with the decision's mutations applied (once: it may consume the decoded body). */
  | { kind: 'encoded'; encode: (mutations: readonly Mutation[]) => Buffer }

/** A request as Airlock understands it: the action to decide on and how to forward it. */
export interface Interpretation {
  action: Action
  body: ForwardBody
  /** Things worth recording: fields dockerd ignores, compatibility normalizations. */
  notes: string[]
  /** Mutations the adapter itself made to pin down what dockerd would otherwise default differently. */
  normalizations: Mutation[]
  /** Names a spec path in the wire format (`HostConfig.Privileged`), for denial messages. */
  describePath?: (path: (string | number)[]) => string | undefined
}

/** The inputs every endpoint interpreter gets. */
export interface InterpretInput {
  req: ClassifiedRequest
  /** The whole body for json routes (undefined when the client sent none). Stream routes get undefined. */
  body: Buffer | undefined
  /** Request headers, lower-cased names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
}

export type Interpreter = (input: InterpretInput) => Interpretation

/** The route variable naming the object acted on (`name` or `id`), or ''. */
export function routeTarget(req: ClassifiedRequest): string {
  return req.vars['name'] ?? req.vars['id'] ?? ''
}
