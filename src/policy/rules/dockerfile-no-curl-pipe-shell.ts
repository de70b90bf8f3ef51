import { runProgram } from '../../model/dockerfile.js'
import type { RawFinding } from '../../model/finding.js'
import { defineRule } from '../rule.js'

const FETCHERS = new Set(['curl', 'wget', 'fetch'])
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'ash',
  'dash',
  'zsh',
  'ksh',
  'python',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
])
const FETCH_IN_WORD = /(?:\$\(|`|<\()\s*(?:[^\s()`]*\/)?(?:curl|wget)\b/

export default defineRule({
  id: 'AL-0107',
  slug: 'dockerfile-no-curl-pipe-shell',
  title: 'Dockerfiles should not pipe downloads into a shell',
  severity: 'medium',
  level: 'optional',
  appliesTo: 'dockerfile',
  description:
    'RUN curl ... | sh (or wget -O- | bash, sh -c "$(curl ...)", bash <(curl ...)) runs whatever the server returns at build time, unverified: a compromised server, a hijacked domain or a truncated download executes in the build and ends up in the image. Install scripts are also hard to review and change under the same URL. The rule is optional because many vendors document this install method; turn it on where builds must be reproducible and verified.',
  remediation:
    'Download to a file, verify it (sha256sum -c, or gpg --verify with the vendor key), then run it: RUN curl -fsSLo /tmp/install.sh https://... && echo "<sha256>  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh. Prefer the distribution package or a pinned release artifact.',
  frameworks: { 'cis-docker-1.6-section-4': ['4.11'] },
  check: (model) => {
    const out: RawFinding[] = []
    for (const run of model.runs) {
      const path = ['instructions', run.instruction]
      run.commands.forEach((c, i) => {
        const p = runProgram(c.words)
        const next = run.commands[i + 1]
        if (
          FETCHERS.has(p.program) &&
          c.next === '|' &&
          next &&
          INTERPRETERS.has(runProgram(next.words).program)
        ) {
          out.push({
            message: `RUN pipes a download into ${runProgram(next.words).program}: "${c.words.join(' ')} | ${next.words.join(' ')}"`,
            path,
          })
        } else if (INTERPRETERS.has(p.program) && c.words.some((w) => FETCH_IN_WORD.test(w))) {
          out.push({
            message: `RUN runs a downloaded script with ${p.program}: "${c.words.join(' ')}"`,
            path,
          })
        }
      })
    }
    return out
  },
  fixtures: {
    pass: [
      'FROM alpine:3.20\nRUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && echo "abc  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\n',
      'FROM alpine:3.20\nRUN curl -fsSL https://example.com/data.json | jq .version\n',
    ],
    fail: [
      'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com/install.sh | sh\n',
      'FROM debian:12\nRUN wget -qO- https://example.com/setup | sudo -E bash -\n',
      'FROM debian:12\nRUN sh -c "$(curl -fsSL https://example.com/install.sh)"\n',
      'FROM debian:12\nRUN bash <(curl -s https://example.com/install.sh)\n',
    ],
  },
})
