import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const names = (folder: URL) =>
  existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)).sort() : [];

const readJson = (file: URL): unknown => JSON.parse(readFileSync(file, 'utf8'));

/**
 * A table-driven test from files, as Turf's are: each `in/NAME.json` of `folder` is one case, given
 * to `subject`, and what it returns must equal `out/NAME.json`. With `REGEN=1` the outputs are
 * written first, to be read in the diff before they are committed. The cases are named by their
 * files, so that a failure names its edge case.
 */
export function fixtureTable<Input>(title: string, folder: URL, subject: (input: Input) => unknown): void {
  const inputs = new URL('in/', folder);
  const outputs = new URL('out/', folder);
  describe(title, () => {
    it.each(names(inputs))('%s', (name) => {
      // Through JSON, as the expected output is: no undefined fields, no object identity.
      const actual = JSON.parse(JSON.stringify(subject(readJson(new URL(`${name}.json`, inputs)) as Input)));
      const expected = new URL(`${name}.json`, outputs);
      if (process.env.REGEN === '1') {
        mkdirSync(outputs, { recursive: true });
        writeFileSync(expected, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(existsSync(expected), `no out/${name}.json: write it with REGEN=1, then read it`).toBe(true);
      expect(actual).toEqual(readJson(expected));
    });

    it('has cases, and no output left without its input', () => {
      expect(names(inputs).length).toBeGreaterThan(0);
      expect(names(outputs).filter((name) => !names(inputs).includes(name))).toEqual([]);
    });
  });
}
