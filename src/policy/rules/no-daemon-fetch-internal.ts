import type { ActionOf } from '../../model/action.js'
import type { RawFinding } from '../../model/finding.js'
import { dockerfileRemoteSources } from '../dockerfile-text.js'
import { fetchTarget, internalHostReason } from '../fetch-url.js'
import { defineRule } from '../rule.js'

const BUILD_SCHEMES = ['http', 'https', 'git', 'ssh']
const IMPORT_SCHEMES = ['http', 'https']
const SESSION_REMOTES = ['client-session', 'upload-request']

/** Why the daemon must not fetch this remote, or undefined. */
function fetchProblem(remote: string, defaultScheme: string, schemes: readonly string[]): string | undefined {
  const target = fetchTarget(remote, defaultScheme)
  if (typeof target === 'string') return target
  if (!schemes.includes(target.scheme))
    return `uses the "${target.scheme}" scheme (allowed: ${schemes.join(', ')})`
  if (/[$]/.test(target.host)) return `has a host (${target.host}) that is a build variable`
  const internal = internalHostReason(target.host)
  return internal ? `points at the ${internal}` : undefined
}

function buildFindings(a: ActionOf<'image.build'>): RawFinding[] {
  const out: RawFinding[] = []
  if (a.remote !== '' && !SESSION_REMOTES.includes(a.remote)) {
    const problem = fetchProblem(a.remote, 'https', BUILD_SCHEMES)
    if (problem) out.push({ message: `build context ${a.remote} ${problem}`, path: ['remote'] })
  }
  for (const src of dockerfileRemoteSources(a.dockerfileText ?? '')) {
    const problem = fetchProblem(src.url, 'https', BUILD_SCHEMES)
    if (problem)
      out.push({
        message: `Dockerfile line ${src.line}: ADD ${src.url} ${problem}`,
        path: ['dockerfileText'],
      })
  }
  return out
}

export default defineRule({
  id: 'AL-0063',
  slug: 'no-daemon-fetch-internal',
  title: "The daemon must not fetch from internal addresses on a caller's behalf",
  severity: 'high',
  level: 'baseline',
  appliesTo: ['image.build', 'image.create'],
  description:
    "docker build with a remote context (a URL or git repository), ADD <url> in a Dockerfile, and docker import <url> make the daemon download from the address the caller gives, from the host's network: cloud metadata at 169.254.169.254 (instance credentials), services on the host's loopback and the private network, local files (file://), unix sockets and git remote helpers (ext::) that run commands. Addresses are recognized in every spelling the fetchers accept (127.1, 0x7f000001, [::ffff:127.0.0.1], 10.0.0.1.nip.io); public http(s), git and ssh URLs pass. Host names that resolve to internal addresses, and redirects, can only be stopped by egress filtering on the host.",
  remediation:
    'Build from a local context (docker build . ; compose: build: {context: .}) or a public repository URL, download internal artifacts in a RUN step through a proxy you control, and import images with docker load from a file rather than docker import http://... .',
  frameworks: {},
  check: (a) => {
    if (a.kind === 'image.build') return buildFindings(a)
    if (a.fromImage !== '' || a.fromSrc === '' || a.fromSrc === '-') return []
    const problem = fetchProblem(a.fromSrc, 'http', IMPORT_SCHEMES)
    return problem ? [{ message: `import source ${a.fromSrc} ${problem}`, path: ['fromSrc'] }] : []
  },
  fixtures: {
    pass: [
      { kind: 'image.build', tags: ['app:1'] },
      { kind: 'image.build', remote: 'https://github.com/moby/moby.git#master:contrib' },
      { kind: 'image.build', remote: 'git@github.com:moby/moby.git' },
      { kind: 'image.build', remote: 'github.com/docker/getting-started' },
      { kind: 'image.build', remote: 'client-session', builderVersion: '2' },
      {
        kind: 'image.build',
        dockerfileText: 'FROM alpine\nADD https://example.com/app-$VERSION.tgz /opt/\nADD ./src /src\n',
      },
      { kind: 'image.create', fromImage: 'busybox', tag: 'latest' },
      { kind: 'image.create', fromSrc: '-', repo: 'imported' },
      { kind: 'image.create', fromSrc: 'https://releases.example.com/rootfs.tar.gz' },
    ],
    fail: [
      { kind: 'image.build', remote: 'http://169.254.169.254/latest/meta-data/' },
      { kind: 'image.build', remote: 'http://127.1:2375/x.tar' },
      { kind: 'image.build', remote: 'http://0x7f000001/x.tar' },
      { kind: 'image.build', remote: 'https://[::ffff:127.0.0.1]/r.git' },
      { kind: 'image.build', remote: 'git://10.0.0.7/repo.git' },
      { kind: 'image.build', remote: 'git@192.168.1.10:team/repo.git' },
      { kind: 'image.build', remote: 'http://localhost:8080/ctx.tar' },
      { kind: 'image.build', remote: 'http://metadata.google.internal/computeMetadata/v1/' },
      { kind: 'image.build', remote: 'file:///etc/shadow' },
      { kind: 'image.build', remote: 'ext::sh -c touch% /tmp/pwned' },
      { kind: 'image.build', remote: 'http://user@evil.com@127.0.0.1/' },
      { kind: 'image.build', remote: 'https://10.0.0.1.nip.io/x.git' },
      {
        kind: 'image.build',
        dockerfileText: 'FROM alpine\nADD http://169.254.169.254/latest/meta-data/iam/ /creds\n',
      },
      { kind: 'image.build', dockerfileText: 'FROM alpine\nADD ["http://[fd00:ec2::254]/latest", "/x"]\n' },
      { kind: 'image.create', fromSrc: 'http://10.1.2.3/rootfs.tar' },
      { kind: 'image.create', fromSrc: '169.254.169.254/latest/user-data' },
      { kind: 'image.create', fromSrc: 'unix:///var/run/docker.sock' },
      { kind: 'image.create', fromSrc: 'http://2130706433/x.tar' },
    ],
  },
})
