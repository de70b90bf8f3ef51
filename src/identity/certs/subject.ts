/** One relative distinguished name of a certificate subject. */
export type SubjectPart = [attr: 'CN' | 'O' | 'OU', value: string]

/**
 * A subject in OpenSSL's `-subj` syntax, with `/`, `+`, `=` and `\` escaped.
 *
 * @example subjectArg([['CN', 'alice'], ['O', 'dev'], ['OU', 'role:admin']]) // '/CN=alice/O=dev/OU=role:admin'
 */
export function subjectArg(parts: readonly SubjectPart[]): string {
  return parts.map(([k, v]) => `/${k}=${v.replace(/[\\/+=]/g, (c) => `\\${c}`)}`).join('')
}
