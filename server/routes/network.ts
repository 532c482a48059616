import { createRoute } from '@hono/zod-openapi';
import type { Database } from '../../db/database.ts';
import { activityPresence, brokers, crossingLinks, linkTotals, territoryLinks } from '../../db/queries/network.ts';
import type { RelatednessStore } from '../../db/queries/relatedness.ts';
import { eiIndex, missingChains } from '../../shared/chains/missing-chains.ts';
import { MIN_LINKS } from '../../shared/chains/relatedness.ts';
import { createRouter, jsonContent, problems } from '../http/router.ts';
import { toCompanyFilter } from '../schemas/filters.ts';
import { NetworkSchema, networkQuery } from '../schemas/network.ts';
import { territorySet } from './stats.ts';

const BROKERS_SHOWN = 5;
const CHAINS_SHOWN = 10;

const network = createRoute({
  method: 'get',
  path: '/stats/network',
  tags: ['Statistics'],
  summary: 'Network indicators per territory: cross-border share of links, E–I index, brokers, missing chains',
  description:
    'Each firm is placed as in `/api/stats` (in the first territory of the set that holds it). The links are those `/api/links` finds with the same filters ' +
    '(a link matches when one of its firms does). Missing chains: pairs of activities with at least the minimum support in links and R ≥ `minRatio` ' +
    '(learned from every link of the registry, see /api/relatedness), one present in the territory among the filtered firms, the other in a territory of the set ' +
    'in another country, and no cross-border link yet between firms of the two activities from this territory.',
  request: { query: networkQuery },
  responses: { 200: { description: 'One row per territory of the set', ...jsonContent(NetworkSchema) }, 400: problems[400] },
});

export function networkRoutes({ db, store }: { db: Database; store: RelatednessStore }) {
  const router = createRouter();
  router.openapi(network, async (c) => {
    const { level, territory, activityLevel = 'division', minRatio = 1.5, ...filterQuery } = c.req.valid('query');
    const set = await territorySet(db, true, { level, territory });
    const ids = set.map((t) => t.id);
    const filter = toCompanyFilter(filterQuery);
    const { bbox, ...companies } = filter;
    const filtersCompanies = Object.values(companies).some((value) => value !== undefined);
    const linkFilter = { companies: filtersCompanies ? companies : undefined, bbox };
    const [snapshot, totals, perTerritory, brokerRows, presence, crossing] = await Promise.all([
      store.current(),
      linkTotals(db, linkFilter),
      territoryLinks(db, linkFilter, ids),
      brokers(db, linkFilter, ids),
      activityPresence(db, filter, ids, activityLevel),
      crossingLinks(db, ids, activityLevel),
    ]);
    const strong = [...snapshot.learned.levels[activityLevel].pairs.values()].filter((p) => p.links >= MIN_LINKS && p.ratio >= minRatio);
    const rows = ids.map((id) => {
      const counts = perTerritory.find((r) => r.territory === id) ?? { links: 0, internal: 0, external: 0, crossBorder: 0 };
      const chains = missingChains(id, strong, presence, crossing);
      return {
        territory: id,
        links: counts.links,
        internal: counts.internal,
        external: counts.external,
        crossBorder: counts.crossBorder,
        crossBorderShare: counts.links ? counts.crossBorder / counts.links : null,
        eiIndex: eiIndex(counts.internal, counts.external),
        brokers: brokerRows.filter((b) => b.territory === id).slice(0, BROKERS_SHOWN).map(({ territory: _t, ...b }) => b),
        missingChains: chains.slice(0, CHAINS_SHOWN),
        missingChainsTotal: chains.length,
      };
    });
    const { links, crossBorder: cross } = totals;
    return c.json({
      rows,
      links,
      crossBorder: cross,
      crossBorderShare: links ? cross / links : null,
      activityLevel,
      minRatio,
      minLinks: MIN_LINKS,
      territories: set.map(({ id, name, names, shortNames, country }) => ({ id, name, names, shortNames, country })),
      sampleData: snapshot.sampleData,
      dataVersion: snapshot.dataVersion,
    }, 200);
  });
  return router;
}
