import { parse } from 'csv-parse/sync';

/** One record of an imported file: its line (CSV) or feature number (GeoJSON), and its fields by column name. */
export type SourceRow = { line: number; values: Record<string, string>; point?: [number, number] | undefined };

export type SourceFile = {
  format: 'csv' | 'geojson';
  encoding: 'utf-8' | 'windows-1252';
  separator: string | null;
  columns: string[];
  rows: SourceRow[];
  /** EPSG code a GeoJSON file declares with the legacy `crs` member, if any. */
  srid: number | null;
  /** Lines the reader could not make a record of (wrong number of fields). */
  broken: { line: number; reason: string }[];
};

export class FileError extends Error {}

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252, the code page of
 * French, Italian and Swiss spreadsheet exports; ISO-8859-1 files read the same way.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: SourceFile['encoding'] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const SEPARATORS = [';', ',', '\t', '|'];

/** The separator of the header line, counted outside quotes: `;` in French and Italian exports, `,` elsewhere. */
export function detectSeparator(text: string): string {
  const header = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  const counts = SEPARATORS.map((s) => header.split(s).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ',' : SEPARATORS[counts.indexOf(best)]!;
}

function readCsv(text: string): Omit<SourceFile, 'encoding'> {
  const separator = detectSeparator(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: separator, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new FileError(`not readable as CSV: ${(error as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) throw new FileError('the file is empty');
  const columns = head.record.map((c) => c.trim());
  const rows: SourceRow[] = [];
  const broken: SourceFile['broken'] = [];
  for (const { record, info } of body) {
    if (record.length !== columns.length) {
      broken.push({ line: info.lines, reason: `${record.length} fields where the header has ${columns.length}` });
      continue;
    }
    rows.push({ line: info.lines, values: Object.fromEntries(columns.map((c, i) => [c, record[i]!])) });
  }
  return { format: 'csv', separator, columns, rows, srid: null, broken };
}

/** Nested properties (`commune: { code }`, the API's own output) become flat columns (`commune_code`). */
function flatten(value: unknown, prefix: string, out: Record<string, string>) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}_${key}` : key, out);
  } else if (Array.isArray(value)) out[prefix] = value.join(';');
  else if (value !== null && value !== undefined) out[prefix] = String(value);
  return out;
}

function readGeoJson(text: string): Omit<SourceFile, 'encoding'> {
  let data: { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } };
  try {
    data = JSON.parse(text);
  } catch {
    throw new FileError('not valid JSON');
  }
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) throw new FileError('expected a GeoJSON FeatureCollection');
  const crs = /EPSG:{1,2}(\d+)/.exec(data.crs?.properties?.name ?? '');
  const columns = new Set<string>();
  const broken: SourceFile['broken'] = [];
  const rows: SourceRow[] = [];
  data.features.forEach((feature, i) => {
    const f = feature as { type?: string; properties?: unknown; geometry?: { type?: string; coordinates?: unknown } | null };
    if (f?.type !== 'Feature') return broken.push({ line: i + 1, reason: 'not a GeoJSON Feature' });
    const values = flatten(f.properties ?? {}, '', {});
    for (const key of Object.keys(values)) columns.add(key);
    let point: [number, number] | undefined;
    if (f.geometry) {
      const c = f.geometry.coordinates;
      if (f.geometry.type !== 'Point' || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
        return broken.push({ line: i + 1, reason: 'the geometry must be a Point' });
      }
      point = [c[0], c[1]];
    }
    rows.push({ line: i + 1, values, point });
  });
  return { format: 'geojson', separator: null, columns: [...columns], rows, srid: crs ? Number(crs[1]) : null, broken };
}

/** Reads an uploaded CSV or GeoJSON file, whatever its encoding and separator. */
export function readSourceFile(bytes: Uint8Array, format?: 'csv' | 'geojson'): SourceFile {
  const { text, encoding } = decodeText(bytes);
  const body = text.replace(/^\uFEFF/, '');
  const kind = format ?? (/^\s*\{/.test(body) ? 'geojson' : 'csv');
  return { encoding, ...(kind === 'geojson' ? readGeoJson(body) : readCsv(body)) };
}
