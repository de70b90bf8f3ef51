import type { RoleConfig } from '../policy/policy.js'

/**
 * Metadata reads that reveal nothing of what runs inside containers: lists, object metadata without
 * container configuration (which holds environment variables, often secrets), stats and events.
 */
const VIEWER_KINDS = [
  'system.ping',
  'system.version',
  'system.info',
  'system.events',
  'system.df',
  'container.list',
  'container.stats',
  'container.wait',
  'image.list',
  'image.inspect',
  'image.history',
  'distribution.inspect',
  'volume.list',
  'volume.inspect',
  'network.list',
  'network.inspect',
  'plugin.list',
  'plugin.inspect',
  'swarm.inspect',
  'service.list',
  'task.list',
  'node.list',
  'secret.list',
  'config.list',
  'checkpoint.list',
]

/**
 * The full lifecycle of one's own containers, images, volumes and networks. Not: swarm, plugins,
 * secrets and configs (cluster-wide), `image.load` (a tarball's tags can overwrite anyone's images
 * and cannot be checked before the daemon reads them), `build.prune` and `grpc` (the shared build
 * cache and BuildKit's controller), `system.df` (lists every object), checkpoints (experimental).
 */
const DEVELOPER_KINDS = [
  'system.ping',
  'system.version',
  'system.info',
  'system.events',
  'auth',
  'container.*',
  'archive.*',
  'exec.*',
  'image.*',
  'distribution.inspect',
  'build.cancel',
  'session',
  'volume.*',
  'network.*',
  'plugin.list',
  'plugin.inspect',
]

/**
 * The built-in roles. A policy file's `roles:` section overrides any field of these and may add
 * roles. `visibility: own` limits a role to the objects labelled with its caller as owner.
 */
export const BUILTIN_ROLES: Readonly<Record<string, Required<Omit<RoleConfig, 'profile'>> & RoleConfig>> = {
  viewer: {
    description:
      'read-only metadata: lists, image/volume/network inspect, stats, events; no container configuration, logs, files or streams',
    allow: VIEWER_KINDS,
    deny: [],
    visibility: 'all',
    admin: false,
    audit: false,
  },
  developer: {
    description: 'full lifecycle of their own containers, images, volumes and networks, within policy',
    allow: DEVELOPER_KINDS,
    deny: ['image.load', 'volume.update'],
    visibility: 'own',
    admin: false,
    audit: false,
  },
  admin: {
    description:
      'everything the policy allows, on every object; manages grants and tokens; reads the audit log',
    allow: ['*'],
    deny: [],
    visibility: 'all',
    admin: true,
    audit: true,
  },
  auditor: {
    description: 'reads the audit log through the admin API; on the Docker API only ping and version',
    allow: ['system.ping', 'system.version'],
    deny: [],
    visibility: 'own',
    admin: false,
    audit: true,
  },
}

/** The role of an identified caller that names none, unless the policy says otherwise. */
export const DEFAULT_ROLE = 'developer'
