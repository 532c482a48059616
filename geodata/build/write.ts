import { writeFileSync } from 'node:fs';

// One item per line: small diffs when a source changes, yet far smaller than indented JSON.
function linePerItem(items: unknown[]): string {
  return `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
}

export function writeFeatureCollection(url: URL, features: unknown[]): void {
  writeFileSync(url, `{"type":"FeatureCollection","features":${linePerItem(features)}}\n`);
}

export function writeRows(url: URL, rows: unknown[]): void {
  writeFileSync(url, `${linePerItem(rows)}\n`);
}

export function writeIndented(url: URL, value: unknown): void {
  writeFileSync(url, `${JSON.stringify(value, null, 2)}\n`);
}
