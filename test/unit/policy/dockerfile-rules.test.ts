import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { dockerfileModel } from '../../../src/adapters/dockerfile/dockerfile-model.js'
import { locateInstruction } from '../../../src/adapters/dockerfile/locate-instruction.js'
import { action } from '../../../src/model/action.js'
import { decide } from '../../../src/policy/decide.js'
import { builtinPolicy, profileMode } from '../../../src/policy/profiles.js'
import { isDockerfileRule } from '../../../src/policy/rule.js'
import { RULES } from '../../../src/policy/rules/index.js'
import { runDockerfileRules, runRules } from '../../../src/policy/runner.js'
import { DEFAULT_SETTINGS } from '../../../src/policy/settings.js'

const DIR = fileURLToPath(new URL('../../../../test/fixtures/adapters/dockerfile/', import.meta.url))
const ctx = { settings: DEFAULT_SETTINGS }

function findings(name: string) {
  const path = `${DIR}${name}`
  const { model } = dockerfileModel(path, readFileSync(path, 'utf8'))
  return runDockerfileRules(model, RULES, ctx).flatMap((o) =>
    o.findings.map((f) => {
      const loc = locateInstruction(model, f.path)
      return `${o.rule.slug} ${loc.line}:${loc.column} ${f.message}`
    }),
  )
}

describe('Dockerfile rules', () => {
  it('are AL-0100 to AL-0107, in the catalogue', () => {
    const ids = RULES.filter(isDockerfileRule).map((r) => r.id)
    assert.deepEqual(ids, [
      'AL-0100',
      'AL-0101',
      'AL-0102',
      'AL-0103',
      'AL-0104',
      'AL-0105',
      'AL-0106',
      'AL-0107',
    ])
  })

  it('find only the build-arg token in a careful multi-stage build', () => {
    assert.deepEqual(findings('api.Dockerfile'), [
      'dockerfile-no-secrets 7:1 ARG PIP_INDEX_TOKEN looks like a secret: its --build-arg value is recorded in the image history',
    ])
  })

  it('find every problem of the legacy Dockerfile, located at its instruction', () => {
    assert.deepEqual(findings('legacy.Dockerfile'), [
      'dockerfile-user-not-root 15:1 USER root runs the image as root',
      "dockerfile-healthcheck 14:1 HEALTHCHECK NONE disables the base image's health check",
      'dockerfile-no-add-url 6:1 ADD fetches https://example.com/tools/installer.tar.gz at build time without a --checksum',
      'dockerfile-base-image-pinned 1:1 base image ubuntu has no tag or digest (it means :latest)',
      'dockerfile-no-secrets 3:1 ENV DB_PASSWORD stores a secret-looking value in the image configuration',
      'dockerfile-no-secrets 3:1 ENV AWS_ACCESS_KEY_ID holds an AWS access key id',
      'dockerfile-no-secrets 5:1 ARG GITHUB_TOKEN looks like a secret: its --build-arg value is recorded in the image history',
      'dockerfile-no-sudo 8:1 RUN uses sudo: "sudo apt-get install -y openssh-server curl"',
      'dockerfile-no-sudo 10:1 RUN uses sudo: "sudo bash"',
      'dockerfile-no-ssh-port 13:1 the image exposes the SSH port (22/tcp)',
      'dockerfile-no-curl-pipe-shell 9:1 RUN pipes a download into sh: "curl -fsSL https://get.example.com/install.sh | sh"',
      'dockerfile-no-curl-pipe-shell 10:1 RUN pipes a download into bash: "wget -qO- https://example.com/setup | sudo bash"',
    ])
  })

  it('report a final stage without USER at its FROM, even when an earlier stage sets one', () => {
    const { model } = dockerfileModel(
      'Dockerfile',
      'FROM golang:1.22 AS build\nUSER 1000\nFROM gcr.io/distroless/static:nonroot\n',
    )
    const [o] = runDockerfileRules(
      model,
      RULES.filter((r) => r.slug === 'dockerfile-user-not-root'),
      ctx,
    )
    assert.deepEqual(
      o?.findings.map((f) => f.path),
      [['instructions', 2]],
    )
  })

  it('never block the proxy: decide() does not run them', () => {
    const d = decide(
      action({ kind: 'container.create', spec: { image: 'nginx:1.27.3' } }),
      builtinPolicy('restricted'),
    )
    assert.ok(!d.findings.some((f) => f.ruleId >= 'AL-0100' && f.ruleId <= 'AL-0107'))
    const outcomes = runRules(action({ kind: 'image.build' }), RULES, ctx)
    assert.ok(!outcomes.some((o) => isDockerfileRule(o.rule)))
  })

  it('take their level from the built-in profiles like every rule', () => {
    const bySlug = (slug: string) => {
      const r = RULES.find((x) => x.slug === slug)
      assert.ok(r)
      return r
    }
    assert.equal(profileMode(bySlug('dockerfile-no-secrets'), 'baseline'), 'enforce')
    assert.equal(profileMode(bySlug('dockerfile-user-not-root'), 'baseline'), 'warn')
    assert.equal(profileMode(bySlug('dockerfile-user-not-root'), 'restricted'), 'enforce')
    assert.equal(profileMode(bySlug('dockerfile-no-curl-pipe-shell'), 'restricted'), 'off')
  })

  it('report a rule that throws as an error outcome instead of throwing', () => {
    const boom = {
      ...RULES.filter(isDockerfileRule)[0],
      check: () => {
        throw new Error('boom')
      },
    }
    const { model } = dockerfileModel('Dockerfile', 'FROM x:1\n')
    const [o] = runDockerfileRules(model, [boom as never], ctx)
    assert.match(o?.error ?? '', /failed: boom/)
  })
})
