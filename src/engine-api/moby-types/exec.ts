import { array, bool, field, ptr, slice, string, struct, uint } from '../go-json/dsl.js'

/**
 * The body of `POST /containers/{id}/exec`: `types.ExecConfig` (20.10–26), `container.ExecOptions`
 * (27–28) and `container.ExecCreateRequest` (current). `Cmd` is a plain `[]string` in every release.
 */
export const ExecConfig = struct('container.ExecOptions', [
  field('User', string),
  field('Privileged', bool),
  field('Tty', bool),
  field('ConsoleSize', ptr(array(uint, 2))),
  field('AttachStdin', bool),
  field('AttachStderr', bool),
  field('AttachStdout', bool),
  field('Detach', bool),
  field('DetachKeys', string),
  field('Env', slice(string)),
  field('WorkingDir', string),
  field('Cmd', slice(string)),
])

/** The body of `POST /exec/{id}/start`. */
export const ExecStartConfig = struct('container.ExecStartRequest', [
  field('Detach', bool),
  field('Tty', bool),
  field('ConsoleSize', ptr(array(uint, 2))),
])

/** The 20.10 name of `ExecStartConfig` (`types.ExecStartCheck`). */
export const ExecStartCheck = ExecStartConfig
