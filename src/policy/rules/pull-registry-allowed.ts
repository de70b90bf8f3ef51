import type { ActionOf } from '../../model/action.js'
import type { RawFinding } from '../../model/finding.js'
import { dockerfileBaseImages } from '../dockerfile-text.js'
import { registryProblem } from '../image-policy.js'
import { defineRule } from '../rule.js'

type PullAction = ActionOf<'image.create' | 'image.build' | 'plugin.pull' | 'plugin.upgrade'>

function pullFindings(a: PullAction, allowed: readonly string[]): RawFinding[] {
  const one = (image: string, path: (string | number)[], what: string): RawFinding[] => {
    const problem = registryProblem(image, allowed)
    return problem ? [{ message: `${what} ${image} ${problem}`, path }] : []
  }
  switch (a.kind) {
    case 'image.create': {
      if (a.fromImage === '') return []
      const image =
        a.tag === ''
          ? a.fromImage
          : a.tag.includes(':')
            ? `${a.fromImage}@${a.tag}`
            : `${a.fromImage}:${a.tag}`
      return one(image, ['fromImage'], 'pull of')
    }
    case 'image.build':
      return dockerfileBaseImages(a.dockerfileText ?? '', a.buildArgs).flatMap((base) => {
        if (base.image !== undefined)
          return one(base.image, ['dockerfileText'], `Dockerfile line ${base.line}: base image`)
        if (allowed.length === 0) return []
        return [
          {
            message: `Dockerfile line ${base.line}: base image ${base.written} uses a variable Airlock cannot resolve, so its registry cannot be checked`,
            path: ['dockerfileText'],
          },
        ]
      })
    default:
      return one(a.remote || (a.target ?? ''), [a.remote ? 'remote' : 'target'], 'plugin')
  }
}

export default defineRule({
  id: 'AL-0066',
  slug: 'pull-registry-allowed',
  title: 'Pulls should come from allowed registries only',
  severity: 'medium',
  level: 'optional',
  appliesTo: ['image.create', 'image.build', 'plugin.pull', 'plugin.upgrade'],
  description:
    'The companion of AL-0064 for what the daemon pulls without creating a container: docker pull, the base images a Dockerfile names (when the proxy could read the Dockerfile; ARG defaults and build args are substituted), and plugins, which run as root. With settings.allowedRegistries set, each must come from an allowed registry; references dockerd cannot parse are always refused.',
  remediation:
    'Pull from an allowed registry (docker pull registry.example.com/team/app:1.4; FROM registry.example.com/base/alpine:3.20; compose: image:), mirror the image there, or add its registry to allowedRegistries.',
  frameworks: {},
  check: (a, { settings }) => pullFindings(a, settings.allowedRegistries),
  fixtures: {
    pass: [
      { kind: 'image.create', fromImage: 'busybox', tag: '1.36' },
      { kind: 'image.create', fromSrc: '-', repo: 'imported' },
      {
        kind: 'image.build',
        dockerfileText: 'ARG BASE=alpine:3.20\nFROM $BASE AS build\nFROM build\nFROM scratch\n',
      },
      { kind: 'plugin.pull', remote: 'vieux/sshfs:latest' },
    ],
    fail: [
      { kind: 'image.create', fromImage: 'Busybox' },
      { kind: 'image.build', dockerfileText: 'FROM Alpine:3.20\n' },
      { kind: 'plugin.upgrade', target: 'sshfs', remote: 'vieux/SSHFS' },
    ],
  },
})
