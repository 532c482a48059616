import { spawn } from 'node:child_process';

/**
 * The server's pg_dump with these arguments: the SQL it writes. The password goes through
 * PGPASSWORD, never the command line, where any user of the machine could read it.
 */
export function serverDump(url: string, args: string[]): Promise<string> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', [...args, '--dbname', target.href], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', (error) => reject(new Error(`pg_dump could not start (is it installed, PostgreSQL's client tools?): ${error.message}`)));
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`pg_dump failed (exit code ${code}): ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}
