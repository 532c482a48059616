/**
 * `npm run token -- create --role admin --label "Ops team"`: creates an API token and prints it
 * once (only its hash is kept); `list` shows every token; `revoke ID` revokes one at once.
 * The first admin token of an installation is made here, on the machine, not over HTTP.
 */
import { parseArgs } from 'node:util';
import { parseConfig } from '../server/config.ts';
import { createDb } from '../db/create-db.ts';
import { createToken, listTokens, revokeToken } from '../db/queries/tokens.ts';
import { ROLES, type Role } from '../shared/vocabulary.ts';

const USAGE = `Usage:
  npm run token -- create --role member|editor|admin --label LABEL
  npm run token -- list
  npm run token -- revoke ID`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { role: { type: 'string' }, label: { type: 'string' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [command, argument] = positionals;
if (command === 'create') {
  if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.label?.trim()) fail('--label is required (who or what the token is for)');
} else if (command === 'revoke') {
  if (!/^[1-9]\d{0,9}$/.test(argument ?? '')) fail('revoke takes the id of a token (see `list`)');
} else if (command !== 'list') {
  fail(command ? `Unknown command '${command}'` : 'Give a command');
}

const config = parseConfig(process.env);
const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  if (command === 'create') {
    const token = await createToken(db, { role: values.role as Role, label: values.label!.trim() });
    console.log(`Token ${token.id} (${token.role}, '${token.label}'). It is shown only this once; keep it secret:\n${token.token}`);
  } else if (command === 'revoke') {
    const token = await revokeToken(db, Number(argument));
    if (!token) {
      console.error(`No token ${argument}`);
      process.exitCode = 1;
    } else console.log(`Token ${token.id} ('${token.label}') revoked at ${token.revokedAt}`);
  } else {
    for (const t of await listTokens(db)) {
      const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? 'never'}`;
      console.log(`${t.id}\t${t.role}\t${t.label}\tcreated ${t.createdAt}\t${state}`);
    }
  }
} finally {
  await db.close();
}
