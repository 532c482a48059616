import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { ADMIN_TOKEN, testClient, type TestClient } from '../support/app.ts';
import { openSampleDb, testEngines } from '../support/databases.ts';
import { type CompanyFeature, fetchAll, ids } from '../support/registry.ts';
import { chamonixGuides } from '../fixtures/companies.ts';

/** A firm whose every text field is awkward for CSV: quotes, separators, new lines, a formula. */
const awkwardFirm = {
  ...chamonixGuides,
  name: 'Test "Les Cimes", guides; et @lpinistes',
  address: '12 rue du Lac\nBP 3, 74400 Chamonix',
  description: { fr: '=HYPERLINK("http://evil.example")', it: 'Guide, alpine; dal 1990', en: null },
  note: 'private note',
};

describe.each(testEngines())('exporting the registry on %s', (engine) => {
  let db: Database;
  let client: TestClient;
  let all: CompanyFeature[];
  let awkwardId: number;

  beforeAll(async () => {
    db = await openSampleDb(engine);
    client = testClient(db);
    awkwardId = (await client.post('/api/companies', awkwardFirm)).body.id;
    all = await fetchAll(client);
  });
  afterAll(() => db?.close());

  const csv = async (query: string, token: string | null = null) => {
    const response = await client.app.request(`http://localhost/api/companies?format=csv${query}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return { response, text, rows: parse(text, { bom: true, columns: true }) as Record<string, string>[] };
  };

  it('exports every match of every page as CSV with a BOM, a header and CRLF line ends', async () => {
    const { response, text, rows } = await csv('');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="companies.csv"');
    expect(text.startsWith('\uFEFFid,official_id,name,sectors,primary_sector,country,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(all.length);
    expect(rows.map((r) => Number(r.id))).toEqual(ids(all));
  });

  it('applies the same filters as the list', async () => {
    const query = 'sector=outdoor&country=IT,CH&bbox=6.5,45.5,7.5,46.3';
    const { rows } = await csv(`&${query}`);
    const expected = await fetchAll(client, query);
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.map((r) => Number(r.id))).toEqual(ids(expected));
  });

  it('writes each field as the API has it, quoting quotes, separators and new lines', async () => {
    const { rows } = await csv('&q=cimes');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: String(awkwardId),
      name: awkwardFirm.name,
      sectors: 'outdoor',
      country: 'FR',
      commune_code: '74056',
      address: awkwardFirm.address,
      longitude: '6.8694',
      latitude: '45.9237',
      nace: '93.19',
      national_code: '93.19Z',
      description_it: 'Guide, alpine; dal 1990',
      description_en: '',
      source: 'manual',
    });
  });

  it('turns a value a spreadsheet would run as a formula into text', async () => {
    const { rows } = await csv('&q=cimes');
    expect(rows[0]!.description_fr).toBe(`'${awkwardFirm.description.fr}`);
  });

  it('keeps the contact and the internal note out of an anonymous export', async () => {
    const { text, rows } = await csv('&q=cimes');
    expect(Object.keys(rows[0]!)).not.toContain('contact_email');
    expect(Object.keys(rows[0]!)).not.toContain('note');
    expect(text).not.toContain(chamonixGuides.contact.email);
    expect(text).not.toContain('private note');
  });

  it('adds the private columns for members and above', async () => {
    const { rows } = await csv('&q=cimes', ADMIN_TOKEN);
    expect(rows[0]).toMatchObject({ contact_email: chamonixGuides.contact.email, contact_phone: `'${chamonixGuides.contact.phone}`, note: 'private note' });
  });

  it('exports an empty selection as the header alone', async () => {
    const { text, rows } = await csv('&q=nothingmatchesthis');
    expect(rows).toEqual([]);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('rejects an unknown format with a 400 naming it', async () => {
    const response = await client.get('/api/companies?format=xlsx');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('format');
  });
});
