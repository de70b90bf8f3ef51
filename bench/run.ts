import { readdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** A benchmark module: `bench/<name>.ts` exporting `run()`. */
interface BenchModule {
  run?: () => unknown
}

/**
 * `npm run bench`: imports every module in bench/ (compiled to build/bench/) and runs its exported
 * `run()`, one after the other, in name order. `node build/bench/run.js proxy audit` runs only those.
 *
 * @example node build/bench/run.js           # all of them
 */
export async function runAll(only: readonly string[] = []): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url))
  const names = readdirSync(here)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .map((f) => basename(f, '.js'))
    .filter((n) => only.length === 0 || only.includes(n))
    .sort()
  for (const name of names) {
    const mod = (await import(pathToFileURL(join(here, `${name}.js`)).href)) as BenchModule
    if (typeof mod.run !== 'function') continue
    process.stdout.write(`\n== bench/${name} ==\n`)
    const t0 = Date.now()
    await mod.run()
    process.stdout.write(`(bench/${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runAll(process.argv.slice(2))
}
