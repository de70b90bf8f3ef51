import { randomBytes } from 'node:crypto'
import type { DashboardPrincipal } from './dashboard-deps.js'

/** A signed-in visitor: who they were at login, and the token they signed in with. */
export interface Session {
  principal: DashboardPrincipal
  /** Kept in memory only, so each use of the session can check the token still holds. */
  token: string
}

interface Entry extends Session {
  expires: number
}

/**
 * Dashboard sessions in memory: a random id (the cookie) per login, valid for `ttlMs`. At most
 * `max` live at once; the oldest go first. A restart logs everyone out.
 *
 * @example
 * const sessions = new Sessions(8 * 3600_000)
 * const id = sessions.create({ user: 'root', role: 'admin', admin: true }, token)
 * sessions.get(id)?.principal.user // 'root'
 */
export class Sessions {
  readonly #byId = new Map<string, Entry>()
  readonly #ttlMs: number
  readonly #max: number
  readonly #clock: () => number

  constructor(ttlMs: number, max = 1000, clock: () => number = Date.now) {
    this.#ttlMs = ttlMs
    this.#max = max
    this.#clock = clock
  }

  create(principal: DashboardPrincipal, token: string): string {
    const now = this.#clock()
    if (this.#byId.size >= this.#max) {
      for (const [id, s] of this.#byId) if (s.expires <= now) this.#byId.delete(id)
      while (this.#byId.size >= this.#max) {
        const oldest = this.#byId.keys().next().value
        if (oldest === undefined) break
        this.#byId.delete(oldest)
      }
    }
    const id = randomBytes(32).toString('base64url')
    this.#byId.set(id, { principal, token, expires: now + this.#ttlMs })
    return id
  }

  get(id: string): Session | undefined {
    const s = this.#byId.get(id)
    if (!s) return undefined
    if (s.expires <= this.#clock()) {
      this.#byId.delete(id)
      return undefined
    }
    return { principal: s.principal, token: s.token }
  }

  delete(id: string): void {
    this.#byId.delete(id)
  }
}
