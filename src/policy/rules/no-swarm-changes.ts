import { defineRule } from '../rule.js'

const WHAT: Record<string, string> = {
  'swarm.init': 'turns this daemon into a swarm manager listening on a cluster port',
  'swarm.join': 'joins this daemon to a swarm whose managers can then schedule any container on it',
  'swarm.update': 'changes the swarm configuration (certificates, autolock, join tokens)',
  'swarm.leave': 'removes this node from its swarm',
  'swarm.unlock': 'unlocks a locked swarm manager with a key',
  'swarm.unlockkey': "reveals the key that decrypts the swarm managers' raft data",
}

export default defineRule({
  id: 'AL-0073',
  slug: 'no-swarm-changes',
  title: 'Callers should not change swarm mode',
  severity: 'high',
  level: 'restricted',
  appliesTo: [
    'swarm.inspect',
    'swarm.init',
    'swarm.join',
    'swarm.update',
    'swarm.leave',
    'swarm.unlock',
    'swarm.unlockkey',
  ],
  description:
    "Swarm mode opens management and data ports (2377, 7946, 4789) and lets swarm managers run any service on the node: a daemon joined to a swarm its attacker controls runs their privileged services without going through this gate. Initializing, joining, leaving, updating or unlocking a swarm, and reading its unlock key, is an administrator's business, not a workload's; inspecting the swarm passes.",
  remediation:
    'Have an administrator run docker swarm init/join/update/leave/unlock on the host; workloads only need service and stack commands on an existing swarm.',
  frameworks: { 'cis-docker-1.6': ['5.1'] },
  // ActionOf<'swarm.init'> is never (plain kinds share one schema), so the subject is typed by hand.
  check: (a: { kind: string }) => {
    const what = WHAT[a.kind]
    return what ? [{ message: `${a.kind}: ${what}`, path: ['kind'] }] : []
  },
  fixtures: {
    pass: [{ kind: 'swarm.inspect' }],
    fail: [
      { kind: 'swarm.init' },
      { kind: 'swarm.join' },
      { kind: 'swarm.update' },
      { kind: 'swarm.leave' },
      { kind: 'swarm.unlock' },
      { kind: 'swarm.unlockkey' },
    ],
  },
})
