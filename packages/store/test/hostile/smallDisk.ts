import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A REAL small disk for full-disk tests (here and in the queue's and CLI's): a tmpfs, filled on demand. */
export interface SmallDisk {
  /** Where it is mounted. */
  readonly path: string
  /** Writes a filler file until no room is left (ENOSPC). */
  fill(): void
  /** Removes the filler: room again. */
  free(): void
  /** Unmounts it and removes the mount point. */
  unmount(): void
}

/**
 * Mounts a tmpfs of `kb` KiB. Tests run as root here and in CI: a mount that fails throws, so the test
 * file fails loudly rather than skip.
 */
export function mountSmallDisk(kb: number): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), 'quantum-small-disk-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', path])
  const filler = join(path, 'filler')
  return {
    path,
    fill() {
      const fd = openSync(filler, 'w')
      const chunk = Buffer.alloc(4096, 1)
      try {
        for (;;) writeSync(fd, chunk)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
      } finally {
        closeSync(fd)
      }
    },
    free: () => rmSync(filler, { force: true }),
    unmount() {
      execFileSync('umount', [path])
      rmSync(path, { recursive: true, force: true })
    },
  }
}
