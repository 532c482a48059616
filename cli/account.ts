/**
 * `npm run account -- create --email EMAIL --name NAME --role member|editor|admin [--countries IT,FR]`:
 * creates an account with the password read from standard input (typed at a prompt, or piped:
 * never an argument, which other users of the machine could see); `list` shows every account;
 * `reset EMAIL` prints a new one-time link (`--url` the Atlas's public URL). The first admin of
 * an installation is made here, on the machine.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createDb } from '../db/create-db.ts';
import { createAccountLink } from '../db/queries/account-links.ts';
import { EmailTakenError, accountForSignIn, createAccount, listAccounts } from '../db/queries/accounts.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { parseConfig } from '../server/config.ts';
import { ONE_TIME_LINK_MS } from '../server/routes/accounts.ts';
import { AccountInput } from '../server/schemas/accounts.ts';

const USAGE = `Usage:
  npm run account -- create --email EMAIL --name NAME --role member|editor|admin [--countries IT[,FR]]   (password on standard input)
  npm run account -- list
  npm run account -- reset EMAIL [--url https://atlas.example.org]`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, countries: { type: 'string' }, url: { type: 'string' } },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

/** The password from standard input: one line, not echoed when typed at a terminal. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write('Password: ');
  // Mute the echo: the readline writes what is typed to its output.
  (prompt as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  const answer = await prompt.question('');
  prompt.close();
  process.stderr.write('\n');
  return answer;
}

const config = parseConfig(process.env);
const [command, argument] = positionals;
if (command === 'create') {
  const countries = values.countries?.split(',').map((code) => code.trim().toUpperCase());
  const password = await readPassword();
  const checked = AccountInput.safeParse({ email: values.email, name: values.name, role: values.role, countries, password });
  if (!checked.success) fail(checked.error.issues.map((issue) => `--${issue.path.join('.') || 'input'}: ${issue.message}`).join('\n'));
  const { password: given, ...input } = checked.data;
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const account = await createAccount(db, { ...input, countries: input.role === 'admin' ? null : (input.countries ?? null), passwordHash: await hashPassword(given!) });
    console.log(`Account ${account.id} created: ${account.email} (${account.name}), ${account.role}${account.countries ? `, writes firms of ${account.countries.join(', ')}` : ''}`);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
} else if (command === 'list') {
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    for (const a of await listAccounts(db)) {
      console.log(`${a.id}\t${a.email}\t${a.name}\t${a.role}${a.countries ? ` (${a.countries.join(',')})` : ''}\t${a.disabled ? 'disabled' : a.hasPassword ? 'active' : 'invited'}\tlast sign-in ${a.lastSignInAt ?? 'never'}`);
    }
  } finally {
    await db.close();
  }
} else if (command === 'reset' && argument) {
  const base = values.url ?? config.publicUrl ?? `http://localhost:${config.port}`;
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const account = await accountForSignIn(db, argument);
    if (!account) {
      console.error(`No account has the email ${argument}`);
      process.exitCode = 1;
    } else {
      const { secret, expiresAt } = await createAccountLink(db, account.id, 'reset', ONE_TIME_LINK_MS);
      console.log(`${new URL('/invitation', base).href}#${secret}\n(works once, until ${expiresAt})`);
    }
  } finally {
    await db.close();
  }
} else {
  fail(command ? `Unknown command: ${command}` : 'Give a command');
}
