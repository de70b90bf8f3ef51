import { Refusal } from './refusal.js'

/** The 413 Refusal for a body over `max` bytes. The connection is closed: the rest is never read. */
export function bodyTooLarge(max: number, what = 'request body'): Refusal {
  return new Refusal(413, `airlock: refused: the ${what} is larger than the limit of ${max} bytes`, {
    close: true,
  })
}

/** The Refusal for a body the client stopped sending: nothing is forwarded. */
export function bodyIncomplete(got: number): Refusal {
  return new Refusal(
    400,
    `airlock: the client closed the connection after ${got} bytes of the request body`,
    {
      outcome: 'error',
      close: true,
    },
  )
}

/**
 * Formats a byte count the way the CLI takes it: `64m`.
 *
 * @example formatSize(64 * 1024 * 1024) // '64m'
 */
export function formatSize(n: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size}${unit}`
  }
  return String(n)
}
