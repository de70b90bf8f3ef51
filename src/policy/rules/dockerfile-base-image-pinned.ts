import { isImageId, parseImageReference } from '../image-reference.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0103',
  slug: 'dockerfile-base-image-pinned',
  title: 'Base images should be pinned to a version or digest',
  severity: 'low',
  level: 'restricted',
  appliesTo: 'dockerfile',
  description:
    'A FROM without a tag, or with latest, builds on whatever was pushed last: two builds of the same commit get different base images, a rollback cannot rebuild what ran before, and a compromised upstream push is picked up by the next build. A version tag makes the base reviewable, a digest (@sha256:...) makes it immutable. ARG defaults are substituted before the check; a FROM whose variable has no default is left alone, as are scratch and earlier stages.',
  remediation:
    'Name a version or digest: FROM python:3.12.4-slim or FROM python:3.12-slim@sha256:<digest> (let a bot such as Renovate or Dependabot bump it).',
  frameworks: { 'cis-docker-1.6-section-4': ['4.2'] },
  check: (model) =>
    model.stages.flatMap((stage) => {
      const image = stage.image
      if (stage.fromStage !== undefined || image === undefined || image.toLowerCase() === 'scratch') return []
      if (isImageId(image)) return []
      const ref = parseImageReference(image)
      if (!ref || ref.digest !== undefined) return []
      const path = ['instructions', stage.instruction]
      if (ref.tag === undefined)
        return [{ message: `base image ${image} has no tag or digest (it means :latest)`, path }]
      if (ref.tag === 'latest') return [{ message: `base image ${image} uses the moving tag latest`, path }]
      return []
    }),
  fixtures: {
    pass: [
      'FROM python:3.12.4-slim\n',
      'FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'ARG VERSION=1.22\nFROM golang:${VERSION} AS build\nFROM scratch\nCOPY --from=build /app /app\n',
      'FROM node:20.15 AS deps\nFROM deps AS build\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'ARG BASE\nFROM ${BASE}\n',
    ],
    fail: [
      'FROM ubuntu\n',
      'FROM node:latest AS build\nFROM build\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'ARG TAG=latest\nFROM registry.example.com/team/base:${TAG}\n',
      'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static\n',
    ],
  },
})
