import { towns } from '../../geodata/index.ts';
import type { ActorInput } from '../queries/actors.ts';
import { SECTORS } from '../../shared/vocabulary.ts';

const ALL_TERRITORIES = [
  'fr-cc-chamonix',
  'fr-cc-pays-mont-blanc',
  'it-valle-aosta',
  'ch-entremont',
  'ch-martigny',
  'ch-saint-maurice',
];
const VALAIS = ['ch-entremont', 'ch-martigny', 'ch-saint-maurice'];
const HAUTE_SAVOIE = ['fr-cc-chamonix', 'fr-cc-pays-mont-blanc'];

/**
 * The real organisations that run or support the programme, each placed at the GeoNames point of
 * the town where it has its seat (not at a street address).
 */
const ACTORS: (Omit<ActorInput, 'location'> & { town: string })[] = [
  { name: 'Communauté de communes de la Vallée de Chamonix-Mont-Blanc', kind: 'public_body', country: 'FR', communeName: 'Chamonix-Mont-Blanc', town: 'Chamonix-Mont-Blanc', website: 'https://www.cc-valleedechamonixmontblanc.fr', sectors: [...SECTORS], territories: ['fr-cc-chamonix'] },
  { name: 'Communauté de communes Pays du Mont-Blanc', kind: 'public_body', country: 'FR', communeName: 'Passy', town: 'Passy', website: 'https://www.ccpmb.fr', sectors: [...SECTORS], territories: ['fr-cc-pays-mont-blanc'] },
  { name: 'Chambre valdôtaine des entreprises et des activités libérales', kind: 'chamber', country: 'IT', communeName: 'Aosta', town: 'Aosta', website: 'https://www.ao.camcom.it', sectors: [...SECTORS], territories: ['it-valle-aosta'] },
  { name: 'CimArk', kind: 'accelerator', country: 'CH', communeName: 'Sion', town: 'Sion', website: 'https://www.cimark.ch', sectors: [...SECTORS], territories: VALAIS },
  { name: 'CCI Haute-Savoie', kind: 'chamber', country: 'FR', communeName: 'Annecy', town: 'Annecy', website: 'https://www.haute-savoie.cci.fr', sectors: [...SECTORS], territories: HAUTE_SAVOIE },
  { name: 'Chambre de Métiers et de l’Artisanat de la Haute-Savoie', kind: 'chamber', country: 'FR', communeName: 'Annecy', town: 'Annecy', website: 'https://www.cma-auvergnerhonealpes.fr', sectors: ['building_renovation', 'phyto_wellbeing'], territories: HAUTE_SAVOIE },
  { name: 'Outdoor Sports Valley', kind: 'cluster', country: 'FR', communeName: 'Annecy', town: 'Annecy', website: 'https://www.outdoorsportsvalley.org', sectors: ['outdoor'], territories: ALL_TERRITORIES },
];

export function sampleActors(): ActorInput[] {
  return ACTORS.map(({ town, ...actor }) => {
    const point = towns.features.find((t) => t.properties.name === town && t.properties.country === actor.country);
    if (!point) throw new Error(`geodata/towns.geojson has no town ${town} (${actor.country})`);
    return { ...actor, location: point.geometry.coordinates as [number, number] };
  });
}
