import { fixtureTable } from '../../test/support/fixture-table.ts';
import { type Tile, isValidTile, tileBounds } from './tile.ts';

// The bounds of a tile that is no tile mean nothing: only a valid one's are compared.
fixtureTable<Tile>('tile addresses and their bounds (db/tiles/test)', new URL('./test/', import.meta.url), (tile) => ({
  valid: isValidTile(tile),
  bounds: isValidTile(tile) ? tileBounds(tile) : null,
}));
