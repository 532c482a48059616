/**
 * NACE Rev. 2 codes at the three levels relatedness is learned at: a class (`43.21`), its group
 * (`43.2`) and its division (`43`). Pure: the server, the web app and the tests share it.
 */

export const RELATEDNESS_LEVELS = ['class', 'group', 'division'] as const;
export type RelatednessLevel = (typeof RELATEDNESS_LEVELS)[number];

const PATTERNS: Record<RelatednessLevel, RegExp> = {
  class: /^\d{2}\.\d{2}$/,
  group: /^\d{2}\.\d$/,
  division: /^\d{2}$/,
};

export const NACE_FORMATS: Record<RelatednessLevel, string> = { class: 'NN.NN', group: 'NN.N', division: 'NN' };

/** The level a code is written at, or null when it is no NACE code. */
export function naceLevel(code: string): RelatednessLevel | null {
  return RELATEDNESS_LEVELS.find((level) => PATTERNS[level].test(code)) ?? null;
}

/** A class (`43.21`) at a coarser level: its group `43.2` or its division `43`. */
export function naceAt(classCode: string, level: RelatednessLevel): string {
  if (level === 'division') return classCode.slice(0, 2);
  if (level === 'group') return classCode.slice(0, 4);
  return classCode;
}

/**
 * A NACE class from what registries write: `43.21`, `4321`, or a national code that starts with
 * the class (`43.21A` NAF, `43.21.01` ATECO, `432100` NOGA). Null when it holds no class.
 */
export function parseNaceClass(text: string): string | null {
  const match = /^(\d{2})\.?(\d{2})/.exec(text.trim());
  return match ? `${match[1]}.${match[2]}` : null;
}
