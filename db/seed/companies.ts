import * as turf from '@turf/turf';
import { type Commune, countries, communes } from '../../geodata/index.ts';
import type { CompanyInput } from '../queries/companies.ts';
import { type Country, SECTORS, type Sector } from '../../shared/vocabulary.ts';
import { ACTIVITIES, nationalCode } from './activities.ts';
import { CLOSED_PER_ACTIVE, OPENING_UNKNOWN_RATE, closingDate, dayIn, foundingYear } from './dates.ts';
import { sampleDomain, sampleName } from './names.ts';
import type { Random } from './random.ts';

/** Share of each sector among the firms of a territory: the filières are not spread evenly. */
const SECTOR_MIX: Record<string, Record<Sector, number>> = {
  'fr-cc-chamonix': { outdoor: 0.62, phyto_wellbeing: 0.18, building_renovation: 0.2 },
  'fr-cc-pays-mont-blanc': { outdoor: 0.4, phyto_wellbeing: 0.22, building_renovation: 0.38 },
  'it-valle-aosta': { outdoor: 0.34, phyto_wellbeing: 0.24, building_renovation: 0.42 },
  'ch-martigny': { outdoor: 0.26, phyto_wellbeing: 0.4, building_renovation: 0.34 },
  'ch-entremont': { outdoor: 0.58, phyto_wellbeing: 0.2, building_renovation: 0.22 },
  'ch-saint-maurice': { outdoor: 0.3, phyto_wellbeing: 0.25, building_renovation: 0.45 },
};

/** Share of the sample firms in each territory (about their weight in the programme's economy). */
const TERRITORY_SHARE: Record<string, number> = {
  'fr-cc-chamonix': 0.14,
  'fr-cc-pays-mont-blanc': 0.26,
  'it-valle-aosta': 0.35,
  'ch-martigny': 0.13,
  'ch-entremont': 0.07,
  'ch-saint-maurice': 0.05,
};

/** A firm sits within a few hundred metres of its town centre, rarely beyond 2.5 km. */
const OFFSET_SIGMA_M = 700;
const OFFSET_MAX_M = 2500;
const SECOND_SECTOR_RATE = 0.12;

type Located = Commune & { lon: number; lat: number };

const locatedCommunes = communes.filter((c): c is Located => c.lon !== null && c.lat !== null);

const countryShape = (country: Country) =>
  countries.features.find((f) => f.properties.country === country)!;

/** A point near the commune's centre that lies in the commune's own country. */
function placeNear(random: Random, commune: Located): [number, number] {
  const shape = countryShape(commune.country);
  for (let attempt = 0; attempt < 20; attempt++) {
    const distance = Math.min(Math.abs(random.normal()) * OFFSET_SIGMA_M, OFFSET_MAX_M);
    const bearing = random.next() * 360;
    const point = turf.destination([commune.lon, commune.lat], distance / 1000, bearing);
    if (turf.booleanPointInPolygon(point, shape)) {
      const [lon, lat] = point.geometry.coordinates as [number, number];
      return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    }
  }
  return [commune.lon, commune.lat];
}

/** Headcount: log-normal around the activity's typical size, as in real business registers. */
function headcount(random: Random, typicalSize: number): number {
  return Math.max(1, Math.round(typicalSize * Math.exp(random.normal() * 0.9)));
}

function describe(activityLabel: { fr: string; it: string; en: string }, commune: Located) {
  const fr = `Entreprise fictive (données d'exemple) : ${activityLabel.fr.toLowerCase()} à ${commune.name}.`;
  const it = `Impresa fittizia (dati di esempio): ${activityLabel.it.toLowerCase()} a ${commune.name}.`;
  const en = `Fictitious sample firm: ${activityLabel.en.toLowerCase()} in ${commune.name}.`;
  // The Aosta Valley is officially bilingual (Italian and French); Valais partners speak French.
  if (commune.country === 'IT') return { fr: commune.territory === 'it-valle-aosta' ? fr : null, it, en };
  return { fr, it: null, en };
}

/** A firm drawn from `random`, its dates from `dates` (see dates.ts). */
function sampleCompany(random: Random, dates: Random): CompanyInput {
  const territory = random.weighted(Object.keys(TERRITORY_SHARE), (t) => TERRITORY_SHARE[t]!);
  const commune = random.weighted(
    locatedCommunes.filter((c) => c.territory === territory),
    // Bigger towns host more firms; Swiss communes have no open population figure here.
    (c) => Math.sqrt(c.population ?? 2000),
  );
  const mix = SECTOR_MIX[territory]!;
  const primarySector = random.weighted(SECTORS, (s) => mix[s]);
  const sectors: Sector[] = [primarySector];
  if (random.next() < SECOND_SECTOR_RATE) {
    sectors.push(random.weighted(SECTORS.filter((s) => s !== primarySector), (s) => mix[s]));
  }
  const activity = random.weighted(ACTIVITIES[primarySector], (a) => a.weight);
  const name = sampleName(random, commune.country, activity.trade);
  const domain = sampleDomain(name);
  const postcode = commune.postcodes[0];
  return {
    name,
    sectors,
    primarySector,
    country: commune.country,
    commune: { code: commune.code, name: commune.name },
    address: postcode ? `${postcode} ${commune.name}` : commune.name,
    location: placeNear(random, commune),
    activity: { nace: activity.nace, national: nationalCode(activity, commune.country) },
    ...exactHeadcount(headcount(random, activity.typicalSize)),
    ...openingOf(dates, foundingYear(random, primarySector, territory)),
    closedOn: null,
    status: 'active',
    website: `https://${domain}`,
    description: describe(activity.label, commune),
    contact: { email: `contact@${domain}`, phone: null },
    note: null,
    officialId: null,
    locationApproximate: false,
    source: 'sample',
    provenance: null,
  };
}

/** The opening date in the founding year; for a share of firms both stay unknown. */
function openingOf(dates: Random, year: number): Pick<CompanyInput, 'founded' | 'openedOn'> {
  const unknown = dates.next() < OPENING_UNKNOWN_RATE;
  const day = dayIn(dates, year);
  return unknown ? { founded: null, openedOn: null } : { founded: year, openedOn: day };
}

/** A sample headcount is an exact figure, with no year: the band of one figure. */
const exactHeadcount = (n: number) => ({ employees: n, employeesRange: { min: n, max: n }, employeesYear: null });

/**
 * `count` fictitious active firms spread over the partner territories' real communes, then the
 * closed ones (`CLOSED_PER_ACTIVE` per active firm), deterministic. The dates come from `dates`, so
 * the active firms are the same whatever dates they are given.
 */
export function sampleCompanies(random: Random, count: number, dates: Random = random): CompanyInput[] {
  const active = Array.from({ length: count }, () => sampleCompany(random, dates));
  const closed = Array.from({ length: Math.round(count * CLOSED_PER_ACTIVE) }, (): CompanyInput => {
    const firm = sampleCompany(dates, dates);
    return { ...firm, status: 'closed', closedOn: closingDate(dates, firm.openedOn) };
  });
  return [...active, ...closed];
}
