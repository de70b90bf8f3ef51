import { runProgram } from '../../model/dockerfile.js'
import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0105',
  slug: 'dockerfile-no-sudo',
  title: 'Dockerfiles should not use sudo',
  severity: 'medium',
  level: 'restricted',
  appliesTo: 'dockerfile',
  description:
    'RUN sudo means sudo is installed in the image and the build user may use it, which usually means the user the container runs as can too: any code running in the container then becomes root with one command, and USER gives no protection. Build steps that need root should run before USER switches to the unprivileged user. sudo also has unpredictable TTY and signal behaviour in builds.',
  remediation:
    'Run the privileged steps as root (before the USER instruction, or USER root ... USER app around them) and remove sudo from the image; use gosu or su-exec in an entrypoint that must drop privileges at run time.',
  frameworks: {},
  check: (model) =>
    model.runs.flatMap((run) =>
      run.commands
        .filter((c) => runProgram(c.words).wrappers.length > 0)
        .map((c) => ({
          message: `RUN uses ${runProgram(c.words).wrappers[0]}: "${c.words.join(' ')}"`,
          path: ['instructions', run.instruction],
        })),
    ),
  fixtures: {
    pass: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER app\n',
      'FROM alpine:3.20\nRUN echo "sudo is not used here" > /etc/motd\n',
    ],
    fail: [
      'FROM debian:12\nUSER app\nRUN sudo apt-get install -y curl\n',
      'FROM debian:12\nRUN apt-get update && \\\n    DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y git\n',
      'FROM debian:12\nRUN ["sudo", "make", "install"]\n',
    ],
  },
})
