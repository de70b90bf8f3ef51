import assert from 'node:assert/strict'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { composeProjects } from '../../../src/scan/compose-projects.js'
import { discoverFiles } from '../../../src/scan/discover-files.js'
import { createPathFilter } from '../../../src/scan/path-filter.js'
import { displayPath, scanRoot } from '../../../src/scan/scan-root.js'
import { tempDir } from '../../helpers/temp-dir.js'

describe('file discovery', () => {
  const work = tempDir('discover')
  const repo = join(work.path, 'repo')
  const put = (rel: string, text = 'x') => {
    mkdirSync(dirname(join(repo, rel)), { recursive: true })
    writeFileSync(join(repo, rel), text)
  }
  before(() => {
    mkdirSync(join(repo, '.git', 'info'), { recursive: true })
    writeFileSync(join(repo, '.git', 'info', 'exclude'), 'local-only/\n')
    put('.gitignore', '*.log\nbuild/\n!keep/\n')
    put('a.yaml')
    put('debug.log')
    put('build/out.yaml')
    put('local-only/x.yaml')
    put('deploy/.gitignore', 'secret.yaml\n!important.log\n')
    put('deploy/app.yaml')
    put('deploy/secret.yaml')
    put('deploy/important.log')
    put('deploy/sub/other.yaml')
    put('vendor/lib.yaml')
    put('.git/config')
    symlinkSync(join(repo, 'deploy'), join(repo, 'loop'))
  })
  after(() => work.remove())

  const rel = (files: string[]) => files.map((f) => displayPath(f, repo))

  it('respects nested .gitignore files with git precedence, .git/info/exclude, and extra patterns', () => {
    const files = discoverFiles([{ path: repo, isDirectory: true }], createPathFilter(repo, ['vendor/']))
    assert.deepEqual(rel(files), [
      '.gitignore',
      'a.yaml',
      'deploy/.gitignore',
      'deploy/app.yaml',
      'deploy/important.log',
      'deploy/sub/other.yaml',
    ])
  })

  it('applies the .gitignore files above the scan root inside the work tree', () => {
    const sub = join(repo, 'deploy')
    const files = discoverFiles([{ path: sub, isDirectory: true }], createPathFilter(sub))
    assert.deepEqual(rel(files), [
      'deploy/.gitignore',
      'deploy/app.yaml',
      'deploy/important.log',
      'deploy/sub/other.yaml',
    ])
  })

  it('walks a directory named explicitly even when a .gitignore above excludes it, with its own .gitignore', () => {
    const ignoredDir = join(repo, 'build')
    writeFileSync(join(ignoredDir, '.gitignore'), 'skip.yaml\n')
    writeFileSync(join(ignoredDir, 'skip.yaml'), 'x')
    const files = discoverFiles(
      [{ path: ignoredDir, isDirectory: true }],
      createPathFilter(ignoredDir, [], [ignoredDir]),
    )
    assert.deepEqual(rel(files), ['build/.gitignore', 'build/out.yaml'])
    const walked = discoverFiles([{ path: repo, isDirectory: true }], createPathFilter(repo, [], [repo]))
    assert.ok(
      !rel(walked).some((f) => f.startsWith('build/')),
      'still excluded when only its parent is named',
    )
  })

  it('always includes files named explicitly', () => {
    const file = join(repo, 'debug.log')
    assert.deepEqual(discoverFiles([{ path: file, isDirectory: false }], createPathFilter(repo)), [file])
  })

  it('roots the scan at the deepest common directory', () => {
    assert.equal(
      scanRoot(
        [
          { path: 'deploy/k8s', isDirectory: true },
          { path: 'deploy/compose.yaml', isDirectory: false },
        ],
        '/repo',
      ),
      '/repo/deploy',
    )
    assert.equal(
      scanRoot(
        [
          { path: 'a/x.yaml', isDirectory: false },
          { path: 'b', isDirectory: true },
        ],
        '/repo',
      ),
      '/repo',
    )
    assert.equal(scanRoot([], '/repo'), '/repo')
    assert.equal(displayPath('/elsewhere/x.yaml', '/repo'), '/elsewhere/x.yaml')
    assert.equal(displayPath('docker://web', '/repo'), 'docker://web')
  })
})

describe('compose projects', () => {
  it('merges the default file with its override and scans the others alone', () => {
    assert.deepEqual(
      composeProjects([
        '/a/compose.yaml',
        '/a/compose.override.yaml',
        '/a/docker-compose.yml',
        '/a/prod.yml',
        '/b/docker-compose.yml',
        '/b/docker-compose.override.yml',
        '/c/docker-compose.override.yml',
      ]),
      [
        ['/a/compose.yaml', '/a/compose.override.yaml'],
        ['/a/docker-compose.yml'],
        ['/a/prod.yml'],
        ['/b/docker-compose.yml', '/b/docker-compose.override.yml'],
        ['/c/docker-compose.override.yml'],
      ],
    )
  })
})
