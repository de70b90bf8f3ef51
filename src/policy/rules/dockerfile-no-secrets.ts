import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

/** Names that hold a secret: `DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `API_KEY`, ... (not `*_FILE`, `*_PATH`). */
const SECRET_NAME =
  /(?:^|[_.-])(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRET_KEY|SECRET_ACCESS_KEY|TOKEN|AUTH_TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|CLIENT_SECRET)$/i

/** Values that are secrets whatever their name. */
const SECRET_VALUES: readonly [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/, 'a GitLab token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i, 'credentials in a URL'],
]

function valueSecret(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  return SECRET_VALUES.find(([re]) => re.test(value))?.[1]
}

export default defineRule({
  id: 'AL-0104',
  slug: 'dockerfile-no-secrets',
  title: 'Dockerfiles must not store secrets in ENV or ARG',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'dockerfile',
  description:
    'An ENV value is stored in the image configuration and an ARG value in the image history (docker history shows it for every RUN that follows): anyone who can pull the image, or read the build cache or CI logs, reads the password, token or key. The rule reports ENV variables with a secret-looking name (*_PASSWORD, *_TOKEN, *_SECRET, *_API_KEY, ...) and a value, every ARG with such a name (its value ends up in the history whether it has a default or comes from --build-arg), and any ENV or ARG value that is a secret by its shape: AWS access key ids, private key blocks, GitHub, GitLab and Slack tokens, credentials in URLs. Names that point to a secret instead of holding it (*_PASSWORD_FILE, *_TOKEN_PATH) pass.',
  remediation:
    'Pass build secrets as BuildKit secrets (RUN --mount=type=secret,id=npm_token ... with docker build --secret id=npm_token,env=NPM_TOKEN) and runtime secrets at run time (docker run -e / --env-file, compose secrets:, Kubernetes Secrets); point to files with *_FILE variables. Rotate any secret that was committed.',
  frameworks: { 'cis-docker-1.6-section-4': ['4.10'] },
  check: (model) => {
    const out: RawFinding[] = []
    for (const e of model.env) {
      const path = ['instructions', e.instruction]
      const shape = valueSecret(e.value)
      if (shape) out.push({ message: `ENV ${e.name} holds ${shape}`, path })
      else if (SECRET_NAME.test(e.name) && e.value !== undefined && e.value !== '') {
        out.push({ message: `ENV ${e.name} stores a secret-looking value in the image configuration`, path })
      }
    }
    for (const a of model.args) {
      const path = ['instructions', a.instruction]
      const shape = valueSecret(a.value)
      if (shape) out.push({ message: `ARG ${a.name} has a default that holds ${shape}`, path })
      else if (SECRET_NAME.test(a.name)) {
        const how = a.value === undefined ? 'its --build-arg value' : 'its default'
        out.push({
          message: `ARG ${a.name} looks like a secret: ${how} is recorded in the image history`,
          path,
        })
      }
    }
    return out
  },
  fixtures: {
    pass: [
      'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n',
      'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n',
      'FROM node:20\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n',
      'FROM alpine:3.20\nENV API_TOKEN=\nARG VERSION=1.2\n',
    ],
    fail: [
      'FROM postgres:16\nENV POSTGRES_PASSWORD=hunter2\n',
      'FROM node:20\nARG NPM_TOKEN\nRUN npm ci\n',
      'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n',
      'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:s3cr3t@db:5432/app\n',
      'FROM alpine:3.20\nARG DEPLOY_KEY="-----BEGIN OPENSSH PRIVATE KEY-----"\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'FROM alpine:3.20\nARG DB_PASSWORD=changeme\nENV DB_PASSWORD=${DB_PASSWORD}\n',
    ],
  },
})
