import type { CompanyFilter } from '../filters.ts';
import { SECTORS } from '../../shared/vocabulary.ts';
import type { Tile } from './tile.ts';

/** Above this zoom the companies layer has a cell per screen pixel: every firm stands alone. */
export const CLUSTER_MAX_ZOOM = 13;

export type TileLayer = {
  name: 'companies' | 'density' | 'links';
  description: string;
  /** Grid cells per tile side at this zoom. */
  cells(z: number): number;
  fields: Record<string, string>;
};

const sectorFields = Object.fromEntries(SECTORS.map((s) => [s, `Number of firms whose main sector is ${s}`]));

export const TILE_LAYERS: Record<TileLayer['name'], TileLayer> = {
  companies: {
    name: 'companies',
    description: 'Firms, clustered on a grid of about 64 screen pixels up to zoom 13, one by one above',
    cells: (z) => (z <= CLUSTER_MAX_ZOOM ? 8 : 512),
    fields: {
      count: 'Number of firms the point stands for',
      ...sectorFields,
      name: 'Name (single firms only)',
      sector: 'Main sector (single firms only)',
      country: 'Country (single firms only)',
    },
  },
  links: {
    name: 'links',
    description: 'Links between firms: up to zoom 11 one arc per pair of communes (count, a and b their codes, aName and bName their names), then one curve per link',
    cells: () => 0,
    fields: {
      count: 'Number of links the line stands for',
      crossBorder: 'True when the two firms are in different countries',
      kind: 'Kind of link (single links only)',
      a: 'Official code of the commune at one end of a flow (flows only)',
      b: 'Official code of the commune at its other end (flows only)',
      aName: 'Name of the commune a',
      bName: 'Name of the commune b',
    },
  },
  density: {
    name: 'density',
    description: 'Firms per sector on a grid of 16 × 16 cells per tile (about 32 screen pixels), at every zoom',
    cells: () => 16,
    fields: { count: 'Number of firms in the cell', ...sectorFields },
  },
};

export type TileRequest = {
  layer: TileLayer;
  tile: Tile;
  filter: CompanyFilter;
  limit: number;
  /** Links layer only: keep the links that cross a border (true) or stay inside one (false). */
  crossBorder?: boolean | undefined;
};

/** One line of the links layer (see links-query.ts). */
export type LineRow = {
  id: number | null;
  kind: string | null;
  count: number;
  cross_border: boolean;
  geojson: string;
  /** A flow's communes (codes, then names); null on single links. */
  a: string | null;
  b: string | null;
  a_name: string | null;
  b_name: string | null;
};

export function lineProperties(row: LineRow): Record<string, string | number | boolean> {
  const ends: Record<string, string> = row.a === null ? {} : { a: row.a, b: row.b!, aName: row.a_name ?? row.a, bName: row.b_name ?? row.b! };
  return { count: row.count, crossBorder: row.cross_border, ...(row.kind === null ? {} : { kind: row.kind }), ...ends };
}

/** One grid cell as the tile query returns it (see grid-query.ts). */
export type CellRow = {
  cx: number;
  cy: number;
  count: number;
  outdoor: number;
  phyto_wellbeing: number;
  building_renovation: number;
  px: number;
  py: number;
  id: number | null;
  name: string | null;
  sector: string | null;
  country: string | null;
};

/** The properties a cell carries in a tile; single firms also carry who they are. */
export function cellProperties(layer: TileLayer, row: CellRow): Record<string, string | number> {
  const counts = { count: row.count, outdoor: row.outdoor, phyto_wellbeing: row.phyto_wellbeing, building_renovation: row.building_renovation };
  if (layer.name !== 'companies' || row.id === null) return counts;
  return { ...counts, name: row.name!, sector: row.sector!, country: row.country! };
}
