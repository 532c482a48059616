import { z } from '@hono/zod-openapi';
import { COUNTRIES, ROLES } from '../../shared/vocabulary.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.ts';

export const Email = z
  .string()
  .trim()
  .max(254, 'at most 254 characters')
  .pipe(z.email({ message: 'expected an email address such as name@example.org' }))
  .openapi({ example: 'giulia.rossi@example.org' });

export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

const Role = z.enum(ROLES, { message: `expected one of ${ROLES.join(', ')}` });

/** A scope: the countries an editor writes firms of; null or absent for none. */
const Countries = z
  .array(z.enum(COUNTRIES, { message: `expected one of ${COUNTRIES.join(', ')}` }))
  .min(1, 'give at least one country, or null for no scope')
  .refine((list) => new Set(list).size === list.length, 'each country once')
  .nullable()
  .openapi({ example: ['IT'] });

const Name = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').openapi({ example: 'Giulia Rossi' });

export const AccountSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: Role,
    countries: z.array(z.enum(COUNTRIES)).nullable().openapi({ description: 'The countries whose firms this account may write; null: not scoped' }),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
    disabled: z.boolean(),
    hasPassword: z.boolean().openapi({ description: 'False until an invited person has chosen a password' }),
  })
  .openapi('Account');

export const AccountInput = z
  .object({ email: Email, name: Name, role: Role, countries: Countries.optional(), password: Password.optional() })
  .strict()
  .openapi('AccountInput');

export const AccountPatch = z
  .object({ name: Name, role: Role, countries: Countries, disabled: z.boolean() })
  .partial()
  .strict()
  .openapi('AccountPatch');

export const OneTimeLinkSchema = z
  .object({ url: z.string().openapi({ description: 'Send it to the person: it works once, until expiresAt' }), expiresAt: z.string() })
  .openapi('OneTimeLink');

export const MeSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: Role, countries: z.array(z.enum(COUNTRIES)).nullable() })
  .openapi('Me');

export const SignInBody = z.object({ email: Email, password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX_LENGTH) }).strict().openapi('SignIn');

export const InvitationBody = z.object({ token: z.string().min(1).max(200), password: Password }).strict().openapi('InvitationAcceptance');
