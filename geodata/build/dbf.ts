/** One record of a dBase table, every field as trimmed text. */
export type DbfRow = Record<string, string>;

type Field = { name: string; offset: number; length: number };

const HEADER_END = 0x0d;
const DELETED = 0x2a; // '*'

/**
 * Minimal dBase III reader, enough for the attribute table of a shapefile.
 * Values are decoded as UTF-8 because swiss-maps writes UTF-8 names without a .cpg file.
 */
export function readDbf(buf: Buffer): DbfRow[] {
  const count = buf.readUInt32LE(4);
  const headerLength = buf.readUInt16LE(8);
  const recordLength = buf.readUInt16LE(10);

  const fields: Field[] = [];
  let offset = 1; // each record starts with its deletion flag
  for (let at = 32; buf[at] !== HEADER_END; at += 32) {
    const name = buf.toString('latin1', at, at + 11).replace(/\0.*$/s, '');
    const length = buf[at + 16] ?? 0;
    fields.push({ name, offset, length });
    offset += length;
  }

  const rows: DbfRow[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (buf[start] === DELETED) continue;
    const row: DbfRow = {};
    for (const field of fields) {
      const from = start + field.offset;
      row[field.name] = buf.toString('utf8', from, from + field.length).replace(/\0/g, '').trim();
    }
    rows.push(row);
  }
  return rows;
}
