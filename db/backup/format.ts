import { createHash } from 'node:crypto';

/** The first line of a backup file: what it holds, so a restore can check it before loading. */
export type BackupHeader = {
  format: 1;
  /** The last migration applied to the database backed up (db/migrations/meta/_journal.json). */
  schema: string;
  schemaIndex: number;
  engine: 'pglite' | 'postgres';
  takenAt: string;
  /** sha256 (hex) and size in bytes of everything after the first line. */
  sha256: string;
  bytes: number;
};

const PREFIX = '-- atlas-backup ';

export const sha256Of = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/** A backup file: the header line (an SQL comment, so psql reads the file as it is), then the SQL. */
export function backupFile(header: Omit<BackupHeader, 'sha256' | 'bytes' | 'format'>, sql: string): Buffer {
  const body = Buffer.from(sql, 'utf8');
  const full: BackupHeader = { format: 1, ...header, sha256: sha256Of(body), bytes: body.length };
  return Buffer.concat([Buffer.from(`${PREFIX}${JSON.stringify(full)}\n`, 'utf8'), body]);
}

export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

/** The header and SQL of a backup file, refused when it is not one or does not match its checksum. */
export function readBackupFile(file: Buffer): { header: BackupHeader; sql: string } {
  const newline = file.indexOf(0x0a);
  const first = file.subarray(0, newline === -1 ? file.length : newline).toString('utf8');
  if (!first.startsWith(PREFIX)) throw new BackupFileError('Not an Atlas backup: the first line is not "-- atlas-backup {…}"');
  let header: BackupHeader;
  try {
    header = JSON.parse(first.slice(PREFIX.length)) as BackupHeader;
  } catch {
    throw new BackupFileError('Not an Atlas backup: its first line is not valid JSON');
  }
  if (header.format !== 1) throw new BackupFileError(`Backup format ${String(header.format)} is not known to this version of the Atlas`);
  const body = file.subarray(newline + 1);
  if (body.length !== header.bytes || sha256Of(body) !== header.sha256) {
    throw new BackupFileError(`The backup is damaged: its checksum does not match (${body.length} bytes read, ${header.bytes} expected)`);
  }
  return { header, sql: body.toString('utf8') };
}
