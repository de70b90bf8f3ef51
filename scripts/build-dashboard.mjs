#!/usr/bin/env node
// Bundles the dashboard's Preact client (src/dashboard/client/main.tsx) with esbuild into
// build/dashboard/app.js and app.css, which the dashboard app serves under /assets/. Type-checks the
// client first with its own tsconfig (DOM types), unless --no-check.
//   node scripts/build-dashboard.mjs [--no-check] [--dev]
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const client = join(root, 'src', 'dashboard', 'client')
const outdir = join(root, 'build', 'dashboard')
const args = new Set(process.argv.slice(2))

if (!args.has('--no-check')) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const r = spawnSync(process.execPath, [tsc, '-p', join(client, 'tsconfig.json')], { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error('dashboard client: type errors (see above)')
    process.exit(1)
  }
}

mkdirSync(outdir, { recursive: true })
const dev = args.has('--dev')
const result = await build({
  entryPoints: { app: join(client, 'main.tsx') },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
})
const sizes = Object.entries(result.metafile.outputs).map(
  ([file, o]) => `${file.replace(`${root}/`, '')} ${o.bytes} B`,
)
console.log(`dashboard bundle: ${sizes.join(', ')}`)
