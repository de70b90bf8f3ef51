import { type Command, InvalidArgumentError } from '@commander-js/extra-typings'
import { initCertificates } from '../../identity/certs/cert-authority.js'
import { issueClientCertificate } from '../../identity/certs/client-cert.js'
import type { RegisterCommand } from './index.js'

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter((v) => v !== ''),
]

function days(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError('expected a number of days')
  return Number(value)
}

/**
 * `airlock certs init|issue`: the CA and server certificate of the proxy's TLS listeners, and
 * client certificate folders the docker CLI takes as DOCKER_CERT_PATH (CN = user, O = groups,
 * OU = role:<role>).
 *
 * @example
 * airlock certs init --dir /etc/airlock/tls --san airlock.internal
 * airlock certs issue alice --group dev --dir /etc/airlock/tls --out ~alice/.docker/airlock
 */
export const registerCerts: RegisterCommand = (program: Command) => {
  const certs = program
    .command('certs')
    .description('TLS certificates for mTLS listeners (uses the openssl command)')
  certs
    .command('init')
    .description('create a CA and the server certificate (SANs: 127.0.0.1, ::1, localhost and --san)')
    .requiredOption('--dir <dir>', 'TLS dir to create (ca.pem, ca-key.pem, server-cert.pem, server-key.pem)')
    .option(
      '--san <names>',
      'more host names or IPs the proxy is reached by (comma-separated, repeatable)',
      collect,
    )
    .option('--days <n>', 'CA validity in days (server certificate: at most 825)', days)
    .option('--force', 'replace an existing CA (every client certificate must be issued again)')
    .action((opts) => {
      const { sans } = initCertificates({
        dir: opts.dir,
        ...(opts.san && { sans: opts.san }),
        ...(opts.days !== undefined && { days: opts.days }),
        ...(opts.force && { force: true }),
      })
      process.stdout.write(`CA and server certificate written to ${opts.dir} (SANs: ${sans.join(', ')})\n`)
      process.stdout.write(
        `serve them with: airlock proxy --listen tcp://127.0.0.1:2376 --tls-dir ${opts.dir}\n`,
      )
    })
  certs
    .command('issue')
    .description('issue a client certificate folder (ca.pem, cert.pem, key.pem) for DOCKER_CERT_PATH')
    .argument('<name>', 'the user: the certificate CN')
    .requiredOption('--dir <dir>', 'TLS dir with the CA (airlock certs init)')
    .option('--group <group>', 'a group: one O each (repeatable)', collect)
    .option('--role <role>', 'the role, as OU role:<role> (default: the policy default role)')
    .option('--out <dir>', 'client folder to write (default <dir>/clients/<name>)')
    .option('--days <n>', 'validity in days (default 365)', days)
    .action((name, opts) => {
      const out = issueClientCertificate({
        dir: opts.dir,
        name,
        ...(opts.group && { groups: opts.group }),
        ...(opts.role !== undefined && { role: opts.role }),
        ...(opts.out !== undefined && { out: opts.out }),
        ...(opts.days !== undefined && { days: opts.days }),
      })
      process.stdout.write(`client certificate for ${name} written to ${out}\n`)
      process.stdout.write(
        `use it with: DOCKER_HOST=tcp://127.0.0.1:2376 DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=${out} docker ps\n`,
      )
    })
}
