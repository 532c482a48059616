import * as turf from '@turf/turf';
import type { Geometry } from 'geojson';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { CompanyFilter } from '../../db/filters.ts';
import type { BBox } from '../../shared/bbox.ts';
import { type Actor, listActors } from '../../db/queries/actors.ts';
import { getCompany, listCompanies } from '../../db/queries/companies.ts';
import { type Link, getLink, listLinks } from '../../db/queries/links.ts';
import { type Territory, listTerritories } from '../../db/queries/territories.ts';
import { ACTOR_KINDS, COUNTRIES, type Country, LINK_KINDS, TERRITORY_KINDS } from '../../shared/vocabulary.ts';
import type { Config } from '../config.ts';
import { communeByCode } from '../geo/communes.ts';
import { companyRecord } from '../export/company-csv.ts';
import { authOptions, authenticate, seesPrivate } from '../http/auth.ts';
import { booleanParam, bboxParam, csvEnumParam, cursorParam, encodeCursor, numberParam } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { assertStorableText, fieldErrors } from '../http/router.ts';
import { companyFilterParams, toCompanyFilter } from '../schemas/filters.ts';

/**
 * OGC API – Features (Part 1: Core, GeoJSON) over the registry, so that QGIS, GDAL/OGR and other
 * GIS read the layers directly (`OAPIF:https://atlas.example.org/ogc`). Properties are flat (desktop
 * GIS reads attributes, not nested objects); private fields only for members, as everywhere.
 */

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GEOJSON = 'application/geo+json';

type Feature = { type: 'Feature'; id: number | string; geometry: unknown; properties: Record<string, unknown> };
type ItemsPage = { features: Feature[]; numberMatched: number; next: Record<string, string> | null };

/** Parameters every items request may have; `f` because some clients ask for the format that way. */
const common = {
  bbox: bboxParam,
  limit: numberParam(1, 10_000, { integer: true }).optional(),
  f: z.enum(['json', 'geojson'], { message: "only 'json' (GeoJSON) is served" }).optional(),
};

const offsetParam = numberParam(0, 1_000_000, { integer: true }).optional();

type Collection<Q extends z.ZodRawShape> = {
  title: string;
  description: string;
  query: z.ZodObject<Q>;
  items(c: Context, query: z.infer<z.ZodObject<Q>> & { limit: number }): Promise<ItemsPage>;
  item(c: Context, id: string): Promise<Feature | undefined>;
};

const list = (items: readonly string[]) => items.join(',');

function linkFeature(link: Link): Feature {
  return {
    type: 'Feature',
    id: link.id,
    geometry: { type: 'LineString', coordinates: [link.from.location, link.to.location] },
    properties: {
      from_id: link.from.id,
      from_name: link.from.name,
      from_country: link.from.country,
      to_id: link.to.id,
      to_name: link.to.name,
      to_country: link.to.country,
      kind: link.kind,
      since: link.since,
      note: link.note,
      cross_border: link.crossBorder,
      created_at: link.createdAt,
      updated_at: link.updatedAt,
    },
  };
}

function actorFeature(actor: Actor): Feature {
  return {
    type: 'Feature',
    id: actor.id,
    geometry: { type: 'Point', coordinates: actor.location },
    properties: {
      name: actor.name,
      kind: actor.kind,
      country: actor.country,
      commune: actor.communeName,
      website: actor.website,
      sectors: list(actor.sectors),
      territories: list(actor.territories),
    },
  };
}

// The partner territories have no open boundaries in geodata/ (see its README): a territory is
// drawn as the town centres of its member communes, never as an invented outline.
/** The town centres of a territory's member communes (in any country when it has none of its own). */
function memberTowns(t: Territory): [number, number][] {
  const countries: readonly Country[] = t.country ? [t.country] : COUNTRIES;
  return (t.members ?? []).flatMap((code) => {
    const commune = countries.map((country) => communeByCode(country, code)).find((c) => c && c.lon !== null && c.lat !== null);
    return commune ? [[commune.lon!, commune.lat!] as [number, number]] : [];
  });
}

/** A territory as /api/territories has it: its outline when it has one, else its member communes' towns. */
function territoryFeature(t: Territory): Feature {
  const towns = memberTowns(t);
  return {
    type: 'Feature',
    id: t.id,
    geometry: t.geometry ?? (towns.length ? { type: 'MultiPoint', coordinates: towns } : null),
    properties: {
      name: t.name,
      name_fr: t.names.fr,
      name_it: t.names.it,
      name_en: t.names.en,
      country: t.country,
      kind: t.kind,
      basis: t.basis,
      official_code: t.officialCode,
      members: t.members ? list(t.members) : null,
      member_count: t.members?.length ?? null,
      source: t.source,
      licence: t.licence,
    },
  };
}

/** Every territory id has this shape (the built-in ones, and those a territory import accepts). */
const TERRITORY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

const intersects = (geometry: unknown, bbox: BBox) => geometry !== null && turf.booleanIntersects(geometry as Geometry, turf.bboxPolygon(bbox));

/** A page of an in-memory list, by offset: for the small collections (actors, territories). */
function slice(features: Feature[], query: { bbox?: BBox | undefined; limit: number; offset?: number | undefined }): ItemsPage {
  const matched = query.bbox ? features.filter((f) => intersects(f.geometry, query.bbox!)) : features;
  const offset = query.offset ?? 0;
  const page = matched.slice(offset, offset + query.limit);
  const more = offset + page.length < matched.length;
  return { features: page, numberMatched: matched.length, next: more ? { offset: String(offset + page.length) } : null };
}

const idNumber = (id: string) => (/^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : undefined);

function collections(db: Database) {
  const companies: Collection<typeof companiesQuery.shape> = {
    title: 'Companies',
    description: 'The firms of the three filières, one point each. Filters: sector, country, commune, q, size (as /api/companies).',
    query: companiesQuery,
    async items(c, query) {
      const filter: CompanyFilter = toCompanyFilter(query);
      const page = await listCompanies(db, filter, { limit: query.limit, afterId: query.cursor });
      const withPrivate = seesPrivate(c);
      const last = page.companies.at(-1);
      return {
        features: page.companies.map((company) => {
          const { id, longitude: _lon, latitude: _lat, ...properties } = companyRecord(company, { withPrivate });
          return { type: 'Feature', id: id as number, geometry: { type: 'Point', coordinates: company.location }, properties };
        }),
        numberMatched: page.numberMatched,
        next: last && page.companies.length === query.limit ? { cursor: encodeCursor(last.id) } : null,
      };
    },
    async item(c, id) {
      const company = idNumber(id) && (await getCompany(db, idNumber(id)!));
      if (!company) return undefined;
      const { id: _id, longitude: _lon, latitude: _lat, ...properties } = companyRecord(company, { withPrivate: seesPrivate(c) });
      return { type: 'Feature', id: company.id, geometry: { type: 'Point', coordinates: company.location }, properties };
    },
  };
  const links: Collection<typeof linksQuery.shape> = {
    title: 'Links',
    description: 'Who works with whom: a straight line between two firms. Filters: kind, cross_border.',
    query: linksQuery,
    async items(_c, query) {
      const page = await listLinks(db, { bbox: query.bbox, kinds: query.kind, crossBorder: query.cross_border, asOf: query.asOf }, { limit: query.limit, afterId: query.cursor });
      const last = page.links.at(-1);
      return {
        features: page.links.map(linkFeature),
        numberMatched: page.numberMatched,
        next: last && page.links.length === query.limit ? { cursor: encodeCursor(last.id) } : null,
      };
    },
    async item(_c, id) {
      const link = idNumber(id) && (await getLink(db, idNumber(id)!));
      return link ? linkFeature(link) : undefined;
    },
  };
  const actors: Collection<typeof actorsQuery.shape> = {
    title: 'Support organisations',
    description: 'Accelerators, chambers, clusters and public bodies of the programme. Filters: kind, country.',
    query: actorsQuery,
    async items(_c, query) {
      const all = (await listActors(db))
        .filter((a) => (!query.kind || query.kind.includes(a.kind)) && (!query.country || query.country.includes(a.country)))
        .map(actorFeature);
      return slice(all, query);
    },
    async item(_c, id) {
      const actor = (await listActors(db)).find((a) => a.id === idNumber(id));
      return actor && actorFeature(actor);
    },
  };
  const territoriesCollection: Collection<typeof territoriesQuery.shape> = {
    title: 'Territories',
    description:
      'The territories of /api/territories: countries, regions, the programme’s partner territories and the custom ones an administrator loads. ' +
      'Each has its outline when it has one, else the town centres of its member communes (no boundaries of the partner territories are published). Filters: kind, country.',
    query: territoriesQuery,
    async items(_c, query) {
      const listed = await listTerritories(db, { kinds: query.kind }, { withGeometry: true });
      return slice(listed.filter((t) => !query.country || (t.country !== null && query.country.includes(t.country))).map(territoryFeature), query);
    },
    async item(_c, id) {
      const [territory] = TERRITORY_ID.test(id) ? await listTerritories(db, { ids: [id] }, { withGeometry: true }) : [];
      return territory && territoryFeature(territory);
    },
  };
  return { companies, links, actors, territories: territoriesCollection } as Record<string, Collection<z.ZodRawShape>>;
}

const companiesQuery = z.object({ ...common, ...companyFilterParams, cursor: cursorParam }).strict();
const linksQuery = z.object({ ...common, kind: csvEnumParam(LINK_KINDS, 'partner'), cross_border: booleanParam, asOf: companyFilterParams.asOf, cursor: cursorParam }).strict();
const actorsQuery = z.object({ ...common, kind: csvEnumParam(ACTOR_KINDS, 'cluster'), country: csvEnumParam(COUNTRIES, 'FR'), offset: offsetParam }).strict();
const territoriesQuery = z.object({ ...common, kind: csvEnumParam(TERRITORY_KINDS, 'partner'), country: csvEnumParam(COUNTRIES, 'FR'), offset: offsetParam }).strict();

/** Query parameters, with a parameter given twice read as one comma-separated list. */
function queryOf(c: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([name, values]) => [name, values.join(',')]));
}

function parse<T extends z.ZodTypeAny>(schema: T, c: Context): z.infer<T> {
  const result = schema.safeParse(queryOf(c));
  if (!result.success) throw ApiError.invalid(fieldErrors(result.error, 'query'));
  assertStorableText(result.data, 'query');
  return result.data;
}

export function ogcRoutes({ db, config }: { db: Database; config: Config }) {
  const router = new Hono();
  const all = collections(db);
  router.use('*', authenticate(authOptions(db, config)));

  const base = (c: Context) => new URL('/ogc', c.req.url).toString();
  const link = (href: string, rel: string, type: string, title: string) => ({ href, rel, type, title });

  const describe = (c: Context, id: string) => {
    const collection = all[id]!;
    const url = `${base(c)}/collections/${id}`;
    return {
      id,
      title: collection.title,
      description: collection.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: { spatial: { bbox: [config.serviceArea], crs: CRS84 } },
      links: [
        link(url, 'self', 'application/json', 'This collection'),
        link(`${url}/items`, 'items', GEOJSON, `${collection.title} as GeoJSON`),
      ],
    };
  };

  const json = (c: Context, body: unknown, type = 'application/json') => c.body(JSON.stringify(body), 200, { 'Content-Type': type });

  router.get('/', (c) =>
    json(c, {
      title: 'Mont-Blanc Sector Atlas',
      description: 'The firms, links, support organisations and partner territories of the Espace Mont-Blanc, as OGC API – Features.',
      links: [
        link(base(c), 'self', 'application/json', 'This document'),
        link(new URL('/api/openapi.json', c.req.url).toString(), 'service-desc', 'application/vnd.oai.openapi+json;version=3.1', 'The API definition'),
        link(new URL('/api/docs', c.req.url).toString(), 'service-doc', 'text/html', 'The API documentation'),
        link(`${base(c)}/conformance`, 'conformance', 'application/json', 'Conformance classes'),
        link(`${base(c)}/collections`, 'data', 'application/json', 'The collections'),
      ],
    }),
  );

  router.get('/conformance', (c) => json(c, { conformsTo: CONFORMANCE }));

  router.get('/collections', (c) =>
    json(c, {
      links: [link(`${base(c)}/collections`, 'self', 'application/json', 'The collections')],
      collections: Object.keys(all).map((id) => describe(c, id)),
    }),
  );

  const collectionOf = (c: Context) => {
    const id = c.req.param('collection')!;
    // Own keys only: `constructor` or `__proto__` is no collection.
    if (!Object.hasOwn(all, id)) throw ApiError.notFound(`Collection '${id}' (there are ${Object.keys(all).join(', ')})`);
    return { id, collection: all[id]! };
  };

  router.get('/collections/:collection', (c) => json(c, describe(c, collectionOf(c).id)));

  router.get('/collections/:collection/items', async (c) => {
    const { id, collection } = collectionOf(c);
    const query = parse(collection.query, c);
    const limit = (query.limit as number | undefined) ?? 100;
    const page = await collection.items(c, { ...query, limit });
    const self = new URL(c.req.url);
    const links = [
      link(self.toString(), 'self', GEOJSON, 'This page'),
      link(`${base(c)}/collections/${id}`, 'collection', 'application/json', collection.title),
    ];
    if (page.next) {
      const next = new URL(c.req.url);
      for (const [name, value] of Object.entries(page.next)) next.searchParams.set(name, value);
      links.push(link(next.toString(), 'next', GEOJSON, 'Next page'));
    }
    return json(
      c,
      {
        type: 'FeatureCollection',
        timeStamp: new Date().toISOString(),
        numberMatched: page.numberMatched,
        numberReturned: page.features.length,
        links,
        features: page.features,
      },
      GEOJSON,
    );
  });

  router.get('/collections/:collection/items/:item', async (c) => {
    const { id, collection } = collectionOf(c);
    parse(z.object({ f: common.f }).strict(), c);
    const feature = await collection.item(c, c.req.param('item'));
    if (!feature) throw ApiError.notFound(`Feature '${c.req.param('item')}' of ${id}`);
    const url = `${base(c)}/collections/${id}`;
    return json(
      c,
      {
        ...feature,
        links: [link(`${url}/items/${feature.id}`, 'self', GEOJSON, 'This feature'), link(url, 'collection', 'application/json', collection.title)],
      },
      GEOJSON,
    );
  });
  return router;
}
