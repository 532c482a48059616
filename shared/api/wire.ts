import type { components } from './types.ts';

/**
 * The API's answers as the web app reads them, named after the schemas of the OpenAPI document
 * (shared/api/types.ts, generated): web/ takes its wire types from here, never from server/.
 */
type Schemas = components['schemas'];

export type CompanyFeatureValue = Schemas['CompanyFeature'];
export type LinkFeatureValue = Schemas['LinkFeature'];
export type NearbyResultValue = Schemas['NearbyResult'];
export type PartnersResultValue = Schemas['PartnersResult'];
export type FirmStatsValue = Schemas['FirmStats'];
export type LinkStatsValue = Schemas['LinkStats'];
export type TrendsValue = Schemas['Trends'];
export type ShiftShareValue = Schemas['ShiftShare'];
export type TerritoryValue = Schemas['Territory'];
export type NetworkValue = Schemas['NetworkIndicators'];
export type ActivityStatsValue = Schemas['ActivityStats'];
export type ImportProfileValue = Schemas['ImportProfile'];
export type SavedImportMappingValue = Schemas['SavedImportMapping'];
export type ImportReport = Schemas['ImportReport'];
/** One line of the import's streamed answer (`Accept: application/x-ndjson`). */
export type ImportStreamLine = Schemas['ImportStreamLine'];
/** The progress lines among them (the document names no schema of their own). */
export type ImportProgress = Extract<ImportStreamLine, { phase: string }>;
export type MeValue = Schemas['Me'];
export type AccountValue = Schemas['Account'];
export type OneTimeLinkValue = Schemas['OneTimeLink'];
export type NewAccountValue = Schemas['NewAccount'];
export type ApiTokenValue = Schemas['ApiToken'];
export type SignInOptionsValue = Schemas['SignInOptions'];
export type IntroductionValue = Schemas['Introduction'];
export type IntroductionDetailValue = Schemas['IntroductionDetail'];
export type IntroductionListValue = Schemas['IntroductionList'];
export type IntroductionStatsValue = Schemas['IntroductionStats'];
