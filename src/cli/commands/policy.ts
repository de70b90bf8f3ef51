import { loadPolicy } from '../../policy/load-policy.js'
import { policyJsonSchema } from '../../policy/policy-schema.js'
import type { RegisterCommand } from './index.js'

/** `airlock policy schema` prints the policy file's JSON Schema; `airlock policy check FILE` validates one. */
export const registerPolicy: RegisterCommand = (program) => {
  const policy = program.command('policy').description('Policy files: validate one, print the JSON Schema')
  policy
    .command('schema')
    .description('Print the JSON Schema of the policy file (also in schema/policy.schema.json)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`)
    })
  policy
    .command('check')
    .description('Validate a policy file and summarize what it enforces (exit 2 when invalid)')
    .argument('<file>', 'policy file (YAML)')
    .action((file) => {
      const p = loadPolicy(file)
      const modes = Object.values(p.rules).reduce<Record<string, number>>((acc, r) => {
        acc[r.mode] = (acc[r.mode] ?? 0) + 1
        return acc
      }, {})
      process.stdout.write(
        `${file}: valid. profile ${p.profile}; rules: ${modes['enforce'] ?? 0} enforce, ${modes['warn'] ?? 0} warn, ${modes['off'] ?? 0} off; ` +
          `${p.exemptions.length} exemption(s); defaults ${JSON.stringify(p.defaults)}\n`,
      )
    })
}
