import type { SourceLocation } from '../workload.js'

type Path = readonly (string | number)[]

function key(path: Path): string {
  return JSON.stringify(path)
}

/**
 * Where each part of a ContainerSpec was written, recorded by an adapter while it builds the spec:
 * `set(['mounts', 1], loc)`. `locate` answers with the longest recorded prefix of a finding's path
 * (`['mounts', 1, 'source']` falls back to `['mounts', 1]`), or the fallback (the workload itself).
 *
 * @example
 * const origins = new SpecOrigins(serviceKey)
 * origins.set(['privileged'], privilegedLine)
 * origins.locate(['privileged']) // privilegedLine
 */
export class SpecOrigins {
  private readonly map = new Map<string, SourceLocation>()

  constructor(readonly fallback: SourceLocation) {}

  set(path: Path, loc: SourceLocation | undefined): void {
    if (loc) this.map.set(key(path), loc)
  }

  has(path: Path): boolean {
    return this.map.has(key(path))
  }

  locate(path: Path): SourceLocation {
    for (let n = path.length; n > 0; n--) {
      const hit = this.map.get(key(path.slice(0, n)))
      if (hit) return hit
    }
    return this.fallback
  }
}
