import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'

/** The applets linked into /bin of the test image. */
export const BUSYBOX_APPLETS = [
  'sh',
  'id',
  'cat',
  'sleep',
  'ls',
  'echo',
  'env',
  'true',
  'false',
  'touch',
  'mkdir',
  'rm',
  'wc',
  'head',
  'tail',
  'grep',
  'printf',
  'top',
  'ps',
  'hostname',
  'whoami',
  'nc',
  'wget',
  'test',
  'seq',
  'yes',
  'dd',
  'ip',
  'mount',
  'stat',
  'chmod',
  'chown',
  'cp',
  'mv',
  'ln',
  'kill',
  'uname',
  'date',
] as const

const PT_INTERP = 3

/**
 * True when `path` is an ELF64 executable without a program interpreter, i.e. statically linked
 * (a dynamically linked busybox cannot run in an image that has no libc).
 */
export function isStaticElf(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(64)
    readSync(fd, head, 0, 64, 0)
    if (head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2) return false
    const phoff = Number(head.readBigUInt64LE(0x20))
    const phentsize = head.readUInt16LE(0x36)
    const phnum = head.readUInt16LE(0x38)
    const table = Buffer.alloc(phentsize * phnum)
    readSync(fd, table, 0, table.length, phoff)
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === PT_INTERP) return false
    return true
  } finally {
    closeSync(fd)
  }
}

/**
 * Lays out a minimal root filesystem in `dir`: /bin/busybox (a copy of the static `busybox`) with
 * symlinks for {@link BUSYBOX_APPLETS}, /etc/passwd and /etc/group (root, nobody), /tmp (1777),
 * /root.
 *
 * @example
 * writeBusyboxRootfs('/tmp/rootfs', '/bin/busybox')
 * // tar -C /tmp/rootfs -c . | docker import - airlock-test/busybox:1
 */
export function writeBusyboxRootfs(dir: string, busybox: string): void {
  if (!isStaticElf(busybox)) {
    throw new Error(
      `${busybox} is not a static ELF64 binary: run scripts/install-test-deps.sh (busybox-static)`,
    )
  }
  for (const d of ['bin', 'etc', 'root', 'tmp']) mkdirSync(join(dir, d), { recursive: true })
  chmodSync(join(dir, 'tmp'), 0o1777)
  chmodSync(join(dir, 'root'), 0o700)
  copyFileSync(busybox, join(dir, 'bin', 'busybox'))
  chmodSync(join(dir, 'bin', 'busybox'), 0o755)
  for (const applet of BUSYBOX_APPLETS) symlinkSync('busybox', join(dir, 'bin', applet))
  writeFileSync(
    join(dir, 'etc', 'passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
  )
  writeFileSync(join(dir, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n')
}
