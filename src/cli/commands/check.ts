import { readFileSync } from 'node:fs'
import { Option } from '@commander-js/extra-typings'
import Table from 'cli-table3'
import pc from 'picocolors'
import { splitDockerCommand } from '../../adapters/docker-run/split-docker-command.js'
import { classifyRequest } from '../../engine-api/classify.js'
import { interpretRequest } from '../../engine-api/interpret/index.js'
import { AirlockError, errorMessage, InputError } from '../../errors.js'
import type { Decision } from '../../model/decision.js'
import { decide } from '../../policy/decide.js'
import { CliExit, EXIT } from '../exit.js'
import { checkDockerRun } from './check-docker-run.js'
import { type CheckOutput, checkOutput, checkPolicy } from './check-output.js'
import type { RegisterCommand } from './index.js'

function readInput(file: string | undefined): Buffer | undefined {
  if (file === undefined && process.stdin.isTTY) return undefined
  try {
    return readFileSync(file === undefined || file === '-' ? 0 : file)
  } catch (err) {
    throw new InputError(`cannot read ${file ?? 'standard input'}: ${errorMessage(err)}`)
  }
}

function parseEndpoint(endpoint: string): { method: string; target: string } {
  const m = /^\s*([A-Z]+)\s+(\/\S*)\s*$/.exec(endpoint)
  if (!m) throw new InputError(`--endpoint must look like "POST /v1.41/containers/create", got "${endpoint}"`)
  return { method: m[1] as string, target: m[2] as string }
}

/**
 * Evaluates one Engine API request exactly as the proxy will: classify, decode, decide.
 *
 * @example checkRequest('POST /v1.41/containers/create', Buffer.from('{"Image":"alpine","HostConfig":{"Privileged":true}}')).allowed // false
 */
export function checkRequest(
  endpoint: string,
  body: Buffer | undefined,
  policyFile?: string,
  profile?: 'baseline' | 'restricted',
): CheckOutput {
  const { method, target } = parseEndpoint(endpoint)
  const policy = checkPolicy(policyFile, profile)
  let interp: ReturnType<typeof interpretRequest>
  try {
    const req = classifyRequest(method, target)
    interp = interpretRequest({
      req,
      body,
      headers: body?.length ? { 'content-type': 'application/json' } : {},
    })
  } catch (err) {
    if (err instanceof AirlockError) throw new InputError(`${method} ${target}: ${err.message}`)
    throw err
  }
  const decision: Decision = decide(interp.action, policy, {
    ...(interp.describePath && { describePath: interp.describePath }),
  })
  return checkOutput(interp.action.kind, decision, {
    ...(interp.describePath && { describePath: interp.describePath }),
    normalizations: interp.normalizations,
    notes: interp.notes,
  })
}

function printTable(out: CheckOutput): void {
  const color = process.stdout.isTTY && !process.env['NO_COLOR']
  const paint = (s: string, f: (x: string) => string) => (color ? f(s) : s)
  process.stdout.write(
    `${out.allowed ? paint('ALLOWED', pc.green) : paint('DENIED', pc.red)} ${out.action}: ${out.message}\n`,
  )
  if (out.findings.length) {
    const t = new Table({
      head: ['rule', 'severity', 'result', 'where', 'finding'],
      style: { head: color ? ['bold'] : [], border: [] },
      wordWrap: true,
    })
    for (const f of out.findings)
      t.push([
        `${f.ruleId} ${f.slug}`,
        f.severity,
        f.waivedBy ? `waived (${f.waivedBy})` : f.result,
        f.path,
        f.message,
      ])
    process.stdout.write(`${t.toString()}\n`)
  }
  for (const m of out.mutations)
    process.stdout.write(`mutation: ${m.path} = ${JSON.stringify(m.value)} (${m.reason})\n`)
  for (const n of out.notes) process.stdout.write(`note: ${n}\n`)
}

export const registerCheck: RegisterCommand = (program) => {
  program
    .command('check')
    .description(
      'Evaluate one Docker Engine API request body exactly as the proxy will (exit 0 allowed, 1 denied, 2 bad input)',
    )
    .argument(
      '[input...]',
      'request body (JSON file; "-" or omitted reads standard input), or after --, a docker run|create command line',
    )
    .option('--endpoint <request>', 'method and path of the request', 'POST /v1.41/containers/create')
    .option('--policy <file>', 'policy file (default: the built-in baseline policy)')
    .addOption(
      new Option('--profile <profile>', 'built-in profile when no --policy is given').choices([
        'baseline',
        'restricted',
      ] as const),
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json'] as const)
        .default('table' as const),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  airlock check body.json --endpoint "POST /v1.41/containers/create"\n  airlock check -- docker run --privileged -v /:/host alpine sh',
    )
    .action((input, opts) => {
      const out =
        input.length > 1 || (input[0] !== undefined && splitDockerCommand(input) !== undefined)
          ? checkDockerRun(input, checkPolicy(opts.policy, opts.profile))
          : checkRequest(opts.endpoint, readInput(input[0]), opts.policy, opts.profile)
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
      else printTable(out)
      if (!out.allowed) throw new CliExit(EXIT.denied)
    })
}
