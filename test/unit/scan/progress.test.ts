import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { PROGRESS_THRESHOLD, progressBar } from '../../../src/scan/progress.js'

function fakeStream(tty: boolean): NodeJS.WriteStream & { text: () => string } {
  let out = ''
  const s = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk)
      cb()
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string }
  Object.assign(s, {
    isTTY: tty,
    columns: 80,
    rows: 24,
    text: () => out,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  })
  return s
}

describe('progress bar', () => {
  it('draws on a TTY for scans of more than the threshold', () => {
    const s = fakeStream(true)
    const p = progressBar(s)
    for (let i = 0; i <= 60; i++) p.update(i, 60)
    p.stop()
    assert.match(s.text(), /scanning \[.*\] \d+\/60 files/)
  })

  it('stays silent off a TTY and for small scans', () => {
    const pipe = fakeStream(false)
    const p = progressBar(pipe)
    for (let i = 0; i <= 500; i++) p.update(i, 500)
    p.stop()
    assert.equal(pipe.text(), '')
    const tty = fakeStream(true)
    const q = progressBar(tty)
    for (let i = 0; i <= PROGRESS_THRESHOLD; i++) q.update(i, PROGRESS_THRESHOLD)
    q.stop()
    assert.equal(tty.text(), '')
  })
})
