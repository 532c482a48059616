import * as turf from '@turf/turf';
import type { Feature, GeometryCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LakeProperties, Lakes, Names } from '../types.ts';
import { WINDOW } from './countries.ts';
import type { PinnedTarball } from './npm-tarball.ts';
import { roundPolygonal } from './round.ts';

/**
 * OSM water polygons as generalised for small scales by openstreetmapdata.com
 * ("water-reduced-polygons"), packaged by geo-maps. 59 MB installed, so read from its pinned
 * tarball (see npm-tarball.ts). The polygons carry no names.
 */
export const EARTH_LAKES: PinnedTarball = {
  name: '@geo-maps/earth-lakes-10m',
  version: '0.6.0',
  integrity: 'sha512-1gCzMy/JCdcWa3xDwDLIQcLAzx8+jz187tlJqbSgsQMEsA6e3CjKW5CqFIkdsOQ5oSWE6c6p7Bni3C8wP2sFGQ==',
};
export const EARTH_LAKES_FILE = 'map.geo.json';

type NamedLake = { name: string; names: Names; inside: Position[] };

const local = (name: string): Names => ({ fr: name, it: name, en: name });

/**
 * The lakes the map names, each with a point well inside (at least 400 m from the shore) each of
 * its polygons. The source is generalised on a grid, which cuts narrow lakes into pieces (Léman
 * at Geneva, Annecy at Duingt, Orta, Maggiore at Cannobio, Gruyère): every piece gets a point.
 * A polygon with no point is left out, and the build lists the large ones it leaves out: they
 * are pieces we could not name with certainty.
 */
const NAMED_LAKES: NamedLake[] = [
  { name: 'Lac Léman', names: { fr: 'Lac Léman', it: 'Lago di Ginevra', en: 'Lake Geneva' }, inside: [[6.5638, 46.4545], [6.1671, 46.2253]] },
  { name: "Lac d'Annecy", names: { fr: "Lac d'Annecy", it: 'Lago di Annecy', en: 'Lake Annecy' }, inside: [[6.1574, 45.8859], [6.2303, 45.8044], [6.2041, 45.8342]] },
  { name: 'Lac du Bourget', names: { fr: 'Lac du Bourget', it: 'Lago del Bourget', en: 'Lake Bourget' }, inside: [[5.8463, 45.7828]] },
  { name: "Lac d'Aiguebelette", names: { fr: "Lac d'Aiguebelette", it: 'Lago di Aiguebelette', en: 'Lake Aiguebelette' }, inside: [[5.7999, 45.5522]] },
  { name: 'Lac de Paladru', names: { fr: 'Lac de Paladru', it: 'Lago di Paladru', en: 'Lake Paladru' }, inside: [[5.5329, 45.4566]] },
  { name: 'Lac du Mont-Cenis', names: { fr: 'Lac du Mont-Cenis', it: 'Lago del Moncenisio', en: 'Lake Mont-Cenis' }, inside: [[6.9313, 45.2338]] },
  { name: 'Lac de Roselend', names: local('Lac de Roselend'), inside: [[6.6344, 45.7007]] },
  { name: 'Lac du Chevril', names: local('Lac du Chevril'), inside: [[6.9338, 45.4828]] },
  { name: "Lac d'Émosson", names: local("Lac d'Émosson"), inside: [[6.9079, 46.075]] },
  { name: 'Lac des Dix', names: local('Lac des Dix'), inside: [[7.3912, 46.0695]] },
  { name: 'Lac de Mauvoisin', names: local('Lac de Mauvoisin'), inside: [[7.3467, 45.9809]] },
  { name: 'Lac de Joux', names: { fr: 'Lac de Joux', it: 'Lago di Joux', en: 'Lake Joux' }, inside: [[6.2832, 46.6404]] },
  { name: 'Lac de Saint-Point', names: { fr: 'Lac de Saint-Point', it: 'Lago di Saint-Point', en: 'Lake Saint-Point' }, inside: [[6.3204, 46.8249]] },
  { name: 'Lac de Neuchâtel', names: { fr: 'Lac de Neuchâtel', it: 'Lago di Neuchâtel', en: 'Lake Neuchâtel' }, inside: [[6.8071, 46.8719]] },
  { name: 'Lac de la Gruyère', names: { fr: 'Lac de la Gruyère', it: 'Lago della Gruyère', en: 'Lake Gruyère' }, inside: [[7.0872, 46.6794], [7.1106, 46.6239]] },
  { name: 'Thunersee', names: { fr: 'Lac de Thoune', it: 'Lago di Thun', en: 'Lake Thun' }, inside: [[7.6709, 46.7136]] },
  { name: 'Brienzersee', names: { fr: 'Lac de Brienz', it: 'Lago di Brienz', en: 'Lake Brienz' }, inside: [[7.944, 46.7109]] },
  { name: 'Lago Maggiore', names: { fr: 'Lac Majeur', it: 'Lago Maggiore', en: 'Lake Maggiore' }, inside: [[8.5644, 45.9058], [8.7547, 46.1315]] },
  { name: "Lago d'Orta", names: { fr: "Lac d'Orta", it: "Lago d'Orta", en: 'Lake Orta' }, inside: [[8.4021, 45.7977], [8.3887, 45.8514]] },
  { name: 'Lago di Varese', names: { fr: 'Lac de Varèse', it: 'Lago di Varese', en: 'Lake Varese' }, inside: [[8.7155, 45.8076]] },
  { name: 'Lago di Viverone', names: { fr: 'Lac de Viverone', it: 'Lago di Viverone', en: 'Lake Viverone' }, inside: [[8.0353, 45.4071]] },
];

/** Below this many vertices a piece is a caricature of its lake (a triangle, a box): small scales only. */
export const MIN_VERTICES_CLOSE_UP = 8;
/** The zoom from which such a caricature is hidden. */
export const CARICATURE_HIDDEN_FROM = 7;
/** A piece is shown while its mean edge stays under this many pixels: beyond, its corners show. */
const MAX_EDGE_PX = 48;
/** Metres per pixel at zoom 0 (512-px tiles) at 46° N. */
const METRES_PER_PIXEL_Z0 = (40_075_016.686 * Math.cos((46 * Math.PI) / 180)) / 512;

/**
 * The zoom from which a lake piece is hidden, as its outline supports no closer look: a piece of
 * fewer than MIN_VERTICES_CLOSE_UP vertices from CARICATURE_HIDDEN_FROM, any other when its mean
 * edge would exceed MAX_EDGE_PX pixels.
 */
export function pieceMaxZoom(ring: Position[]): number {
  const vertices = ring.length - 1;
  if (vertices < MIN_VERTICES_CLOSE_UP) return CARICATURE_HIDDEN_FROM;
  const edge = turf.length(turf.lineString(ring), { units: 'meters' }) / vertices;
  return Math.floor(Math.log2((MAX_EDGE_PX * METRES_PER_PIXEL_Z0) / edge)) + 1;
}

/** Unnamed polygons at least this large are listed when the build drops them. */
const REPORT_KM2 = 2;

function polygonsInWindow(collection: GeometryCollection): Feature<Polygon | MultiPolygon>[] {
  const [west, south, east, north] = WINDOW;
  const window = turf.bboxPolygon(WINDOW);
  return collection.geometries
    .flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []))
    .filter(([outer = []]) => {
      const [minX, minY, maxX, maxY] = turf.bbox(turf.lineString(outer));
      return maxX >= west && minX <= east && maxY >= south && minY <= north;
    })
    .map((rings) => turf.intersect(turf.featureCollection([turf.polygon(rings), window])))
    .filter((f): f is Feature<Polygon | MultiPolygon> => f !== null);
}

/**
 * The named lakes of the window: each lake is the union of the source pieces that contain one
 * of its points, as a (Multi)Polygon rounded to 5 decimals. Fails when a point finds no piece or
 * one piece is claimed by two lakes, so a new source version cannot silently misname water.
 */
export function buildLakes(collection: GeometryCollection): Lakes {
  const pieces = polygonsInWindow(collection);
  const owner = new Map<Feature<Polygon | MultiPolygon>, string>();
  const features = NAMED_LAKES.flatMap(({ name, names, inside }): Feature<Polygon | Point, LakeProperties>[] => {
    const mine = inside.map((point) => {
      const hits = pieces.filter((piece) => turf.booleanPointInPolygon(point, piece));
      const [hit] = hits;
      if (!hit || hits.length > 1) throw new Error(`${name}: ${hits.length} source polygons contain ${point.join(',')}`);
      const claimed = owner.get(hit);
      if (claimed && claimed !== name) throw new Error(`${name} and ${claimed} share a source polygon`);
      owner.set(hit, name);
      return hit;
    });
    const polygons = [...new Set(mine)].flatMap((f) =>
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
    );
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1 && polygons[0]
        ? { type: 'Polygon', coordinates: polygons[0] }
        : { type: 'MultiPolygon', coordinates: polygons };
    // The area lets the map name the big lakes first and the small reservoirs only close up.
    const area_km2 = Math.round(turf.area(geometry) / 1e5) / 10;
    // One feature per piece, so that each is hidden from the zoom its own outline supports; and
    // the name at the point known to be well inside, shown whether or not the outline is.
    const shapes = polygons.map((rings): Feature<Polygon, LakeProperties> => ({
      type: 'Feature',
      properties: { name, names, area_km2, vertices: rings[0]!.length - 1, maxzoom: pieceMaxZoom(rings[0]!) },
      geometry: roundPolygonal({ type: 'Polygon', coordinates: rings }, 5) as Polygon,
    }));
    const label: Feature<Point, LakeProperties> = { type: 'Feature', properties: { name, names, area_km2, label: true }, geometry: { type: 'Point', coordinates: inside[0]! } };
    return [label, ...shapes];
  });
  for (const piece of pieces.filter((p) => !owner.has(p))) {
    const km2 = turf.area(piece) / 1e6;
    if (km2 < REPORT_KM2) continue;
    const [x = 0, y = 0] = turf.pointOnFeature(piece).geometry.coordinates;
    console.log(`  unnamed lake left out: ${km2.toFixed(1)} km² at ${x.toFixed(3)},${y.toFixed(3)}`);
  }
  // By name; within a lake its label, then its pieces in source order (a stable sort).
  features.sort((a, b) => (a.properties.name < b.properties.name ? -1 : a.properties.name > b.properties.name ? 1 : 0));
  return { type: 'FeatureCollection', features };
}
