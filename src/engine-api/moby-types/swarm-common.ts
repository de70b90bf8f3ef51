import { bytes, embed, field, map, ptr, string, struct } from '../go-json/dsl.js'

/** `swarm.Annotations`, embedded in every swarm spec. */
export const Annotations = struct('swarm.Annotations', [field('Name', string), field('Labels', map(string))])

/** `swarm.Driver`. */
export const SwarmDriver = struct('swarm.Driver', [field('Name', string), field('Options', map(string))])

/** The body of `POST /secrets/create` and `POST /secrets/{id}/update`: `swarm.SecretSpec`. */
export const SecretSpec = struct('swarm.SecretSpec', [
  embed(Annotations),
  field('Data', bytes),
  field('Driver', ptr(SwarmDriver)),
  field('Templating', ptr(SwarmDriver)),
])

/** The body of `POST /configs/create` and `POST /configs/{id}/update`: `swarm.ConfigSpec`. */
export const ConfigSpec = struct('swarm.ConfigSpec', [
  embed(Annotations),
  field('Data', bytes),
  field('Templating', ptr(SwarmDriver)),
])

/** The body of `POST /nodes/{id}/update`: `swarm.NodeSpec`. */
export const NodeSpec = struct('swarm.NodeSpec', [
  embed(Annotations),
  field('Role', string),
  field('Availability', string),
])
