import type { Commune } from '../types.ts';

/** A commune as the administrative sources give it, before GeoNames adds its town point. */
export type Member = Omit<Commune, 'lon' | 'lat'>;
