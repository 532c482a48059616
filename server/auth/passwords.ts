import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are kept as argon2id hashes (memory-hard) with OWASP's current minimum parameters:
 * 19 MiB of memory, 2 passes, 1 lane. The hash string carries its parameters, so raising them
 * later still verifies the hashes made before.
 */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const hashPassword = (password: string) => hash(password, PARAMETERS);

/**
 * Whether a password is the one of a hash. With no hash (an unknown email, an invited account
 * without a password), a hash of the same cost is still checked, so that the answer takes the
 * same time and tells nothing about which emails have accounts.
 */
export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await decoy());
  const matches = await verify(target, password).catch(() => false);
  return storedHash !== null && matches;
}

let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash('no account has this password', PARAMETERS));
