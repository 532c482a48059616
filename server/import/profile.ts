import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../../project-root.ts';
import { IMPORT_FIELDS, type ImportField } from '../../shared/import-mapping.ts';
import { COMPANY_STATUSES, COUNTRIES } from '../../shared/vocabulary.ts';
import { NACE_SCHEMES } from './activity.ts';

/** One column, or columns tried in turn: the first that is not blank in a row. */
const Columns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const fieldNames = Object.keys(IMPORT_FIELDS) as [ImportField, ...ImportField[]];
/** A text the upload page shows, in each of the Atlas's languages. */
const Localised = z.object({ fr: z.string().min(1), it: z.string().min(1), en: z.string().min(1) }).strict();

/** A register's layout: how its rows become the Atlas's import fields (see profiles/README.md). */
export const ImportProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'lower-case letters, digits and -'),
    name: z.string().min(1),
    publisher: z.string().min(1),
    country: z.enum(COUNTRIES),
    description: Localised,
    sources: z.array(z.object({ title: z.string().min(1), url: z.url().optional() }).strict()).min(1),
    notes: z.array(Localised).default([]),
    recognise: z.array(z.array(z.string().min(1)).min(1)).min(1),
    automatic: z.boolean().default(true),
    blanks: z.array(z.string()).default([]),
    fields: z.partialRecord(z.enum(fieldNames), Columns),
    nameFrom: z.array(z.string().min(1)).min(1).optional(),
    address: z.array(z.array(z.string().min(1)).min(1)).optional(),
    communeName: z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, 'not a regular expression')
      .optional(),
    status: z.object({ column: z.string(), values: z.record(z.string(), z.enum(COMPANY_STATUSES)), closedOn: Columns.optional() }).strict().optional(),
    headcount: z
      .union([
        z.object({ bands: z.object({ column: z.string(), codes: z.record(z.string(), z.tuple([z.number().int().min(0), z.number().int().min(0).nullable()])) }).strict() }).strict(),
        z.object({ sum: z.array(z.string()).min(1) }).strict(),
      ])
      .optional(),
    activity: z
      .object({
        nomenclature: z.object({ column: z.string(), accept: z.array(z.string()).min(1) }).strict().optional(),
        list: z.boolean().default(false),
        scheme: z.enum(NACE_SCHEMES).default('nace2'),
      })
      .strict()
      .optional(),
    approximate: z.object({ column: z.string(), values: z.array(z.string()).min(1) }).strict().optional(),
    legalUnits: z
      .object({ recognise: z.array(z.string()).min(1), key: z.string(), rowKey: z.string(), name: z.array(z.array(z.string()).min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type ImportProfile = z.infer<typeof ImportProfile>;

/**
 * The profiles of `folder` (server/import/profiles), in file-name order. A malformed one stops the
 * start, naming its file and field: profiles are edited by hand.
 */
export function readProfiles(folder: string = projectPath('server', 'import', 'profiles')): ImportProfile[] {
  const files = readdirSync(folder).filter((file) => file.endsWith('.json')).sort();
  const profiles = files.map((file) => {
    const result = ImportProfile.safeParse(JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')));
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new Error(`${folder}/${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    }
    if (`${result.data.id}.json` !== file) throw new Error(`${folder}/${file}: its id must be its file name (${result.data.id})`);
    return result.data;
  });
  return profiles;
}

/**
 * The file's column a profile's column name stands for: the same name, or that name followed by
 * ` - ` and a description, as some tools write their headers (`DT-ISCR-RI - Data di iscrizione…`).
 */
export function fileColumn(columns: string[], name: string): string | undefined {
  return columns.find((column) => column === name) ?? columns.find((column) => column.startsWith(`${name} - `));
}

/** Whether a file's header has every column of one of the profile's sets. */
export const fitsProfile = (profile: ImportProfile, columns: string[]) =>
  profile.recognise.some((set) => set.every((name) => fileColumn(columns, name) !== undefined));

/** The profile a header is recognised as: the first whose columns it has, among those chosen automatically. */
export function recogniseProfile(profiles: ImportProfile[], columns: string[]): ImportProfile | null {
  return profiles.find((profile) => profile.automatic && fitsProfile(profile, columns)) ?? null;
}
