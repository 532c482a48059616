import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('lockDataDir', () => {
  it('records the owner pid and releases the lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'atlas.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    lockDataDir(dir)();
  });

  it('refuses a directory locked by a live process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    writeFileSync(join(dir, 'atlas.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
    writeFileSync(join(dir, 'atlas.lock'), '2147483646');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'atlas.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
  });
});
