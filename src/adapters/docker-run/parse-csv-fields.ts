import { InputError } from '../../errors.js'

/**
 * One line of comma-separated fields as Go's `encoding/csv` reads it (the docker CLI uses it for
 * `--mount` and `--gpus`): a field may be double-quoted to hold commas, `""` inside quotes is one `"`.
 *
 * @example parseCsvFields('type=bind,"src=/a,b",dst=/x') // ['type=bind', 'src=/a,b', 'dst=/x']
 */
export function parseCsvFields(line: string): string[] {
  const out: string[] = []
  let i = 0
  for (;;) {
    let field = ''
    if (line[i] === '"') {
      i++
      for (;;) {
        if (i >= line.length) throw new InputError(`extraneous or missing " in quoted-field: ${line}`)
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += line[i]
        i++
      }
      if (i < line.length && line[i] !== ',')
        throw new InputError(`extraneous or missing " in quoted-field: ${line}`)
    } else {
      const comma = line.indexOf(',', i)
      field = line.slice(i, comma < 0 ? line.length : comma)
      if (field.includes('"')) throw new InputError(`bare " in non-quoted-field: ${line}`)
      i = comma < 0 ? line.length : comma
    }
    out.push(field)
    if (i >= line.length) return out
    i++
  }
}
