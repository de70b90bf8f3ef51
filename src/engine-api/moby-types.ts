/**
 * The request-body type descriptors of dockerd (union of 20.10.24 … current master); see
 * `moby-types/index.ts`.
 */
export * from './moby-types/index.js'
