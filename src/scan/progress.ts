import cliProgress from 'cli-progress'

/** Scans of more files than this show a progress bar (on a TTY). */
export const PROGRESS_THRESHOLD = 50

/**
 * A progress callback for `scan()` that draws a bar on `stream` when it is a TTY and the scan has
 * more than {@link PROGRESS_THRESHOLD} files; otherwise it does nothing. Call `stop()` when done.
 *
 * @example const p = progressBar(process.stderr); await scan({ ..., onProgress: p.update }); p.stop()
 */
export function progressBar(stream: NodeJS.WriteStream): {
  update: (done: number, total: number) => void
  stop: () => void
} {
  let bar: cliProgress.SingleBar | undefined
  return {
    update(done, total) {
      if (!stream.isTTY || total <= PROGRESS_THRESHOLD) return
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'scanning [{bar}] {value}/{total} files',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, done)
      } else bar.update(done)
    },
    stop() {
      bar?.stop()
      bar = undefined
    },
  }
}
