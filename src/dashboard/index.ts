export type * from './api-types.js'
export { bearerToken } from './auth.js'
export { createDashboardApp } from './dashboard-app.js'
export type {
  AuditChain,
  ContainersLister,
  DashboardAuth,
  DashboardDeps,
  DashboardOptions,
  DashboardPrincipal,
  GrantsApi,
} from './dashboard-deps.js'
export { mountDashboard } from './mount-dashboard.js'
export { runningContainers } from './running-containers.js'
export { DEFAULT_ASSETS_DIR } from './static-assets.js'
