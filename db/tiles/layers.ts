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
    description: 'Links between firms: up to zoom 11 one line per pair of communes (count), then one line per link',
    cells: () => 0,
    fields: {
      count: 'Number of links the line stands for',
      crossBorder: 'True when the two firms are in different countries',
      kind: 'Kind of link (single links only)',
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
export type LineRow = { id: number | null; kind: string | null; count: number; cross_border: boolean; geojson: string };

export function lineProperties(row: LineRow): Record<string, string | number | boolean> {
  return { count: row.count, crossBorder: row.cross_border, ...(row.kind === null ? {} : { kind: row.kind }) };
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
