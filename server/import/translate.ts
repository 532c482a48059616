import type { ImportField, Mapping } from '../../shared/import-mapping.ts';
import { type SectorRule, normaliseActivity, suggestSector } from './activity.ts';
import { type ImportProfile, fileColumn } from './profile.ts';
import type { SourceRow } from './read-file.ts';
import type { OutsideScope } from './read-row.ts';
import type { FieldColumns, FieldValues, MappedFields } from './row/fields.ts';

/** A register's legal names by key (SIRENE: siren → denominationUniteLegale…), from its second file. */
export type LegalNames = Map<string, string>;

/** A profile's column names resolved against one file's header: what each row is read from. */
export type ProfilePlan = {
  profile: ImportProfile;
  fields: Partial<Record<ImportField, string[]>>;
  nameFrom: string[];
  address: string[][];
  communeSuffix: RegExp | null;
  status: { column: string; values: Record<string, 'active' | 'closed'>; closedOn: string[] } | null;
  bands: { column: string; codes: Record<string, [number, number | null]> } | null;
  sum: string[] | null;
  nomenclature: { column: string; accept: string[] } | null;
  approximate: { column: string; values: string[] } | null;
  legalUnitKey: string | null;
};

/** Where the country comes from when a profile gives it: named so in a rejection. */
const PROFILE_COUNTRY = '(profile)';

const asList = (columns: string | string[] | undefined) => (columns === undefined ? [] : typeof columns === 'string' ? [columns] : columns);

/** The profile's columns that this file has, in the profile's order. */
function present(columns: string[], names: string[]): string[] {
  return names.map((name) => fileColumn(columns, name)).filter((column): column is string => column !== undefined);
}

/** Resolves a profile against a file's header, once per file. */
export function planProfile(profile: ImportProfile, columns: string[]): ProfilePlan {
  const fields = Object.fromEntries(
    Object.entries(profile.fields).map(([field, names]) => [field, present(columns, asList(names))]),
  ) as ProfilePlan['fields'];
  const one = (name: string | undefined) => (name === undefined ? undefined : fileColumn(columns, name));
  const statusColumn = one(profile.status?.column);
  const bandColumn = one(profile.headcount && 'bands' in profile.headcount ? profile.headcount.bands.column : undefined);
  const nomenclatureColumn = one(profile.activity?.nomenclature?.column);
  const approximateColumn = one(profile.approximate?.column);
  return {
    profile,
    fields,
    nameFrom: (profile.nameFrom ?? []).flatMap((name) => (name === '@legalUnit' ? [name] : present(columns, [name]))),
    address: (profile.address ?? []).map((group) => present(columns, group)).filter((group) => group.length > 0),
    communeSuffix: profile.communeName ? new RegExp(profile.communeName) : null,
    status: statusColumn && profile.status ? { column: statusColumn, values: profile.status.values, closedOn: present(columns, asList(profile.status.closedOn)) } : null,
    bands: bandColumn && profile.headcount && 'bands' in profile.headcount ? { column: bandColumn, codes: profile.headcount.bands.codes } : null,
    sum: profile.headcount && 'sum' in profile.headcount ? present(columns, profile.headcount.sum) : null,
    nomenclature: nomenclatureColumn && profile.activity?.nomenclature ? { column: nomenclatureColumn, accept: profile.activity.nomenclature.accept } : null,
    approximate: approximateColumn && profile.approximate ? { column: approximateColumn, values: profile.approximate.values } : null,
    legalUnitKey: profile.legalUnits ? (fileColumn(columns, profile.legalUnits.rowKey) ?? null) : null,
  };
}

/** The mapping a plan amounts to (column → field), as the report shows it. */
export function planMapping(plan: ProfilePlan, columns: string[]): Mapping {
  const mapping: Mapping = Object.fromEntries(columns.map((column) => [column, null]));
  const claim = (column: string | undefined, field: ImportField) => {
    if (column !== undefined && mapping[column] === null) mapping[column] = field;
  };
  for (const [field, from] of Object.entries(plan.fields)) for (const column of from) claim(column, field as ImportField);
  for (const column of plan.nameFrom) if (column !== '@legalUnit') claim(column, 'name');
  for (const group of plan.address) for (const column of group) claim(column, 'address');
  claim(plan.status?.column, 'status');
  for (const column of plan.status?.closedOn ?? []) claim(column, 'closedOn');
  claim(plan.bands?.column, 'employeesMin');
  for (const column of plan.sum ?? []) claim(column, 'employees');
  claim(plan.approximate?.column, 'locationApproximate');
  return mapping;
}

/**
 * The import fields a plan fills (or a mapping override): the optional ones it leaves out are kept
 * from the registry when a firm is updated (see match.ts).
 */
export function planFields(plan: ProfilePlan, overrides: Mapping = {}): Set<ImportField> {
  const fields = new Set<ImportField>(['country']);
  for (const [field, from] of Object.entries(plan.fields)) if (from.length) fields.add(field as ImportField);
  if (plan.nameFrom.length) fields.add('name');
  if (plan.address.length) fields.add('address');
  if (plan.status) ['status', 'closedOn'].forEach((f) => fields.add(f as ImportField));
  if (plan.bands) ['employeesMin', 'employeesMax'].forEach((f) => fields.add(f as ImportField));
  if (plan.sum?.length) fields.add('employees');
  if (plan.approximate) fields.add('locationApproximate');
  for (const field of Object.values(overrides)) if (field) fields.add(field);
  return fields;
}

/**
 * The columns of `overrides` that the profile translates (codes of status or size, figures it adds
 * up, the nomenclature, the geocoding's precision): mapped by hand, their codes would be read as
 * they are, a size code as a headcount. They cannot be remapped.
 */
export function untouchableColumns(plan: ProfilePlan, overrides: Mapping): string[] {
  const translated = new Set([plan.status?.column, plan.bands?.column, ...(plan.sum ?? []), plan.nomenclature?.column, plan.approximate?.column]);
  return Object.keys(overrides).filter((column) => translated.has(column));
}

/** What a translated row needs besides its plan. */
export type TranslateContext = { sectorRules: SectorRule[]; legalNames?: LegalNames | undefined; overrides?: Mapping | undefined };

/** ATECO, NAF or NOGA codes in a cell that may list several (`47.64.10 / 93.19.99`). */
const CODES = /\d{2}\.?\d{2}(?:\.?\d{1,2}|[A-Z])?/g;

/**
 * One row of a register's file as the Atlas's import fields, read the profile's way: its codes
 * translated (status, size bands), its name found, its address put together. What the profile
 * cannot read is a problem of the row naming its column, judged once the row is known to be in
 * scope; a row coded in a nomenclature the sector table does not cover is outside the scope.
 */
export function translateRow(row: SourceRow, plan: ProfilePlan, context: TranslateContext): MappedFields | OutsideScope {
  const blanks = new Set(plan.profile.blanks);
  const cell = (column: string) => {
    const text = (row.values[column] ?? '').trim();
    return blanks.has(text) ? '' : text;
  };
  const values: FieldValues = { country: plan.profile.country };
  const columns: FieldColumns = { country: PROFILE_COUNTRY };
  const problems: MappedFields['problems'] = [];
  const take = (field: ImportField, from: string[]) => {
    const column = from.find((c) => cell(c) !== '') ?? from[0];
    if (column === undefined) return;
    columns[field] = column;
    if (cell(column) !== '') values[field] = cell(column);
  };
  for (const [field, from] of Object.entries(plan.fields)) take(field as ImportField, from);

  if (plan.nomenclature) {
    const nomenclature = cell(plan.nomenclature.column);
    if (nomenclature !== '' && !plan.nomenclature.accept.includes(nomenclature)) return { line: row.line, outside: 'scope' };
  }
  if (plan.profile.activity?.list && values.nationalCode) values.nationalCode = activityOf(values.nationalCode, plan, context.sectorRules);
  readName(plan, cell, context.legalNames, values, columns, problems);
  const address = plan.address.map((group) => group.map(cell).filter(Boolean).join(' ')).filter(Boolean).join(', ');
  if (address) [values.address, columns.address] = [address, plan.address[0]![0]!];
  if (values.communeName && plan.communeSuffix) values.communeName = values.communeName.replace(plan.communeSuffix, '').trim();
  readStatus(plan, cell, values, columns, problems);
  readHeadcount(plan, cell, values, columns, problems);
  if (plan.approximate && plan.approximate.values.includes(cell(plan.approximate.column))) values.locationApproximate = 'true';
  for (const [column, field] of Object.entries(context.overrides ?? {})) {
    if (!field) continue;
    columns[field] = column;
    if (cell(column) !== '') values[field] = cell(column);
    else delete values[field];
  }
  return { values, columns, problems };
}

/** Of the codes a cell lists, the first the sector table places in a filière, else the first. */
function activityOf(text: string, plan: ProfilePlan, rules: SectorRule[]): string {
  const codes = text.match(CODES) ?? [];
  const scheme = plan.profile.activity?.scheme ?? 'nace2';
  const inScope = codes.find((code) => {
    const activity = normaliseActivity(plan.profile.country, code);
    return !('error' in activity) && suggestSector(rules, activity.nace, scheme) !== null;
  });
  return inScope ?? codes[0] ?? text;
}

type Cell = (column: string) => string;
type Problems = NonNullable<MappedFields['problems']>;

/** The first name the profile's columns give, or the legal unit's from the second file. */
function readName(plan: ProfilePlan, cell: Cell, legalNames: LegalNames | undefined, values: FieldValues, columns: FieldColumns, problems: Problems) {
  if (plan.nameFrom.length === 0) return;
  for (const source of plan.nameFrom) {
    const name = source === '@legalUnit' ? legalNames?.get(plan.legalUnitKey ? cell(plan.legalUnitKey) : '') : cell(source);
    if (name) {
      [values.name, columns.name] = [name, source === '@legalUnit' ? (plan.legalUnitKey ?? source) : source];
      return;
    }
  }
  const named = plan.nameFrom.filter((source) => source !== '@legalUnit');
  columns.name = named[0] ?? 'name';
  const legal = plan.nameFrom.includes('@legalUnit') ? (legalNames ? ', nor the legal units file' : '; give the legal units file (StockUniteLegale) to name it') : '';
  problems.push({ field: 'name', reason: `no name: ${named.join(', ')} blank${legal}` });
}

/** The register's status code as active or closed, and the closing date of a closed firm. */
function readStatus(plan: ProfilePlan, cell: Cell, values: FieldValues, columns: FieldColumns, problems: Problems) {
  if (!plan.status) return;
  const code = cell(plan.status.column);
  columns.status = plan.status.column;
  if (code === '') return;
  const status = plan.status.values[code];
  if (!status) {
    problems.push({ field: 'status', reason: `unknown status '${code}': expected ${Object.keys(plan.status.values).join(', ')}` });
    return;
  }
  values.status = status;
  const closedOn = plan.status.closedOn.find((column) => cell(column) !== '');
  if (status === 'closed' && closedOn) [values.closedOn, columns.closedOn] = [cell(closedOn), closedOn];
  // An active firm's period start is not a closing date.
  if (status === 'active' && plan.status.closedOn.includes(columns.closedOn ?? '')) delete values.closedOn;
}

/** A size code as the ends of its band, never as a number; or the exact sum of the figures. */
function readHeadcount(plan: ProfilePlan, cell: Cell, values: FieldValues, columns: FieldColumns, problems: Problems) {
  if (plan.bands) {
    const code = cell(plan.bands.column);
    columns.employeesMin = columns.employeesMax = plan.bands.column;
    if (code === '') return;
    const band = plan.bands.codes[code];
    if (!band) {
      problems.push({ field: 'employeesMin', reason: `unknown size code '${code}': expected ${Object.keys(plan.bands.codes).sort().join(', ')}` });
      return;
    }
    values.employeesMin = String(band[0]);
    if (band[1] !== null) values.employeesMax = String(band[1]);
    return;
  }
  if (!plan.sum?.length) return;
  const cells = plan.sum.map(cell);
  columns.employees = plan.sum.join(' + ');
  if (cells.some((text) => text === '')) return;
  const bad = cells.findIndex((text) => !/^\d+$/.test(text));
  if (bad >= 0) {
    columns.employees = plan.sum[bad]!;
    problems.push({ field: 'employees', reason: `'${cells[bad]}' is not a whole number` });
    return;
  }
  values.employees = String(cells.reduce((sum, text) => sum + Number(text), 0));
}
