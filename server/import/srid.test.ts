import { fixtureTable } from '../../test/support/fixture-table.ts';
import { guessSrid } from './srid.ts';

fixtureTable<{ x: number; y: number }>('guessing the coordinate system (server/import/test/guess-srid)', new URL('./test/guess-srid/', import.meta.url), ({ x, y }) => guessSrid(x, y));
