import { field, slice, string, struct } from '../go-json/dsl.js'

/** `types.PluginPrivilege` / `plugin.Privilege`. */
export const PluginPrivilege = struct('plugin.Privilege', [
  field('Name', string),
  field('Description', string),
  field('Value', slice(string)),
])

/** The body of `POST /plugins/pull` and `POST /plugins/{name}/upgrade`. */
export const PluginPrivileges = slice(PluginPrivilege)

/** The body of `POST /plugins/{name}/set`: `["KEY=value", ...]`. */
export const PluginSetArgs = slice(string)
