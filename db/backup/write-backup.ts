import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Writes a backup to `file` through `file.partial`, synced then renamed: a process killed midway
 * leaves only the `.partial`, and the previous backup under `file` stays whole.
 */
export function writeBackup(file: string, bytes: Buffer): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}
