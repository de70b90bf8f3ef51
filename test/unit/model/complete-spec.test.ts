import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { completeSpec } from '../../../src/model/complete-spec.js'
import { ContainerSpec, type ContainerSpecInput } from '../../../src/model/container-spec.js'
import { RULES } from '../../../src/policy/rules/index.js'

const str = fc.string({ maxLength: 8 })
const partialSpec: fc.Arbitrary<ContainerSpecInput> = fc.record(
  {
    name: str,
    image: str,
    user: str,
    imageUser: str,
    privileged: fc.boolean(),
    capAdd: fc.array(str, { maxLength: 3 }),
    namespaces: fc.record(
      { network: str, pid: str, joinedHost: fc.subarray(['network', 'pid'] as const) },
      { requiredKeys: [] },
    ),
    security: fc.record(
      { noNewPrivileges: fc.boolean(), seccomp: str, selinux: fc.array(str, { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
    maskedPaths: fc.array(str, { maxLength: 2 }),
    mounts: fc.array(
      fc.record(
        {
          type: fc.constantFrom('bind', 'volume', 'tmpfs') as fc.Arbitrary<'bind' | 'volume' | 'tmpfs'>,
          target: str,
          source: str,
          readOnly: fc.boolean(),
        },
        { requiredKeys: ['type', 'target'] },
      ),
      { maxLength: 2 },
    ),
    devices: fc.array(fc.record({ pathOnHost: str, permissions: str }, { requiredKeys: ['pathOnHost'] }), {
      maxLength: 2,
    }),
    deviceRequests: fc.array(fc.record({ driver: str, count: fc.integer() }, { requiredKeys: [] }), {
      maxLength: 1,
    }),
    resources: fc.record(
      { memory: fc.integer(), pidsLimit: fc.integer(), oomKillDisable: fc.boolean() },
      { requiredKeys: [] },
    ),
    ports: fc.array(fc.record({ containerPort: str, hostIp: str }, { requiredKeys: ['containerPort'] }), {
      maxLength: 2,
    }),
    logConfig: fc.record({ type: str }, { requiredKeys: [] }),
    restartPolicy: fc.record({ name: str }, { requiredKeys: [] }),
    healthcheck: fc.record({ test: fc.array(str, { maxLength: 2 }) }, { requiredKeys: [] }),
    init: fc.boolean(),
  },
  { requiredKeys: [] },
)

describe('completeSpec (the adapters fast path)', () => {
  it('equals the zod schema parse for arbitrary partial specs', () => {
    fc.assert(
      fc.property(partialSpec, (input) => {
        assert.deepEqual(completeSpec(input), ContainerSpec.parse(input))
      }),
      { numRuns: 500 },
    )
  })
  it('equals the zod schema parse for every rule fixture', () => {
    for (const rule of RULES) {
      if (rule.appliesTo !== 'container') continue
      for (const fx of [...rule.fixtures.pass, ...rule.fixtures.fail])
        assert.deepEqual(completeSpec(fx), ContainerSpec.parse(fx), `${rule.id} ${JSON.stringify(fx)}`)
    }
  })
})
