import { createRoute, z } from '@hono/zod-openapi';
import { COMPANY_STATUSES, COUNTRIES } from '../../shared/vocabulary.ts';
import type { ImportProfile } from '../import/profile.ts';
import { createRouter, jsonContent } from '../http/router.ts';

const localised = z.object({ fr: z.string(), it: z.string(), en: z.string() }).openapi('LocalisedText');

export const ImportProfileSchema = z
  .object({
    id: z.string().openapi({ example: 'sirene-etablissement' }),
    name: z.string(),
    publisher: z.string(),
    country: z.enum(COUNTRIES),
    description: localised.openapi({ description: 'What the profile reads, in French, Italian and English' }),
    sources: z.array(z.object({ title: z.string(), url: z.string().optional() })).openapi({ description: 'Where the column names and value formats come from' }),
    notes: z.array(localised).openapi({ description: 'How the profile reads the file (codes, dates, names, what it leaves out), in French, Italian and English' }),
    recognise: z.array(z.array(z.string())).openapi({ description: 'A file whose header has every column of one of these sets is read with this profile' }),
    automatic: z.boolean().openapi({ description: 'False: never chosen from the header alone; give it with `profile=`' }),
    statuses: z.record(z.string(), z.enum(COMPANY_STATUSES)).nullable().openapi({ description: "The register's status codes and what each means" }),
    headcountBands: z
      .record(z.string(), z.object({ min: z.number().int(), max: z.number().int().nullable() }))
      .nullable()
      .openapi({ description: "The register's size codes and the band each stands for (max null: open band)" }),
    translates: z.array(z.string()).openapi({ description: 'The columns whose codes or figures the profile translates (status, size codes…): they cannot be mapped by hand' }),
    legalUnits: z
      .object({ recognise: z.array(z.string()) })
      .nullable()
      .openapi({ description: 'A second file the profile takes (multipart part `legalUnits`): the columns it must have' }),
  })
  .openapi('ImportProfile');

const list = createRoute({
  method: 'get',
  path: '/import-profiles',
  tags: ['Import'],
  summary: "The registers' layouts the import recognises (source profiles), with their documentation",
  description: 'Each is a file of `server/import/profiles/`; `POST /api/imports?profile=ID` chooses one, else the header does.',
  responses: { 200: { description: 'In the order they are tried', ...jsonContent(z.object({ profiles: z.array(ImportProfileSchema) })) } },
});

/** A profile as the API describes it: what it is, where it comes from, and its code tables. */
export function describeProfile(profile: ImportProfile): z.infer<typeof ImportProfileSchema> {
  const bands = profile.headcount && 'bands' in profile.headcount ? profile.headcount.bands.codes : null;
  return {
    id: profile.id,
    name: profile.name,
    publisher: profile.publisher,
    country: profile.country,
    description: profile.description,
    sources: profile.sources,
    notes: profile.notes,
    recognise: profile.recognise,
    automatic: profile.automatic,
    statuses: profile.status?.values ?? null,
    headcountBands: bands && Object.fromEntries(Object.entries(bands).map(([code, [min, max]]) => [code, { min, max }])),
    translates: [
      profile.status?.column,
      profile.headcount && 'bands' in profile.headcount ? profile.headcount.bands.column : undefined,
      ...(profile.headcount && 'sum' in profile.headcount ? profile.headcount.sum : []),
      profile.activity?.nomenclature?.column,
      profile.approximate?.column,
    ].filter((column): column is string => column !== undefined),
    legalUnits: profile.legalUnits ? { recognise: profile.legalUnits.recognise } : null,
  };
}

export function importProfileRoutes({ profiles }: { profiles: ImportProfile[] }) {
  const router = createRouter();
  const body = { profiles: profiles.map(describeProfile) };
  router.openapi(list, (c) => c.json(body, 200));
  return router;
}
