// The page's calls to the dashboard API: same origin, the session cookie, and the CSRF header on
// everything that changes something.

/** An API answer that was not 2xx: its status and the server's message. */
export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 401) {
    window.location.assign('login')
    throw new ApiError(401, 'signed out')
  }
  const body = (await res.json().catch(() => ({}))) as { message?: string }
  if (!res.ok) throw new ApiError(res.status, body.message ?? `HTTP ${res.status}`)
  return body as T
}

/** GET `api/<path>` as JSON. */
export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(
    await fetch(`api/${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } }),
  )
}

/** POST `api/<path>` (no body) and read the JSON answer. */
export async function postJson<T>(path: string): Promise<T> {
  return parse<T>(
    await fetch(`api/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-airlock-csrf': '1' },
    }),
  )
}
