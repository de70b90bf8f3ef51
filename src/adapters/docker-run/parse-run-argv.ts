import { InputError } from '../../errors.js'
import { RUN_FLAGS, type RunFlag } from './run-flags.js'

/** One option as given: its canonical name, value (`'true'`/`'false'` for booleans) and argv index. */
export interface RunOption {
  name: string
  value: string
  /** Index in argv of the option word (`--volume` or `-v/data:/data`). */
  index: number
  /** Index of the word holding the value (the option word itself, or the one after it). */
  valueIndex: number
}

/** `docker run` arguments, split as the CLI's option parser does. */
export interface ParsedRun {
  options: RunOption[]
  image: string
  imageIndex: number
  command: string[]
}

const BY_LONG = new Map<string, RunFlag>()
const BY_SHORT = new Map<string, RunFlag>()
for (const f of RUN_FLAGS) {
  BY_LONG.set(f.name, f)
  for (const l of f.long ?? []) BY_LONG.set(l, f)
  if (f.short) BY_SHORT.set(f.short, f)
}

/** Go's strconv.ParseBool, which pflag uses for `--flag=value` on booleans. */
function parseBool(flag: string, v: string): string {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return 'true'
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return 'false'
  throw new InputError(
    `invalid argument "${v}" for "${flag}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
  )
}

function shortGroup(args: readonly string[], i: number, out: RunOption[]): number {
  const arg = args[i] as string
  const chars = arg.slice(1)
  for (let j = 0; j < chars.length; j++) {
    const c = chars[j] as string
    const flag = BY_SHORT.get(c)
    if (!flag) throw new InputError(`unknown shorthand flag: '${c}' in ${arg}`)
    if (flag.bool) {
      if (chars[j + 1] === '=') {
        out.push({ name: flag.name, value: parseBool(`-${c}`, chars.slice(j + 2)), index: i, valueIndex: i })
        return i + 1
      }
      out.push({ name: flag.name, value: 'true', index: i, valueIndex: i })
      continue
    }
    if (j + 1 < chars.length) {
      const rest = chars.slice(j + 1)
      out.push({
        name: flag.name,
        value: rest.startsWith('=') ? rest.slice(1) : rest,
        index: i,
        valueIndex: i,
      })
      return i + 1
    }
    if (i + 1 >= args.length) throw new InputError(`flag needs an argument: '${c}' in ${arg}`)
    out.push({ name: flag.name, value: args[i + 1] as string, index: i, valueIndex: i + 1 })
    return i + 2
  }
  return i + 1
}

function longOption(args: readonly string[], i: number, out: RunOption[]): number {
  const arg = args[i] as string
  const eq = arg.indexOf('=')
  const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
  const flag = BY_LONG.get(name)
  if (!flag) throw new InputError(`unknown flag: --${name}`)
  if (flag.bool) {
    const value = eq < 0 ? 'true' : parseBool(`--${name}`, arg.slice(eq + 1))
    out.push({ name: flag.name, value, index: i, valueIndex: i })
    return i + 1
  }
  if (eq >= 0) {
    out.push({ name: flag.name, value: arg.slice(eq + 1), index: i, valueIndex: i })
    return i + 1
  }
  if (i + 1 >= args.length) throw new InputError(`flag needs an argument: --${name}`)
  out.push({ name: flag.name, value: args[i + 1] as string, index: i, valueIndex: i + 1 })
  return i + 2
}

/**
 * Splits the arguments of `docker run` (everything after `run`) as the docker CLI does: pflag
 * syntax (`--opt value`, `--opt=value`, `-v value`, `-v=value`, `-vvalue`, grouped booleans `-itd`,
 * `--bool=false`), options end at the first argument that is not one (the image) or at `--`, the
 * rest is the command. An option the CLI does not know is refused, naming it.
 *
 * @example parseRunArgv(['-itd', '--rm', '-p', '80:80', 'nginx', 'nginx', '-g', 'daemon off;']).image // 'nginx'
 */
export function parseRunArgv(args: readonly string[], offset = 0): ParsedRun {
  const options: RunOption[] = []
  let i = 0
  while (i < args.length) {
    const arg = args[i] as string
    if (arg === '--') {
      i++
      break
    }
    if (arg.startsWith('--')) i = longOption(args, i, options)
    else if (arg.startsWith('-') && arg !== '-') i = shortGroup(args, i, options)
    else break
  }
  if (i >= args.length) throw new InputError('"docker run" requires at least 1 argument (the image)')
  for (const o of options) {
    o.index += offset
    o.valueIndex += offset
  }
  return { options, image: args[i] as string, imageIndex: i + offset, command: args.slice(i + 1) }
}
