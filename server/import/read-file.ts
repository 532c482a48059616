import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { BATCH } from './batches.ts';

/** One record of an imported file: its line (CSV) or feature number (GeoJSON), and its fields by column name. */
export type SourceRow = { line: number; values: Record<string, string>; point?: [number, number] | undefined };

export type SourceFile = {
  format: 'csv' | 'geojson' | 'json';
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

/** A JSON array of records (a register's API answer saved as a file, such as Zefix's), flattened like GeoJSON properties. */
function readJsonRecords(text: string): Omit<SourceFile, 'encoding'> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FileError('not valid JSON');
  }
  if (!Array.isArray(data)) throw new FileError('expected a GeoJSON FeatureCollection or an array of records');
  const columns = new Set<string>();
  const broken: SourceFile['broken'] = [];
  const rows: SourceRow[] = [];
  data.forEach((record, i) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return broken.push({ line: i + 1, reason: 'not a record (an object)' });
    const values = flatten(record, '', {});
    for (const key of Object.keys(values)) columns.add(key);
    rows.push({ line: i + 1, values });
  });
  return { format: 'json', separator: null, columns: [...columns], rows, srid: null, broken };
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

/** Reads an uploaded CSV, GeoJSON or JSON file whole, whatever its encoding and separator. */
export function readSourceFile(bytes: Uint8Array, format?: SourceFile['format']): SourceFile {
  const { text, encoding } = decodeText(bytes);
  const body = text.replace(/^\uFEFF/, '');
  const kind = format ?? kindOf(body);
  return { encoding, ...(kind === 'geojson' ? readGeoJson(body) : kind === 'json' ? readJsonRecords(body) : readCsv(body)) };
}

const kindOf = (text: string): SourceFile['format'] => (/^\s*\{/.test(text) ? 'geojson' : /^\s*\[/.test(text) ? 'json' : 'csv');

/**
 * A file read as it streams in: its header and kind at once, its rows a batch at a time, so that
 * a register of hundreds of thousands of rows never sits in memory as records. `bytesRead` says
 * how far the reading is (about: a CSV's in characters); lines that make no record are added to
 * `broken` as they are met.
 */
export type StreamedFile = Omit<SourceFile, 'rows'> & { batches: () => AsyncGenerator<SourceRow[]>; bytesRead: () => number };

/** Enough of a file to tell its encoding, kind and separator. */
const SNIFF_BYTES = 64 * 1024;

/** Counts the bytes of a stream as they go by. */
async function* counted(chunks: AsyncIterable<Uint8Array>, count: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    count(chunk.length);
    yield chunk;
  }
}

/** Text from bytes, in the encoding told by the first bytes (UTF-8 when they are valid UTF-8, else Windows-1252). */
async function* decoded(chunks: AsyncIterator<Uint8Array>, head: Uint8Array, encoding: SourceFile['encoding']): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let first = decoder.decode(head, { stream: true }).replace(/^\uFEFF/, '');
  if (first) yield first;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    first = decoder.decode(next.value, { stream: true });
    if (first) yield first;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The first bytes of a stream (at least `SNIFF_BYTES`, or all of a shorter one), and the stream's iterator past them. */
async function sniff(chunks: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterator<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), rest: iterator };
}

/** UTF-8 when the first bytes are (a sequence cut at their end aside), else Windows-1252. */
function encodingOf(head: Uint8Array): SourceFile['encoding'] {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

async function* rest(iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

/** Reads a file as it streams in (see `StreamedFile`); GeoJSON and JSON, which have no rows before their end, are read whole. */
export async function streamSourceFile(chunks: AsyncIterable<Uint8Array>, format?: SourceFile['format']): Promise<StreamedFile> {
  let bytes = 0;
  const { head, rest: iterator } = await sniff(counted(chunks, (n) => (bytes += n)));
  const encoding = encodingOf(head);
  const start = new TextDecoder(encoding).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const kind = format ?? kindOf(start);
  if (kind !== 'csv') {
    const parts = [head];
    for await (const chunk of rest(iterator)) parts.push(chunk);
    const whole = readSourceFile(Buffer.concat(parts), kind);
    const { rows, ...file } = whole;
    return { ...file, batches: async function* () { for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH); }, bytesRead: () => bytes };
  }
  const separator = detectSeparator(start);
  const parser = parseStream({ delimiter: separator, relax_column_count: true, skip_empty_lines: true, info: true });
  // How far the parser is in the file (in characters, about its bytes): the chunks it has been
  // given run ahead of the rows it has made.
  let parsed = 0;
  Readable.from(decoded(iterator, head, encoding)).on('error', (error) => parser.destroy(error)).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number; bytes: number } }>;
  const next = async () => {
    try {
      return await records.next();
    } catch (error) {
      throw new FileError(`not readable as CSV: ${(error as Error).message}`);
    }
  };
  const header = await next();
  if (header.done) throw new FileError('the file is empty');
  const columns = header.value.record.map((c) => c.trim());
  const broken: SourceFile['broken'] = [];
  async function* batches(): AsyncGenerator<SourceRow[]> {
    let batch: SourceRow[] = [];
    for (let item = await next(); !item.done; item = await next()) {
      const { record, info } = item.value;
      parsed = info.bytes;
      if (record.length !== columns.length) {
        broken.push({ line: info.lines, reason: `${record.length} fields where the header has ${columns.length}` });
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) values[columns[i]!] = record[i]!;
      batch.push({ line: info.lines, values });
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  return { format: 'csv', encoding, separator, columns, srid: null, broken, batches, bytesRead: () => Math.min(parsed, bytes) };
}

/** A whole file in memory, streamed as one chunk after another (for the API's uploads and the tests). */
export async function* chunksOf(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
