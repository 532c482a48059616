import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { seedRegistry } from '../../db/seed/seed.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, openTestDb, testEngines } from '../support/databases.ts';
import { BREAKAGE_FIELD, type RegistryRow, lambert93, registryCsv, registryRows } from '../fixtures/registry-csv.ts';
import { chamonixGuides, courmayeurSpa } from '../fixtures/companies.ts';

describe.each(testEngines())('importing a registry on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let editor: string;

  beforeAll(async () => {
    db = await openTestDb(engine);
    client = testClient(db);
    editor = (await client.post('/api/tokens', { label: 'CCI import', role: 'editor' })).body.token;
  });
  afterAll(() => db?.close());

  const upload = async (body: Uint8Array | string | Buffer, query = '', token: string | null = editor, accept = 'application/json') => {
    const response = await client.app.request(`http://localhost/api/imports${query}`, {
      method: 'POST',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'text/csv', Accept: accept },
      body: body as BodyInit,
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, text, body: type.includes('json') && !type.includes('ndjson') ? JSON.parse(text) : null };
  };
  const count = async () => (await client.get('/api/health')).body.companies as number;
  const version = async () => (await client.get('/api/health')).body.dataVersion as number;

  describe('a 10,000-row Lambert-93 export with NAF codes and 2 % broken rows', () => {
    let rows: RegistryRow[];
    let file: Buffer;

    beforeAll(async () => {
      await emptyRegistry(db);
      rows = registryRows(10_000);
      file = registryCsv(rows, await lambert93(db, rows));
    }, 60_000);

    const lineOf = (i: number) => i + 2;
    // A firm beyond the service area is not a mistake of the file: it is counted, not rejected.
    const expectedRejected = () =>
      rows.flatMap((r, i) => (r.breakage && r.breakage !== 'outside' && !r.duplicate ? [{ line: lineOf(i), field: BREAKAGE_FIELD[r.breakage] }] : []));
    const outsideArea = () => rows.filter((r) => r.breakage === 'outside' && !r.duplicate).length;
    const sound = () => rows.filter((r) => !r.breakage && !r.duplicate);

    it('reports exactly what a dry run would do, and writes nothing', async () => {
      const { status, body } = await upload(file, '?dryRun=true');
      expect(status).toBe(200);
      expect(body.file).toEqual({ format: 'csv', encoding: 'windows-1252', separator: ';', rows: 10_000, name: null, extractDate: null });
      expect(body.profile).toBeNull();
      expect(body.mapping).toEqual({
        SIRET: 'officialId', 'Raison sociale': 'name', 'Code INSEE': 'communeCode', Commune: 'communeName',
        X: 'x', Y: 'y', 'Code NAF': 'nationalCode', Effectif: 'employees', 'Date de création': 'founded',
      });
      expect(body.rejected.map((r: { line: number; field: string }) => ({ line: r.line, field: r.field }))).toEqual(expectedRejected());
      expect(body.duplicates.map((d: { line: number }) => d.line)).toEqual(rows.flatMap((r, i) => (r.duplicate ? [lineOf(i)] : [])));
      expect(body).toMatchObject({
        dryRun: true,
        created: sound().length,
        updated: 0,
        unchanged: 0,
        skipped: 177,
        outsideArea: 33,
        outsideScope: 0,
        approximate: sound().filter((r) => r.lonLat === null).length,
      });
      expect(sound().length).toBe(9790);
      expect(outsideArea()).toBe(33);
      expect(await count()).toBe(0);
    }, 120_000);

    it('gives every rejection a reason a person can act on', async () => {
      const { body } = await upload(file, '?dryRun=true');
      const reasons = Object.fromEntries(body.rejected.map((r: { field: string; reason: string }) => [r.field, r.reason]));
      expect(reasons.SIRET).toMatch(/wrong check digit/);
      expect(reasons['Code NAF']).toMatch(/expected a NAF code/);
      expect(reasons.line).toMatch(/7 fields where the header has 9/);
      expect(reasons['Raison sociale']).toMatch(/must not be empty/);
      expect(body.rejected.some((r: { reason: string }) => /outside the service area/.test(r.reason))).toBe(false);
      expect(body.rejected.some((r: { reason: string }) => /'n\/a' is not a number/.test(r.reason))).toBe(true);
    }, 120_000);

    it('downloads the rejected rows as CSV', async () => {
      const { status, text } = await upload(file, '?dryRun=true', editor, 'text/csv');
      expect(status).toBe(200);
      const lines = parse(text, { bom: true, columns: true }) as { line: string; field: string; reason: string }[];
      expect(lines).toHaveLength(177);
      expect(lines.filter((l) => /duplicate of line/.test(l.reason))).toHaveLength(10);
    }, 120_000);

    it('streams the progress of the check, then the report, to Accept: application/x-ndjson', async () => {
      const response = await client.app.request('http://localhost/api/imports?dryRun=true', {
        method: 'POST',
        headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'text/csv', Accept: 'application/x-ndjson' },
        body: file as BodyInit,
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
      const progress = lines.slice(0, -1);
      // Through the bytes of the file, with the rows read so far: the first batch, then the whole file.
      const total = file.length;
      expect(progress).toEqual([
        { phase: 'checking', done: expect.any(Number), total, rows: 5000 },
        { phase: 'checking', done: total, total, rows: 10_000 },
      ]);
      expect(progress[0].done).toBeLessThan(total);
      expect(lines.at(-1).result).toMatchObject({ dryRun: true, created: 9790, skipped: 177, outsideArea: 33 });
      expect(await count()).toBe(0);
    }, 120_000);

    it('imports every sound row in one go, reprojected from Lambert-93, with its sector suggested from NAF', async () => {
      const { body } = await upload(file, '?dryRun=false&name=sirene-74');
      expect(body).toMatchObject({ dryRun: false, created: 9790, updated: 0, unchanged: 0, skipped: 177, outsideArea: 33 });
      expect(await count()).toBe(9790);
      const stored = await db.rows<{ official_id: string; lon: number; lat: number; primary_sector: string; nace_code: string; national_code: string; location_approximate: boolean; source: string; founded: number }>(
        sql`SELECT official_id, ST_X(location) AS lon, ST_Y(location) AS lat, primary_sector::text, nace_code, national_code, location_approximate, source, founded FROM companies`,
      );
      const bySiret = new Map(stored.map((s) => [s.official_id, s]));
      for (const row of sound()) {
        const s = bySiret.get(row.siret)!;
        expect(s.national_code).toBe(row.naf);
        expect(s.nace_code).toBe(row.naf.slice(0, 5));
        expect(s.source).toBe('import:sirene-74');
        expect(s.founded).toBe(row.founded);
        expect(s.location_approximate).toBe(row.lonLat === null);
        // Two decimals of a metre in the file: about 1e-7 degrees.
        if (row.lonLat) {
          expect(Math.abs(s.lon - row.lonLat[0])).toBeLessThan(1e-6);
          expect(Math.abs(s.lat - row.lonLat[1])).toBeLessThan(1e-6);
        }
      }
      const sectors = new Set(stored.map((s) => s.primary_sector));
      expect(sectors).toEqual(new Set(['outdoor', 'phyto_wellbeing', 'building_renovation']));
    }, 180_000);

    // The embedded engine runs no autovacuum: without a refresh its planner would still see the empty registry.
    it('leaves the planner knowing the registry it wrote', async () => {
      const [planned] = await db.rows<{ rows: number }>(sql`SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'companies'`);
      expect(planned!.rows).toBe(9790);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await version();
      const { body } = await upload(file, '?dryRun=false&name=sirene-74');
      expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 9790, skipped: 177 });
      expect(await version()).toBe(before);
      expect(await count()).toBe(9790);
    }, 180_000);

    it('records each imported firm in its history, with the token that imported it', async () => {
      const [first] = await db.rows<{ id: number }>(sql`SELECT id FROM companies ORDER BY id LIMIT 1`);
      const history = await client.get(`/api/companies/${first!.id}/history`, editor);
      expect(history.body.entries).toHaveLength(1);
      expect(history.body.entries[0]).toMatchObject({ action: 'import', by: { label: 'CCI import' } });
    });
  });

  describe('files of other shapes', () => {
    it('reads UTF-8 with commas, Swiss LV95 and LV03 coordinates, UIDs and NOGA codes, and updates a changed row', async () => {
      await emptyRegistry(db);
      // Martigny town hall in LV95 and LV03 (swisstopo), and the same firm in WGS84.
      const csv = [
        'UID,Firmenname,BFS-Nr,Gemeinde,E,N,NOGA,Mitarbeiter,Branche',
        'CHE-116.281.710,Menuiserie Test SA,6136,Martigny,2571850,1105800,433200,12,building_renovation',
        'CHE-109.322.551,Sàrl Équipe Test,6136,Martigny,571850,105800,931900,3,',
      ].join('\n');
      const first = await upload(csv, '?dryRun=false');
      expect(first.body).toMatchObject({ created: 2, rejected: [], file: { encoding: 'utf-8', separator: ',' } });
      const features = (await client.get('/api/companies')).body.features;
      for (const f of features) {
        expect(f.geometry.coordinates[0]).toBeCloseTo(7.0725, 2);
        expect(f.geometry.coordinates[1]).toBeCloseTo(46.1028, 2);
      }
      expect(features.map((f: { properties: { activity: { nace: string } } }) => f.properties.activity.nace).sort()).toEqual(['43.32', '93.19']);
      const second = await upload(csv.replace(',12,', ',14,'), '?dryRun=false');
      expect(second.body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    });

    it('streams the progress of the writing too, then the report of what was written', async () => {
      await emptyRegistry(db);
      const csv = 'SIRET;Raison sociale;Code postal;Code NAF\n73282932000074;Guides Test;74400;93.19Z\n';
      const { text } = await upload(csv, '?dryRun=false', editor, 'application/x-ndjson');
      const lines = text.trim().split('\n').map((line) => JSON.parse(line));
      expect(lines.slice(0, -1)).toEqual([
        { phase: 'checking', done: Buffer.byteLength(csv), total: Buffer.byteLength(csv), rows: 1 },
        { phase: 'writing', done: 0, total: 1 },
        { phase: 'writing', done: 1, total: 1 },
      ]);
      expect(lines.at(-1).result).toMatchObject({ dryRun: false, created: 1 });
      expect(await count()).toBe(1);
    });

    it('places a row without coordinates at its commune, found by its postcode, as approximate', async () => {
      await emptyRegistry(db);
      const csv = 'SIRET;Raison sociale;Code postal;Code NAF\n73282932000074;Guides Test;74400;93.19Z\n';
      const { body } = await upload(csv, '?dryRun=false');
      expect(body).toMatchObject({ created: 1, approximate: 1, rejected: [] });
      const [feature] = (await client.get('/api/companies')).body.features;
      expect(feature.properties).toMatchObject({ commune: { code: '74056' }, locationApproximate: true, primarySector: 'outdoor' });
    });

    it('reads GeoJSON, the API\'s own output included', async () => {
      await emptyRegistry(db);
      await client.post('/api/companies', { ...chamonixGuides, officialId: '73282932000074' });
      const exported = await client.app.request('http://localhost/api/companies?format=geojson', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      const geojson = await exported.text();
      await emptyRegistry(db);
      const { body } = await upload(geojson, '?dryRun=false');
      expect(body).toMatchObject({ created: 1, rejected: [], file: { format: 'geojson' } });
      const again = await upload(geojson, '?dryRun=false');
      expect(again.body).toMatchObject({ created: 0, unchanged: 1 });
      const [feature] = (await client.get('/api/companies', ADMIN_TOKEN)).body.features;
      expect(feature.properties).toMatchObject({ name: chamonixGuides.name, contact: chamonixGuides.contact, officialId: '73282932000074' });
    });

    it('keeps what a file has no column for: a public export re-imported erases no contact and adds no firm', async () => {
      await emptyRegistry(db);
      await client.post('/api/companies', { ...chamonixGuides, note: 'met at the fair', officialId: '73282932000074' });
      await client.post('/api/companies', { ...courmayeurSpa, contact: { email: 'spa@terme.example', phone: null } });
      // Without a token: the members-only columns (contact_email, contact_phone, note) are not in it.
      const exported = await (await client.app.request('http://localhost/api/companies?format=csv')).text();
      expect(exported.split('\n')[0]).not.toContain('contact_email');

      const again = await upload(exported, '?dryRun=false');
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: [] });
      expect(again.body.duplicates).toHaveLength(1);
      const edited = await upload(exported.replace(`${chamonixGuides.name},`, `${chamonixGuides.name} (Chamonix),`), '?dryRun=false');
      expect(edited.body).toMatchObject({ created: 0, updated: 1 });

      const byName = new Map<string, { contact: unknown; note: unknown }>(
        (await client.get('/api/companies', ADMIN_TOKEN)).body.features.map((f: { properties: { name: string; contact: unknown; note: unknown } }) => [f.properties.name, f.properties]),
      );
      expect(byName.size).toBe(2);
      expect(byName.get(`${chamonixGuides.name} (Chamonix)`)).toMatchObject({ contact: chamonixGuides.contact, note: 'met at the fair' });
      expect(byName.get(courmayeurSpa.name)).toMatchObject({ contact: { email: 'spa@terme.example', phone: null } });
    });

    it('gives the same registry back from a full export imported into an empty registry', async () => {
      await emptyRegistry(db);
      await seedRegistry(db);
      await client.post('/api/companies', { ...chamonixGuides, name: 'Test "Cimes"; guides\nà Chamonix', note: '=1+1', officialId: '73282932000074' });
      // Sorted whole: firms of one name in one commune come in no set order.
      const snapshot = async () =>
        (await db.rows<Record<string, unknown>>(sql`
          SELECT name, sectors::text[], primary_sector::text, country::text, commune_code, commune_name, address,
                 ST_X(location) AS lon, ST_Y(location) AS lat, nace_code, national_code, employees, founded, website,
                 description_fr, description_it, description_en, contact_email, contact_phone, note, official_id,
                 location_approximate, source
          FROM companies`)).map((row) => JSON.stringify(row)).sort();
      const before = await snapshot();
      const exported = await client.app.request('http://localhost/api/companies?format=csv&status=all', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      const csv = new Uint8Array(await exported.arrayBuffer());
      await emptyRegistry(db);
      const { body } = await upload(csv, '?dryRun=false');
      expect(body.rejected).toEqual([]);
      expect(body).toMatchObject({ created: before.length, duplicates: [] });
      expect(await snapshot()).toEqual(before);
      // Firms without an identifier are found again by every field: the re-import is a no-op too.
      const again = await upload(csv, '?dryRun=false');
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      expect(again.body.duplicates).toHaveLength(before.length - 1);
      expect(await snapshot()).toEqual(before);
    }, 240_000);
  });

  describe('bad input', () => {
    it.each([
      ['body', ''],
      ['mapping', 'a,b\n1,2', '?mapping=%7B%22a%22%3A%22colour%22%7D'],
      ['mapping', 'a,b\n1,2', '?mapping=%7B%22zzz%22%3A%22name%22%7D'],
      ['srid', 'a,b\n1,2', '?srid=3857'],
      ['dryRun', 'a,b\n1,2', '?dryRun=maybe'],
      ['body', '{"type": "Feature"', '?format=geojson'],
      ['body', '{"type": "Point", "coordinates": [1, 2]}', '?format=geojson'],
    ])('rejects a bad %s with a 400 naming it, and writes nothing', async (field, body, query = '') => {
      const before = await count();
      const response = await upload(body, query);
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count()).toBe(before);
    });

    it('refuses members and anonymous callers', async () => {
      const member = (await client.post('/api/tokens', { label: 'reader', role: 'member' })).body.token;
      expect((await upload('a,b\n1,2', '', member)).status).toBe(403);
      expect((await upload('a,b\n1,2', '', null)).status).toBe(401);
    });
  });
});
