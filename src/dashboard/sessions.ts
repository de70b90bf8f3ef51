import { randomBytes } from 'node:crypto'
import type { DashboardPrincipal } from './dashboard-deps.js'

interface Session {
  principal: DashboardPrincipal
  expires: number
}

/**
 * Dashboard sessions in memory: a random id (the cookie) per login, valid for `ttlMs`. At most
 * `max` live at once; the oldest go first. A restart logs everyone out.
 *
 * @example
 * const sessions = new Sessions(8 * 3600_000)
 * const id = sessions.create({ user: 'root', role: 'admin', admin: true })
 * sessions.get(id)?.user // 'root'
 */
export class Sessions {
  readonly #byId = new Map<string, Session>()
  readonly #ttlMs: number
  readonly #max: number
  readonly #clock: () => number

  constructor(ttlMs: number, max = 1000, clock: () => number = Date.now) {
    this.#ttlMs = ttlMs
    this.#max = max
    this.#clock = clock
  }

  create(principal: DashboardPrincipal): string {
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
    this.#byId.set(id, { principal, expires: now + this.#ttlMs })
    return id
  }

  get(id: string): DashboardPrincipal | undefined {
    const s = this.#byId.get(id)
    if (!s) return undefined
    if (s.expires <= this.#clock()) {
      this.#byId.delete(id)
      return undefined
    }
    return s.principal
  }

  delete(id: string): void {
    this.#byId.delete(id)
  }
}
