import type { Sector } from '../vocabulary.ts';

/** Sector colours, chosen to stay distinct for the common colour-vision deficiencies. */
export const SECTOR_COLORS: Record<Sector, string> = {
  outdoor: '#1f6fb4',
  phyto_wellbeing: '#2e9b4f',
  building_renovation: '#e0742b',
};

export const COLORS = {
  background: '#e9ece6',
  land: '#f6f4ee',
  water: '#a8cbe3',
  waterLine: '#7fb0d3',
  border: '#5d4e6d',
  disputed: '#b5446e',
  region: '#9a8f80',
  town: '#3b3b3b',
  halo: '#ffffff',
  peak: '#6d4c2f',
  links: '#b8267a',
  domesticLinks: '#7d7d7d',
  actor: '#5b2a86',
  territory: '#7a6a4f',
};

export const FONTS = { regular: ['Noto Sans Regular'], bold: ['Noto Sans Bold'] };
