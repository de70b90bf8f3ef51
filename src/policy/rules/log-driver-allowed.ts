import { defineRule } from '../rule.js'

export default defineRule({
  id: 'AL-0060',
  slug: 'log-driver-allowed',
  title: 'Containers must use an allowed logging driver',
  severity: 'high',
  level: 'baseline',
  appliesTo: 'container',
  description:
    "Logging drivers run inside the root daemon. syslog, gelf, fluentd, splunk, awslogs, gcplogs and logentries make it connect to an address the caller chooses (syslog-address=tcp://169.254.169.254:80, fluentd-address=unix:///var/run/...), from the host's network and with the host's cloud credentials, and stream the container's output there: server-side request forgery and data exfiltration by the daemon. Only drivers in settings.allowedLogDrivers (json-file, local, journald, none and the daemon default) pass.",
  remediation:
    'Remove --log-driver and its --log-opt address (compose: logging: {driver: syslog, options: {syslog-address: ...}}); keep the default driver and ship logs from the host with a collector the administrator runs, or have the driver added to allowedLogDrivers.',
  frameworks: {},
  check: (spec, { settings }) => {
    const { type, config } = spec.logConfig
    if (settings.allowedLogDrivers.includes(type)) return []
    const target = Object.entries(config).find(([k]) => /(address|url|endpoint|host)$/i.test(k))
    const to = target ? `: the daemon would send logs to ${target[0]}=${target[1]}` : ''
    return [{ message: `logging driver "${type}" is not allowed${to}`, path: ['logConfig', 'type'] }]
  },
  fixtures: {
    pass: [
      {},
      { logConfig: { type: 'json-file', config: { 'max-size': '10m', 'max-file': '3' } } },
      { logConfig: { type: 'local' } },
      { logConfig: { type: 'journald', config: { tag: 'web' } } },
      { logConfig: { type: 'none' } },
    ],
    fail: [
      { logConfig: { type: 'syslog', config: { 'syslog-address': 'tcp://169.254.169.254:80' } } },
      { logConfig: { type: 'gelf', config: { 'gelf-address': 'udp://10.0.0.1:12201' } } },
      { logConfig: { type: 'fluentd', config: { 'fluentd-address': 'unix:///var/run/docker.sock' } } },
      { logConfig: { type: 'splunk', config: { 'splunk-url': 'https://splunk.example.com:8088' } } },
      { logConfig: { type: 'awslogs' } },
      { logConfig: { type: 'JSON-FILE' } },
    ],
  },
})
