/** What the map shows first: the partner territories (the map fits them; the bench reads the same tiles). */
export const TERRITORIES_BOUNDS: [[number, number], [number, number]] = [[6.45, 45.5], [7.8, 46.3]];
