import { readBackupFile } from './format.ts';

/** A backup taken by a running Atlas (POST /api/admin/backup), checked before it is kept. */
export async function fetchBackup(origin: string, token: string | undefined): Promise<Buffer> {
  if (!token) throw new Error('ATLAS_TOKEN must hold an admin token to take the backup through the running Atlas');
  const response = await fetch(new URL('/api/admin/backup', origin), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${origin} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  readBackupFile(bytes);
  return bytes;
}
