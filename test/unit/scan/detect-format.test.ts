import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { detectFormat, isDockerfileName } from '../../../src/scan/detect-format.js'

describe('detectFormat', () => {
  const cases: [string, string, ReturnType<typeof detectFormat>][] = [
    ['app.yml', 'services:\n  web:\n    image: nginx\n', { format: 'compose' }],
    ['any-name.yaml', '# comment\nservices:\n\n  # c\n  db:\n    image: postgres\n', { format: 'compose' }],
    ['flow.yaml', 'services: {web: {image: nginx}}\n', { format: 'compose' }],
    [
      '.gitlab-ci.yml',
      'services:\n  - docker:dind\nbuild:\n  script:\n    - docker run --rm app test\n',
      { format: 'docker-run' },
    ],
    ['deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n', { format: 'kubernetes' }],
    [
      'multi.yaml',
      '---\napiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Pod\n',
      { format: 'kubernetes' },
    ],
    ['values.yaml', 'image: nginx\nreplicas: 2\n', undefined],
    ['Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.0.0\n', undefined],
    [
      'ci.yml',
      'jobs:\n  test:\n    steps:\n      - run: docker container run app\n',
      { format: 'docker-run' },
    ],
    ['pod.json', '{"apiVersion": "v1", "kind": "Pod", "spec": {}}', { format: 'kubernetes' }],
    ['compose.json', '{"services": {"web": {"image": "nginx"}}}', { format: 'compose' }],
    ['package.json', '{"name": "x", "services": ["a"]}', undefined],
    ['Dockerfile', 'FROM alpine\n', { format: 'dockerfile' }],
    ['Dockerfile.prod', 'FROM alpine\n', { format: 'dockerfile' }],
    ['api.Dockerfile', 'FROM alpine\n', { format: 'dockerfile' }],
    ['Containerfile', 'FROM alpine\n', { format: 'dockerfile' }],
    ['build-image', '# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:$V\n', { format: 'dockerfile' }],
    ['notes', 'From here on we talk\n', undefined],
    ['deploy.sh', '#!/bin/bash\nset -e\ndocker run -d --name web nginx\n', { format: 'docker-run' }],
    ['tool', '#!/usr/bin/env bash\ndocker create app\n', { format: 'docker-run' }],
    ['Makefile', 'run:\n\tdocker run --rm app\n', { format: 'docker-run' }],
    ['rules.mk', 'x:\n\techo hi\n', undefined],
    ['Jenkinsfile', "sh 'docker run app'\n", { format: 'docker-run' }],
    ['README.md', 'docker run --privileged x\n', undefined],
    ['main.go', 'exec.Command("docker", "run")\n// docker run x\n', undefined],
  ]
  for (const [file, text, expected] of cases) {
    it(`${file} → ${expected ? JSON.stringify(expected) : 'nothing'}`, () => {
      assert.deepEqual(detectFormat(`/repo/${file}`, text), expected)
    })
  }

  it('skips Helm templates with a reason instead of reporting parse errors', () => {
    const d = detectFormat(
      '/c/templates/d.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n',
    )
    assert.ok(d && 'skip' in d)
    assert.match(d.skip, /helm template/)
  })

  it('keeps Go templates inside quoted compose values', () => {
    const text = 'services:\n  web:\n    logging:\n      options:\n        tag: "{{.Name}}"\n'
    assert.deepEqual(detectFormat('/r/compose.yaml', text), { format: 'compose' })
  })

  it('recognizes Dockerfile names', () => {
    for (const n of ['Dockerfile', 'dockerfile', 'Dockerfile-dev', 'x.dockerfile', 'Containerfile.arm'])
      assert.equal(isDockerfileName(n), true, n)
    for (const n of [
      'Dockerfiles.md',
      'mydockerfile',
      'docker-compose.yml',
      'dockerfile-model.ts',
      'Dockerfile.md',
    ])
      assert.equal(isDockerfileName(n), false, n)
  })
})
