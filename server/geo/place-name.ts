/** A place name as compared: without accents, case or punctuation (`Saint-Gervais-les-Bains` = `saint gervais les bains`). */
export const foldPlaceName = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
