/**
 * A CSV mapping says how the columns of one agency's export become a record: the schema, the
 * column holding the record id, which columns feed which properties, and the provenance every
 * row shares (with optional per-row columns for fields that vary, such as the subject category).
 *
 * {
 *   "schema": "Person",
 *   "id": "person_id",
 *   "properties": { "name": "full_name", "alias": { "column": "aliases", "split": ";" }, "birthDate": "dob" },
 *   "provenance": { "agency": "zone-north", "source": "rms", "reliability": "B", "credibility": 2, ... },
 *   "provenanceColumns": { "category": "subject_category" },
 *   "delimiter": ","
 * }
 */
import { AppError, formatFieldError, PROVENANCE_COLUMN_FIELDS, provenanceDefaultsErrors, type FieldError, type ProvenanceDefaults, type SchemaRegistry } from '@mosaic/model';

export interface ColumnSource {
  readonly column: string;
  /** Split one cell into several values on this separator. */
  readonly split?: string;
}

export interface CsvMapping {
  readonly schema: string;
  readonly id: string;
  readonly properties: Readonly<Record<string, readonly ColumnSource[]>>;
  readonly provenance: ProvenanceDefaults;
  readonly provenanceColumns: Readonly<Record<string, string>>;
  readonly delimiter: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string): AppError {
  return new AppError('MOSAIC_INVALID_INPUT', `mapping: ${message}`);
}

function sources(property: string, spec: unknown): ColumnSource[] {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((item) => {
    if (typeof item === 'string' && item !== '') return { column: item };
    if (isObject(item) && typeof item['column'] === 'string') {
      return typeof item['split'] === 'string' && item['split'] !== '' ? { column: item['column'], split: item['split'] } : { column: item['column'] };
    }
    throw invalid(`properties.${property} must be a column name, a list of them, or {"column", "split"}`);
  });
}

const MAPPING_FIELDS: readonly string[] = ['schema', 'id', 'properties', 'provenance', 'provenanceColumns', 'delimiter'];

export function parseCsvMapping(raw: unknown, registry: SchemaRegistry): CsvMapping {
  if (!isObject(raw)) throw invalid('must be a JSON object');
  const stray = Object.keys(raw).find((key) => !MAPPING_FIELDS.includes(key));
  if (stray !== undefined) throw invalid(`${stray} is not a field of a mapping (${MAPPING_FIELDS.join(', ')})`);
  const schema = raw['schema'];
  if (schema === undefined) throw invalid('schema is required: the schema each row is a record of, such as "Person"');
  if (typeof schema !== 'string' || !registry.get(schema) || registry.get(schema)?.abstract) throw invalid(`schema ${JSON.stringify(schema)} is not a known concrete schema`);
  const id = raw['id'];
  if (typeof id !== 'string' || id === '') throw invalid('id must name the column holding the record id');
  const props = raw['properties'];
  if (!isObject(props) || Object.keys(props).length === 0) throw invalid('properties must map at least one property to columns');
  const known = registry.get(schema)?.properties;
  const properties: Record<string, readonly ColumnSource[]> = {};
  for (const [property, spec] of Object.entries(props)) {
    if (!known?.has(property)) throw invalid(`properties.${property} is not a property of ${schema}`);
    properties[property] = sources(property, spec);
  }
  const provenance = raw['provenance'] ?? {};
  const [wrong] = provenanceDefaultsErrors(provenance, 'provenance');
  if (wrong !== undefined) throw invalid(formatFieldError(wrong));
  const provenanceColumns = raw['provenanceColumns'] ?? {};
  if (!isObject(provenanceColumns) || !Object.values(provenanceColumns).every((c) => typeof c === 'string')) {
    throw invalid('provenanceColumns must map provenance fields to column names');
  }
  const unknown = Object.keys(provenanceColumns).find((field) => !PROVENANCE_COLUMN_FIELDS.includes(field));
  if (unknown !== undefined) throw invalid(`provenanceColumns.${unknown} is not a provenance field a column can give (${PROVENANCE_COLUMN_FIELDS.join(', ')})`);
  const delimiter = raw['delimiter'] ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw invalid('delimiter must be one character');
  return Object.freeze({
    schema,
    id,
    properties: Object.freeze(properties),
    provenance: provenance as ProvenanceDefaults,
    provenanceColumns: Object.freeze(provenanceColumns as Record<string, string>),
    delimiter,
  });
}

/** The columns a mapping reads, to check a file's header before reading any row. */
export function mappedColumns(mapping: CsvMapping): string[] {
  const columns = new Set([mapping.id, ...Object.values(mapping.provenanceColumns)]);
  for (const list of Object.values(mapping.properties)) for (const source of list) columns.add(source.column);
  return [...columns];
}

/** One CSV row (header → cell) as a raw record for validateRecord. */
export function rowToRawRecord(mapping: CsvMapping, row: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const properties: Record<string, string[]> = {};
  for (const [property, list] of Object.entries(mapping.properties)) {
    const values: string[] = [];
    for (const source of list) {
      const cell = row[source.column]?.trim();
      if (!cell) continue;
      for (const value of source.split ? cell.split(source.split) : [cell]) if (value.trim() !== '') values.push(value.trim());
    }
    if (values.length > 0) properties[property] = values;
  }
  const provenance: Record<string, unknown> = { ...mapping.provenance };
  for (const [field, column] of Object.entries(mapping.provenanceColumns)) {
    const cell = row[column]?.trim();
    if (cell) provenance[field] = cell;
  }
  return { id: row[mapping.id]?.trim(), schema: mapping.schema, properties, provenance };
}

/** "Date of birth" as "date of birth" in a sentence; "IBAN" stays. */
const inSentence = (label: string): string => (/^[A-Z][a-z]/.test(label) ? `${label[0]?.toLowerCase() ?? ''}${label.slice(1)}` : label);

/**
 * The fields a mapping fills, each named as whoever made the file knows it: by its column and the
 * property's label, `column birth (date of birth)` for `birthDate`. A row refused names the column
 * to correct in the file, where the property's name is the model's.
 */
export function csvFieldNames(mapping: CsvMapping, registry?: SchemaRegistry): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const columns = (list: readonly string[]): string => (list.length === 1 ? `column ${list[0] ?? ''}` : `columns ${list.join(' or ')}`);
  const known = registry?.get(mapping.schema)?.properties;
  for (const [property, sources] of Object.entries(mapping.properties)) {
    const label = known?.get(property)?.label;
    names.set(property, `${columns([...new Set(sources.map((s) => s.column))])}${label ? ` (${inSentence(label)})` : ''}`);
  }
  names.set('id', `column ${mapping.id} (record id)`);
  for (const [field, column] of Object.entries(mapping.provenanceColumns)) names.set(`provenance.${field}`, `column ${column} (${field})`);
  return names;
}

/** A row's refusal with its field named by csvFieldNames: the field itself, or one inside it (`birthDate[1]`). */
export function namedByColumn(error: FieldError, names: ReadonlyMap<string, string>): FieldError {
  const field = [...names.keys()].find((key) => error.field === key || error.field.startsWith(`${key}.`) || error.field.startsWith(`${key}[`));
  return field === undefined ? error : { ...error, field: `${names.get(field) ?? field}${error.field.slice(field.length)}` };
}
