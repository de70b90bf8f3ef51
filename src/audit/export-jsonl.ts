import type { AuditStore, StoredEvent } from './audit-store.js'

const PAGE = 512

/**
 * One export line: the record with `seq`, `prevHash` and `hash`. Without those three keys, the
 * line re-serialized with `canonicalJson` is exactly the bytes the chain hashed, so an export can be
 * verified without Airlock: hash = SHA-256 or HMAC-SHA256(prevHash ‖ seq as 8 bytes big-endian ‖ bytes).
 *
 * @example exportLine(store.get(1)!) // '{"seq":1,"actionKind":"container.create",…,"prevHash":"000…","hash":"…"}'
 */
export function exportLine(event: StoredEvent): string {
  return JSON.stringify(event)
}

/**
 * Writes every record (from `since`, an ISO time, when given) as JSON lines, in seq order, a page at
 * a time. Returns how many records were written.
 *
 * @example await exportJsonl(store, { since: '2025-01-01' }, (chunk) => fs.appendFileSync(out, chunk))
 */
export async function exportJsonl(
  store: Pick<AuditStore, 'query'>,
  opts: { since?: string },
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let after = 0
  let count = 0
  for (;;) {
    const q = opts.since === undefined ? {} : { since: opts.since }
    const page = store.query({ ...q, afterSeq: after, limit: PAGE })
    const last = page.at(-1)
    if (!last) return count
    await write(`${page.map(exportLine).join('\n')}\n`)
    count += page.length
    after = last.seq
    if (page.length < PAGE) return count
  }
}
