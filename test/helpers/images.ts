import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeBusyboxRootfs } from './busybox-rootfs.js'
import { docker } from './docker-cli.js'
import { engineRequest } from './engine-request.js'
import { runProcess } from './run-process.js'
import { which } from './which.js'

/** The image every test uses: static busybox, `CMD ["sh"]`, `PATH=/bin`. Nothing is ever pulled. */
export const BUSYBOX_IMAGE = 'airlock-test/busybox:1'

/**
 * The id of image `ref` on the daemon at `dockerHost`, or `undefined` when it has none.
 *
 * @example
 * await imageId(daemon.host, BUSYBOX_IMAGE) // 'sha256:3618e3…'
 */
export async function imageId(dockerHost: string, ref: string): Promise<string | undefined> {
  const res = await engineRequest(dockerHost, { path: `/images/${ref}/json` })
  if (res.status === 404) return undefined
  if (res.status !== 200) throw new Error(`GET /images/${ref}/json: ${res.status} ${res.text}`)
  return (JSON.parse(res.text) as { Id: string }).Id
}

function fail(what: string, r: { code: number | null; stdout: string; stderr: string }): never {
  throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr || r.stdout}`)
}

/**
 * Makes sure {@link BUSYBOX_IMAGE} exists on the daemon, importing it from the host's static
 * busybox (`$AIRLOCK_TEST_BUSYBOX`, else `busybox` on PATH) when missing. Idempotent; returns the
 * image id.
 *
 * @example
 * await ensureBusyboxImage(daemon.host)
 * await docker(['run', '--rm', BUSYBOX_IMAGE, 'true'], { host: daemon.host })
 */
export async function ensureBusyboxImage(dockerHost: string): Promise<string> {
  const existing = await imageId(dockerHost, BUSYBOX_IMAGE)
  if (existing !== undefined) return existing
  const busybox = process.env['AIRLOCK_TEST_BUSYBOX'] || which('busybox')
  if (busybox === undefined) throw new Error('busybox not found: run scripts/install-test-deps.sh (as root)')
  const work = mkdtempSync(join(tmpdir(), 'airlock-busybox-'))
  try {
    const rootfs = join(work, 'rootfs')
    const tarball = join(work, 'rootfs.tar')
    writeBusyboxRootfs(rootfs, busybox)
    const tarArgs = ['--owner=0', '--group=0', '--numeric-owner', '--sort=name', '--mtime=@0']
    const tar = await runProcess('tar', [...tarArgs, '-C', rootfs, '-cf', tarball, '.'])
    if (tar.code !== 0) fail('tar of the busybox rootfs', tar)
    const changes = ['--change', 'CMD ["sh"]', '--change', 'ENV PATH=/bin']
    const r = await docker(['import', ...changes, tarball, BUSYBOX_IMAGE], {
      host: dockerHost,
      timeoutMs: 120_000,
    })
    if (r.code !== 0) fail(`docker import ${BUSYBOX_IMAGE}`, r)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const id = await imageId(dockerHost, BUSYBOX_IMAGE)
  if (id === undefined) throw new Error(`${BUSYBOX_IMAGE} is missing right after docker import`)
  return id
}

/**
 * Builds `dir` (its Dockerfile) with the classic builder (DOCKER_BUILDKIT=0: no BuildKit, no
 * registry) and tags it `tag`. Returns the image id; throws with the build output on failure.
 *
 * @example
 * writeFileSync(join(dir, 'Dockerfile'), `FROM ${BUSYBOX_IMAGE}\nRUN echo built > /built\n`)
 * const id = await buildImage(daemon.host, dir, uniqueName('img') + ':1')
 */
export async function buildImage(
  dockerHost: string,
  dir: string,
  tag: string,
  opts: { buildArgs?: Readonly<Record<string, string>>; timeoutMs?: number } = {},
): Promise<string> {
  const buildArgs = Object.entries(opts.buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`])
  const r = await docker(['build', '-t', tag, ...buildArgs, dir], {
    host: dockerHost,
    env: { DOCKER_BUILDKIT: '0' },
    timeoutMs: opts.timeoutMs ?? 120_000,
  })
  if (r.code !== 0) fail(`docker build -t ${tag} ${dir}`, r)
  const id = await imageId(dockerHost, tag)
  if (id === undefined) throw new Error(`${tag} is missing right after docker build`)
  return id
}
