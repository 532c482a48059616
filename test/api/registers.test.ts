import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../server/import/report.ts';
import { testClient, type TestClient } from '../support/app.ts';
import { emptyRegistry, testEngines, useTestDb } from '../support/databases.ts';
import { decodeLayer, tilesCovering } from '../support/mvt.ts';

/**
 * The registers' own files, in their published layouts (test/fixtures/registers), imported with no
 * hand mapping: recognised, translated by their profiles, with status, dates, headcount bands,
 * scope and area counts; re-imported as a no-op; closed by a later extract.
 */
const fixture = (path: string) => readFileSync(new URL(`../fixtures/registers/${path}`, import.meta.url));

type Report = ImportReport;

type Properties = Record<string, unknown> & { name: string; officialId: string; status: string };

describe.each(testEngines())('registers in their own layouts on %s', (engine) => {
  const holder = useTestDb(engine);
  let client: TestClient;
  let editor: string;
  // The database is the holder's, opened before this runs.
  beforeAll(async () => {
    client = testClient(holder.db);
    editor = (await client.post('/api/tokens', { label: 'Registers', role: 'editor' })).body.token;
  });

  /** Uploads a file (and a second one, as multipart), as the upload page does. */
  const upload = async (file: Buffer, query: string, legalUnits?: Buffer): Promise<{ status: number; body: Report & { errors?: { field: string; message: string }[] } }> => {
    let body: BodyInit = file as BodyInit;
    const headers: Record<string, string> = { Authorization: `Bearer ${editor}` };
    if (legalUnits) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), 'StockEtablissement_74.csv');
      form.append('legalUnits', new Blob([new Uint8Array(legalUnits)]), 'StockUniteLegale_74.csv');
      body = form;
    } else headers['Content-Type'] = 'text/csv';
    const response = await client.app.request(`http://localhost/api/imports?${query}`, { method: 'POST', headers, body });
    return { status: response.status, body: await response.json() };
  };
  const features = async (query = '') => (await client.get(`/api/companies?limit=1000${query}`)).body.features as { id: number; properties: Properties; geometry: { coordinates: [number, number] } }[];
  const byId = async (query = '') => new Map((await features(query)).map((f) => [f.properties.officialId, f]));
  const version = async () => (await client.get('/api/health')).body.dataVersion as number;
  const rejectedFields = (report: Report) => report.rejected.map((r) => [r.line, r.field]);

  describe('SIRENE StockEtablissement, with StockUniteLegale and a later extract', () => {
    const sirene = fixture('sirene/StockEtablissement_74.csv');
    const legalUnits = fixture('sirene/StockUniteLegale_74.csv');
    beforeAll(() => emptyRegistry(holder.db));

    it('recognises the layout and reads it with no hand mapping: bands, status, dates, scope and area counted, bad values rejected naming their column', async () => {
      const { status, body } = await upload(sirene, 'dryRun=true');
      expect(status).toBe(200);
      expect(body.profile).toBe('sirene-etablissement');
      expect(body.mapping).toMatchObject({
        siret: 'officialId', codeCommuneEtablissement: 'communeCode', activitePrincipaleEtablissement: 'nationalCode',
        coordonneeLambertAbscisseEtablissement: 'x', trancheEffectifsEtablissement: 'employeesMin', etatAdministratifEtablissement: 'status', dateDebut: 'closedOn',
      });
      expect(body).toMatchObject({ created: 4, updated: 0, outsideScope: 2, outsideArea: 1, skipped: 5 });
      expect(rejectedFields(body)).toEqual([
        [5, 'enseigne1Etablissement'],
        [7, 'trancheEffectifsEtablissement'],
        [8, 'dateCreationEtablissement'],
        [9, 'dateDebut'],
        [13, 'enseigne1Etablissement'],
      ]);
      const reasons = body.rejected.map((r) => r.reason).join('\n');
      expect(reasons).toMatch(/unknown size code '99'/);
      expect(reasons).toMatch(/'2019-13-45' is not a date/);
      expect(reasons).toMatch(/2001-01-01 is before the opening date 2010-05-01/);
      expect(reasons).toMatch(/give the legal units file \(StockUniteLegale\)/);
      expect((await client.get('/api/health')).body.companies).toBe(0);
    });

    it('names the establishments without a sign from the legal units file, and keeps the profile, file and extract date', async () => {
      const { body } = await upload(sirene, 'dryRun=false&extractDate=2026-11-01&fileName=StockEtablissement_74.csv', legalUnits);
      expect(body).toMatchObject({ profile: 'sirene-etablissement', created: 6, outsideScope: 2, outsideArea: 1, file: { extractDate: '2026-11-01', name: 'StockEtablissement_74.csv' } });
      expect(rejectedFields(body)).toEqual([[7, 'trancheEffectifsEtablissement'], [8, 'dateCreationEtablissement'], [9, 'dateDebut']]);
      const firms = await byId('&status=all');
      expect(firms.get('91234568000017')!.properties.name).toBe('EXEMPLE ESSENCES DU MONT-BLANC SARL');
      expect(firms.get('91234567500017')!.properties).toMatchObject({
        name: 'EXEMPLE GUIDES DU MONT-BLANC', status: 'active', openedOn: '2012-03-01', closedOn: null, founded: 2012,
        employees: null, employeesRange: { min: 20, max: 49 }, employeesYear: 2023,
        activity: { nace: '93.19', national: { scheme: 'NAF', code: '93.19Z' } }, commune: { code: '74056' }, locationApproximate: false,
        address: '12 RUE DES GUIDES EXEMPLE, 74400 CHAMONIX-MONT-BLANC',
        provenance: { profile: 'sirene-etablissement', file: 'StockEtablissement_74.csv', extractDate: '2026-11-01' },
      });
      const [lon, lat] = firms.get('91234567500017')!.geometry.coordinates;
      expect(lon).toBeCloseTo(6.8694, 3);
      expect(lat).toBeCloseTo(45.9237, 3);
      expect(firms.get('91234567500025')!.properties).toMatchObject({ status: 'closed', closedOn: '2021-06-30', openedOn: '2005-09-15', employeesRange: { min: 0, max: 0 }, employeesYear: null });
      expect(firms.get('91234567500108')!.properties).toMatchObject({ employees: null, employeesRange: { min: 10000, max: null } });
      expect(firms.get('91234567500082')!.properties).toMatchObject({ name: 'EXEMPLE SPA ALPIN', locationApproximate: true, address: '74400 CHAMONIX-MONT-BLANC' });
      expect(firms.size).toBe(6);
    });

    it('shows active firms by default in every read, the others with status=closed|all', async () => {
      expect((await features()).map((f) => f.properties.status)).toEqual(Array(5).fill('active'));
      expect((await features('&status=closed')).map((f) => f.properties.officialId)).toEqual(['91234567500025']);
      expect(await features('&status=all')).toHaveLength(6);
      const csvRows = async (query: string) => {
        const response = await client.app.request(`http://localhost/api/companies?format=csv${query}`);
        return parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
      };
      expect((await csvRows('')).map((r) => r.status)).toEqual(Array(5).fill('active'));
      const closed = (await csvRows('&status=closed'))[0]!;
      expect(closed).toMatchObject({ status: 'closed', closed_on: '2021-06-30', employees_min: '0', employees_max: '0', source_profile: 'sirene-etablissement' });
      expect((await client.get('/api/stats?by=country')).body.total).toBe(5);
      expect((await client.get('/api/stats?by=country&status=all')).body.total).toBe(6);
      expect((await client.get('/ogc/collections/companies/items?limit=100')).body.numberMatched).toBe(5);
      expect((await client.get('/ogc/collections/companies/items?limit=100&status=closed')).body.numberMatched).toBe(1);
      const near = async (query: string) => (await client.get(`/api/nearby?lon=6.80&lat=45.89&radius=3000${query}`)).body.features as unknown[];
      expect(await near('')).toHaveLength(0);
      expect(await near('&status=closed')).toHaveLength(1);
    });

    it('counts only active firms in the default tiles, and the others with status=closed|all', async () => {
      const everyFirm = (await features('&status=all')).map((f) => f.geometry.coordinates);
      expect(everyFirm).toHaveLength(6);
      // The tiles holding a firm, at a zoom of each kind: precomputed cells (6, 10) and single firms (14).
      const tilesOf = (z: number) => [...new Map(everyFirm.flatMap(([lon, lat]) => tilesCovering([lon, lat, lon, lat], z)).map((t) => [`${t.x}/${t.y}`, t])).values()];
      const tileCount = async (z: number, query: string) => {
        let total = 0;
        for (const { x, y } of tilesOf(z)) {
          const response = await client.app.request(`http://localhost/api/tiles/companies/${z}/${x}/${y}.mvt${query}`);
          expect([200, 204]).toContain(response.status);
          if (response.status === 200) total += decodeLayer(await response.arrayBuffer(), 'companies').reduce((s, f) => s + Number(f.properties.count), 0);
        }
        return total;
      };
      for (const z of [6, 10, 14]) {
        expect(await tileCount(z, '')).toBe(5);
        expect(await tileCount(z, '?status=closed')).toBe(1);
        expect(await tileCount(z, '?status=all')).toBe(6);
        // A filter the cells are not keyed on takes the other path: the same counts.
        expect(await tileCount(z, '?status=all&q=exemple')).toBe(6);
        expect(await tileCount(z, '?q=exemple')).toBe(5);
      }
    });

    it('filters the size by the band: a firm is in the size band that holds its whole band', async () => {
      const sized = async (size: string) => (await features(`&size=${size}&status=all`)).map((f) => f.properties.officialId).sort();
      expect(await sized('small')).toEqual(['91234567500017']);
      expect(await sized('large')).toEqual(['91234567500108']);
      expect(await sized('micro')).toEqual(['91234567500025', '91234567500082', '91234568000017', '91234568000025']);
      expect(await sized('medium')).toEqual([]);
    });

    it('gives statistics of employees as a range, open when a band is, with the unknown count', async () => {
      const stats = (await client.get('/api/stats?by=country&status=all')).body;
      expect(stats).toMatchObject({ total: 6, employeesMin: 20 + 0 + 6 + 0 + 10000 + 1, employeesMax: null, employeesUnknown: 0 });
      const active = (await client.get('/api/stats?by=country&country=FR&size=micro')).body;
      expect(active).toMatchObject({ total: 3, employeesMin: 0 + 6 + 1, employeesMax: 0 + 9 + 2, employees: 7 });
    });

    it('changes nothing when the same extract is imported again', async () => {
      const before = await version();
      const { body } = await upload(sirene, 'dryRun=false&extractDate=2026-11-01&fileName=StockEtablissement_74.csv', legalUnits);
      expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
      expect(await version()).toBe(before);
    });

    it('closes a firm that a later extract closes, with its history', async () => {
      const { body } = await upload(fixture('sirene/StockEtablissement_74_later.csv'), 'dryRun=false&extractDate=2026-12-01&fileName=StockEtablissement_74_later.csv', legalUnits);
      expect(body).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
      const guides = (await byId('&status=closed')).get('91234567500017')!;
      expect(guides.properties).toMatchObject({ status: 'closed', closedOn: '2026-09-30', provenance: { extractDate: '2026-12-01', file: 'StockEtablissement_74_later.csv' } });
      const history = (await client.get(`/api/companies/${guides.id}/history`, editor)).body.entries;
      expect(history[0]).toMatchObject({ action: 'import', changes: { status: { before: 'active', after: 'closed' }, closedOn: { before: null, after: '2026-09-30' } } });
      expect((await features()).map((f) => f.properties.officialId)).not.toContain('91234567500017');
    });

    it('lets an editor reopen and close a firm, and refuses a closing before the opening or an active firm with a closing date, naming the field', async () => {
      const guides = (await byId('&status=all')).get('91234567500017')!;
      const reopened = await client.patch(`/api/companies/${guides.id}`, { status: 'active', closedOn: null }, editor);
      expect(reopened.status).toBe(200);
      expect(reopened.body.properties).toMatchObject({ status: 'active', closedOn: null, employeesRange: { min: 20, max: 49 } });
      const closed = await client.patch(`/api/companies/${guides.id}`, { closedOn: '2026-10-31' }, editor);
      expect(closed.body.properties).toMatchObject({ status: 'closed', closedOn: '2026-10-31' });
      const before = await client.patch(`/api/companies/${guides.id}`, { closedOn: '2001-01-01' }, editor);
      expect(before.status).toBe(400);
      expect(before.body.errors).toEqual([{ field: 'closedOn', message: '2001-01-01 is before the opening date 2012-03-01' }]);
      const contradiction = await client.patch(`/api/companies/${guides.id}`, { status: 'active' }, editor);
      expect(contradiction.status).toBe(400);
      expect(contradiction.body.errors[0].field).toBe('closedOn');
      const unknownDate = await client.patch(`/api/companies/${guides.id}`, { status: 'closed', closedOn: null }, editor);
      expect(unknownDate.body.properties).toMatchObject({ status: 'closed', closedOn: null });
      const exact = await client.patch(`/api/companies/${guides.id}`, { employees: 31 }, editor);
      expect(exact.body.properties).toMatchObject({ employees: 31, employeesRange: { min: 31, max: 31 } });
      const badDate = await client.patch(`/api/companies/${guides.id}`, { openedOn: '2012-02-30' }, editor);
      expect(badDate.body.errors).toEqual([{ field: 'openedOn', message: 'not a calendar date (from 1800)' }]);
    });

    it('reads the community-geocoded variant: longitude and latitude, and a position that is only the commune as approximate', async () => {
      await emptyRegistry(holder.db);
      const { body } = await upload(fixture('sirene/StockEtablissement_74_geo.csv'), 'dryRun=false', legalUnits);
      expect(body).toMatchObject({ profile: 'sirene-etablissement', created: 2, rejected: [] });
      expect(body.mapping).toMatchObject({ longitude: 'x', latitude: 'y', geo_type: 'locationApproximate' });
      const firms = await byId();
      expect(firms.get('91234567500017')!.properties.locationApproximate).toBe(false);
      expect(firms.get('91234568000017')!.properties.locationApproximate).toBe(true);
    });
  });

  describe('Registro Imprese, elenco imprese', () => {
    const list = fixture('registro-imprese/elenco_imprese_AO.csv');
    beforeAll(() => emptyRegistry(holder.db));

    it('recognises the chambers’ list: communes by name, addetti IND + DIP with their year, ATECO 2007, closed firms, a cessation before the start rejected', async () => {
      const { body } = await upload(list, 'dryRun=false&extractDate=2026-11-15');
      expect(body).toMatchObject({ profile: 'registro-imprese', created: 4, outsideScope: 1, outsideArea: 0 });
      expect(rejectedFields(body)).toEqual([[6, 'DT-CESSAZ']]);
      const firms = await byId('&status=all');
      expect(firms.get('00001234566')!.properties).toMatchObject({
        name: 'ESEMPIO GUIDE DEL BIANCO S.R.L.', country: 'IT', commune: { code: '007022', name: 'Courmayeur' }, status: 'active',
        openedOn: '2009-03-12', employees: 5, employeesRange: { min: 5, max: 5 }, employeesYear: 2024, primarySector: 'outdoor',
      });
      expect(firms.get('00001234574')!.properties).toMatchObject({ status: 'closed', closedOn: '2023-04-15', openedOn: '2010-12-01' });
      // Listed after a restaurant's code, the spa's code places it in a filière.
      expect(firms.get('00001234590')!.properties).toMatchObject({ commune: { code: '007053' }, activity: { nace: '96.04', national: { code: '96.04.10' } }, primarySector: 'phyto_wellbeing' });
      expect(firms.get('00001234616')!.properties).toMatchObject({ employees: null, employeesRange: null, employeesYear: null });
    });

    it('is a no-op again, and a later list closes a firm', async () => {
      expect((await upload(list, 'dryRun=false&extractDate=2026-11-15')).body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
      const later = await upload(fixture('registro-imprese/elenco_imprese_AO_later.csv'), 'dryRun=false&extractDate=2026-12-15');
      expect(later.body).toMatchObject({ updated: 1, unchanged: 3 });
      expect((await byId('&status=closed')).get('00001234566')!.properties).toMatchObject({ status: 'closed', closedOn: '2026-09-30' });
    });

    it('reads ATECO 2025 codes by the sector table’s division lines only, leaving the NACE Rev. 2 class unknown', async () => {
      await emptyRegistry(holder.db);
      const { body } = await upload(list, 'dryRun=false&profile=registro-imprese-ateco2025');
      expect(body).toMatchObject({ profile: 'registro-imprese-ateco2025', created: 1, outsideScope: 4 });
      const [firm] = await features();
      expect(firm!.properties).toMatchObject({ officialId: '00001234616', primarySector: 'building_renovation', activity: { nace: null, national: { code: '43.22.01' } } });
    });
  });

  describe('Zefix and the UID register', () => {
    beforeAll(() => emptyRegistry(holder.db));

    it('reads Zefix records (JSON as the API gives them): legal seat by BFS number, status, deletion date; a list without activity needs its sector', async () => {
      const zefix = fixture('zefix/zefix_valais.json');
      const without = await upload(zefix, 'dryRun=true');
      expect(without.body.profile).toBe('zefix-uid');
      expect(without.body.rejected.map((r) => r.field)).toEqual(['sectors', 'sectors', 'sectors']);
      const { body } = await upload(zefix, 'dryRun=false&sector=outdoor');
      expect(body).toMatchObject({ created: 3, approximate: 3, rejected: [] });
      const firms = await byId('&status=all');
      expect(firms.get('CHE-101.234.564')!.properties).toMatchObject({ status: 'active', commune: { code: '6136', name: 'Martigny' }, address: "Rue de l'Exemple 1", primarySector: 'outdoor' });
      expect(firms.get('CHE-101.234.570')!.properties).toMatchObject({ status: 'closed', closedOn: '2025-08-31' });
      expect(firms.get('CHE-101.234.587')!.properties).toMatchObject({ status: 'active', closedOn: null });
      const later = await upload(fixture('zefix/zefix_valais_later.json'), 'dryRun=false&sector=outdoor');
      expect(later.body).toMatchObject({ updated: 1, unchanged: 2 });
      expect((await byId('&status=closed')).get('CHE-101.234.564')!.properties).toMatchObject({ closedOn: '2026-10-15' });
    });

    it('reads the UID register’s fields with their NOGA codes, a café counted outside the scope', async () => {
      const { body } = await upload(fixture('zefix/uid_register_valais.csv'), 'dryRun=false');
      expect(body).toMatchObject({ profile: 'zefix-uid', created: 2, outsideScope: 1, rejected: [] });
      const firms = await byId();
      expect(firms.get('CHE-101.234.593')!.properties).toMatchObject({ primarySector: 'phyto_wellbeing', activity: { nace: '96.04', national: { scheme: 'NOGA', code: '960400' } } });
    });
  });

  describe('profiles', () => {
    it('lists the profiles with their sources and code tables', async () => {
      const { status, body } = await client.get('/api/import-profiles');
      expect(status).toBe(200);
      expect(body.profiles.map((p: { id: string }) => p.id)).toEqual(['registro-imprese-ateco2025', 'registro-imprese', 'sirene-etablissement', 'zefix-uid']);
      const sirene = body.profiles.find((p: { id: string }) => p.id === 'sirene-etablissement');
      expect(sirene.headcountBands).toMatchObject({ NN: { min: 0, max: 0 }, '12': { min: 20, max: 49 }, '53': { min: 10000, max: null } });
      expect(sirene.statuses).toEqual({ A: 'active', F: 'closed' });
      expect(sirene.sources[0].url).toMatch(/^https:\/\//);
      expect(sirene.legalUnits.recognise).toEqual(['siren', 'denominationUniteLegale']);
      expect(sirene.notes[1].fr).toContain('est un code, jamais un nombre');
    });

    it('documents every profile in French, Italian and English, as the upload page shows it', async () => {
      const { body } = await client.get('/api/import-profiles');
      type Texts = Record<'fr' | 'it' | 'en', string>;
      const texts: Texts[] = body.profiles.flatMap((p: { description: Texts; notes: Texts[] }) => [p.description, ...p.notes]);
      expect(texts.length).toBeGreaterThan(body.profiles.length);
      for (const text of texts) expect(new Set([text.fr, text.it, text.en]).size, JSON.stringify(text)).toBe(3);
    });

    it('refuses an unknown profile, one the file does not fit, a second file a profile takes none of, a bad extract date, a translated column mapped by hand and a saved mapping, naming the field', async () => {
      const sirene = fixture('sirene/StockEtablissement_74.csv');
      const italian = fixture('registro-imprese/elenco_imprese_AO.csv');
      const field = async (file: Buffer, query: string, legalUnits?: Buffer) => {
        const { status, body } = await upload(file, query, legalUnits);
        expect(status).toBe(400);
        return body.errors!.map((e) => e.field);
      };
      expect(await field(sirene, 'profile=insee')).toEqual(['profile']);
      expect(await field(sirene, 'profile=registro-imprese')).toEqual(['profile']);
      expect(await field(italian, 'dryRun=true', fixture('sirene/StockUniteLegale_74.csv'))).toEqual(['legalUnits']);
      expect(await field(sirene, 'dryRun=true', italian)).toEqual(['legalUnits']);
      expect(await field(sirene, 'extractDate=2026-02-30')).toEqual(['extractDate']);
      // A size code mapped by hand would be read as a headcount.
      expect(await field(sirene, `mapping=${encodeURIComponent(JSON.stringify({ trancheEffectifsEtablissement: 'employees' }))}`)).toEqual(['mapping']);
      const saved = await client.put('/api/import-mappings/Sirene%20by%20hand', { mapping: { siret: 'officialId' } }, editor);
      expect(saved.status).toBe(201);
      expect(await field(sirene, 'savedMapping=Sirene%20by%20hand')).toEqual(['savedMapping']);
      expect(await holder.db.rows(sql`SELECT id FROM companies WHERE official_id LIKE '9123%'`)).toEqual([]);
    });

    it('reads a register’s file without its profile when told profile=none: its columns then map by their names, or by a saved mapping', async () => {
      const { body } = await upload(fixture('sirene/StockEtablissement_74.csv'), 'dryRun=true&profile=none');
      expect(body.profile).toBeNull();
      expect(body.mapping.siret).toBe('officialId');
      expect(body.created).toBe(0);
      const savedMapping = await upload(fixture('sirene/StockEtablissement_74.csv'), 'dryRun=true&profile=none&savedMapping=Sirene%20by%20hand');
      expect(savedMapping.status).toBe(200);
    });

    it('lets a column the profile does not translate be mapped by hand over it', async () => {
      const { body } = await upload(fixture('sirene/StockEtablissement_74.csv'), `dryRun=true&mapping=${encodeURIComponent(JSON.stringify({ enseigne2Etablissement: 'descriptionFr' }))}`);
      expect(body.profile).toBe('sirene-etablissement');
      expect(body.mapping.enseigne2Etablissement).toBe('descriptionFr');
      expect(body.created).toBe(4);
    });
  });
});
