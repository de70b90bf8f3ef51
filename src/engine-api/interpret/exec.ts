import { InputError } from '../../errors.js'
import { makeAction } from '../../model/action.js'
import { encodeGo } from '../go-json/index.js'
import { bool, type GoStruct, str, strList } from '../go-value.js'
import { ExecConfig, ExecStartCheck } from '../moby-types.js'
import { type Interpretation, type Interpreter, routeTarget } from './interpretation.js'
import { decodeBody, unknownNotes } from './json-body.js'

/** `POST /containers/{name}/exec`: a new process in a running container, maybe privileged, maybe root. */
export const interpretExecCreate: Interpreter = (input): Interpretation => {
  const { value, unknown } = decodeBody(input, ExecConfig)
  const e = value as unknown as GoStruct
  const cmd = strList(e['Cmd'])
  if (cmd.length === 0) throw new InputError('No exec command specified')
  return {
    action: makeAction({
      kind: 'exec.create',
      target: routeTarget(input.req),
      user: str(e['User']),
      privileged: bool(e['Privileged']),
      cmd,
      env: strList(e['Env']),
      workingDir: str(e['WorkingDir']),
      tty: bool(e['Tty']),
    }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(ExecConfig, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}

/** `POST /exec/{id}/start`: starts a created exec; the body only says detach/tty. */
export const interpretExecStart: Interpreter = (input): Interpretation => {
  const target = routeTarget(input.req)
  if (!input.body || input.body.length === 0) {
    return {
      action: makeAction({ kind: 'exec.start', target }),
      body: { kind: 'none' },
      notes: [],
      normalizations: [],
    }
  }
  const { value, unknown } = decodeBody(input, ExecStartCheck)
  return {
    action: makeAction({ kind: 'exec.start', target }),
    body: { kind: 'encoded', encode: () => Buffer.from(encodeGo(ExecStartCheck, value)) },
    notes: unknownNotes(unknown),
    normalizations: [],
  }
}
