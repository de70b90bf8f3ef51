import { defineRule } from '../rule.js'

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i

export default defineRule({
  id: 'AL-0102',
  slug: 'dockerfile-no-add-url',
  title: 'Dockerfiles should not ADD remote URLs without a checksum',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'dockerfile',
  description:
    "ADD <url> makes the builder, which runs in the daemon, download whatever the URL serves at build time into the image, unverified: a compromised or hijacked server, a redirect or a DNS change puts other code in the image, and the fetch comes from the daemon host's network (internal services and cloud metadata included). ADD --checksum=sha256:... pins the content; COPY of a file fetched and verified beforehand, or a download verified in a RUN step, is the CIS recommendation.",
  remediation:
    'Pin the download: ADD --checksum=sha256:<digest> https://... /dst, or fetch and verify it explicitly: RUN curl -fsSLo /tmp/x.tgz https://... && echo "<sha256>  /tmp/x.tgz" | sha256sum -c -. Use COPY for local files.',
  frameworks: { 'cis-docker-1.6-section-4': ['4.9'] },
  check: (model) =>
    model.adds.flatMap((add) => {
      if (add.checksum !== undefined && add.checksum !== '') return []
      return add.sources
        .filter((src) => REMOTE.test(src))
        .map((src) => ({
          message: `ADD fetches ${src} at build time without a --checksum`,
          path: ['instructions', add.instruction],
        }))
    }),
  fixtures: {
    pass: [
      'FROM alpine:3.20\nCOPY app.tar.gz /opt/\n',
      'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/app.tar.gz /opt/\n',
      'FROM alpine:3.20\nADD rootfs.tar.gz /\n',
    ],
    fail: [
      'FROM alpine:3.20\nADD https://example.com/app.tar.gz /opt/\n',
      'FROM alpine:3.20\nADD ["http://169.254.169.254/latest/meta-data/", "/meta"]\n',
      'FROM alpine:3.20\nADD git@github.com:example/tools.git /tools\n',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
      'ARG MIRROR=https://mirror.example.com\nFROM alpine:3.20\nARG MIRROR\nADD ${MIRROR}/tool /usr/local/bin/tool\n',
    ],
  },
})
