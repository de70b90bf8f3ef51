import { parseDockerRun } from '../../adapters/docker-run/docker-run-to-spec.js'
import { splitDockerCommand } from '../../adapters/docker-run/split-docker-command.js'
import { InputError } from '../../errors.js'
import { makeAction } from '../../model/action.js'
import { decide } from '../../policy/decide.js'
import type { Policy } from '../../policy/policy.js'
import { type CheckOutput, checkOutput } from './check-output.js'

/**
 * Evaluates a `docker run` / `docker create` command line as the proxy will judge the create request
 * it becomes: parsed into the same ContainerSpec (relative `-v` sources against the working
 * directory), decided with the policy's secure defaults, each finding located by the arguments that
 * asked for it (`-v /:/host`, `--privileged`).
 *
 * @example checkDockerRun(['docker', 'run', '--privileged', 'alpine'], builtinPolicy('baseline')).findings[0]?.path // '--privileged'
 */
export function checkDockerRun(argv: readonly string[], policy: Policy, cwd = process.cwd()): CheckOutput {
  if (!splitDockerCommand(argv))
    throw new InputError(
      `expected a docker run or docker create command line after --, got "${argv.slice(0, 3).join(' ')}"`,
    )
  const parsed = parseDockerRun(argv, { cwd })
  const action = makeAction({ kind: 'container.create', spec: parsed.spec })
  const describePath = (path: (string | number)[]): string => {
    const specPath = path[0] === 'spec' ? path.slice(1) : path
    let best: { from: number; to: number; length: number } | undefined
    for (const o of parsed.origins) {
      const n = o.path.length
      if (n > specPath.length || (best && n <= best.length)) continue
      if (o.path.every((k, i) => k === specPath[i])) best = { from: o.from, to: o.to, length: n }
    }
    if (best) return argv.slice(best.from, best.to + 1).join(' ')
    return specPath.length ? specPath.join('.') : 'the command line'
  }
  const decision = decide(action, policy, { describePath })
  return checkOutput('container.create', decision, { describePath })
}
