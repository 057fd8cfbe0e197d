/**
 * Schemata as data, after FollowTheMoney: one JSON file per schema under ../schemata, with
 * inheritance, typed properties, and — for relationship schemata — the edge they declare, so
 * the graph falls out of the model. Definitions are validated when loaded and then frozen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './errors.ts';
import { isPropertyTypeName, type PropertyTypeName } from './property-types.ts';

export interface PropertyDefinition {
  readonly name: string;
  readonly type: PropertyTypeName;
  readonly label: string;
  /** Used as evidence when matching records; see `why` where a property is deliberately not. */
  readonly matchable: boolean;
  /** For 'entity' properties: the schema the referenced record must be (or extend). */
  readonly range?: string;
  /** For 'enum' properties: the allowed values. */
  readonly values?: readonly string[];
  readonly why?: string;
}

export interface EdgeDefinition {
  /** Property holding the source endpoint. */
  readonly source: string;
  /** Property holding the target endpoint. */
  readonly target: string;
  readonly label: string;
}

export interface EventDefinition {
  /** Properties naming the entities the event is about, in order of preference. */
  readonly subjects: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly place: string;
}

export interface Schema {
  readonly name: string;
  readonly label: string;
  readonly abstract: boolean;
  readonly matchable: boolean;
  /** Own name first, then every ancestor. */
  readonly lineage: readonly string[];
  /** Own and inherited properties. */
  readonly properties: ReadonlyMap<string, PropertyDefinition>;
  readonly caption: readonly string[];
  readonly edge?: EdgeDefinition;
  readonly event?: EventDefinition;
}

export interface SchemaRegistry {
  get(name: string): Schema | undefined;
  all(): readonly Schema[];
  /** True when `schema` is `ancestor` or extends it. */
  isA(schema: string, ancestor: string): boolean;
}

interface RawProperty { type?: unknown; label?: unknown; matchable?: unknown; range?: unknown; values?: unknown; why?: unknown }
interface RawSchema {
  name?: unknown; label?: unknown; abstract?: unknown; matchable?: unknown; extends?: unknown; caption?: unknown;
  properties?: unknown; edge?: unknown; event?: unknown;
}

function invalid(schema: string, message: string): AppError {
  return new AppError('MOSAIC_SCHEMA_DEFINITION', `model: schema ${schema}: ${message}`);
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function ownProperties(name: string, raw: RawSchema): PropertyDefinition[] {
  const props = raw.properties ?? {};
  if (typeof props !== 'object' || props === null) throw invalid(name, 'properties must be an object');
  return Object.entries(props as Record<string, RawProperty>).map(([prop, def]) => {
    if (typeof def.type !== 'string' || !isPropertyTypeName(def.type)) throw invalid(name, `property ${prop} has unknown type ${String(def.type)}`);
    if (typeof def.label !== 'string') throw invalid(name, `property ${prop} needs a label`);
    if (def.type === 'enum' && !isStringArray(def.values)) throw invalid(name, `enum property ${prop} needs values`);
    if (def.type === 'entity' && typeof def.range !== 'string') throw invalid(name, `entity property ${prop} needs a range`);
    return Object.freeze({
      name: prop,
      type: def.type,
      label: def.label,
      matchable: def.matchable === true,
      ...(typeof def.range === 'string' ? { range: def.range } : {}),
      ...(isStringArray(def.values) ? { values: Object.freeze([...def.values]) } : {}),
      ...(typeof def.why === 'string' ? { why: def.why } : {}),
    });
  });
}

/** Build a registry from raw definitions, checking every cross-reference. */
export function buildSchemaRegistry(definitions: readonly unknown[]): SchemaRegistry {
  const raws = new Map<string, RawSchema>();
  for (const definition of definitions) {
    const raw = definition as RawSchema;
    if (typeof raw.name !== 'string' || !/^[A-Z][A-Za-z]+$/.test(raw.name)) throw invalid(String(raw.name), 'name must be PascalCase');
    if (raws.has(raw.name)) throw invalid(raw.name, 'defined twice');
    raws.set(raw.name, raw);
  }
  const built = new Map<string, Schema>();
  const building = new Set<string>();

  function build(name: string): Schema {
    const done = built.get(name);
    if (done) return done;
    const raw = raws.get(name);
    if (!raw) throw invalid(name, 'is referenced but not defined');
    if (building.has(name)) throw invalid(name, 'inherits from itself');
    building.add(name);
    const parents = raw.extends === undefined ? [] : raw.extends;
    if (!isStringArray(parents)) throw invalid(name, 'extends must be a list of schema names');
    const properties = new Map<string, PropertyDefinition>();
    const lineage = [name];
    for (const parent of parents.map(build)) {
      for (const [key, prop] of parent.properties) properties.set(key, prop);
      for (const ancestor of parent.lineage) if (!lineage.includes(ancestor)) lineage.push(ancestor);
    }
    for (const prop of ownProperties(name, raw)) properties.set(prop.name, prop);
    const caption = raw.caption ?? (properties.has('name') ? ['name'] : []);
    if (!isStringArray(caption) || caption.some((c) => !properties.has(c))) throw invalid(name, 'caption must name its properties');
    const schema: Schema = Object.freeze({
      name,
      label: typeof raw.label === 'string' ? raw.label : name,
      abstract: raw.abstract === true,
      matchable: raw.matchable === true,
      lineage: Object.freeze(lineage),
      properties,
      caption: Object.freeze(caption),
      ...edgeOf(name, raw, properties),
      ...eventOf(name, raw, properties, parents.map(build)),
    });
    building.delete(name);
    built.set(name, schema);
    return schema;
  }

  for (const name of raws.keys()) build(name);
  for (const schema of built.values()) {
    for (const prop of schema.properties.values()) {
      if (prop.range !== undefined && !built.has(prop.range)) throw invalid(schema.name, `property ${prop.name} ranges over unknown schema ${prop.range}`);
    }
  }
  const all = Object.freeze([...built.values()]);
  return Object.freeze({
    get: (name: string) => built.get(name),
    all: () => all,
    isA: (schema: string, ancestor: string) => built.get(schema)?.lineage.includes(ancestor) ?? false,
  });
}

function edgeOf(name: string, raw: RawSchema, properties: ReadonlyMap<string, PropertyDefinition>): { edge?: EdgeDefinition } {
  if (raw.edge === undefined) return {};
  const edge = raw.edge as { source?: unknown; target?: unknown; label?: unknown };
  for (const end of [edge.source, edge.target]) {
    if (typeof end !== 'string' || properties.get(end)?.type !== 'entity') throw invalid(name, 'edge endpoints must be entity properties');
  }
  return { edge: Object.freeze({ source: String(edge.source), target: String(edge.target), label: String(edge.label ?? name) }) };
}

function eventOf(name: string, raw: RawSchema, properties: ReadonlyMap<string, PropertyDefinition>, parents: readonly Schema[]): { event?: EventDefinition } {
  if (raw.event === undefined) {
    const inherited = parents.find((p) => p.event)?.event;
    return inherited ? { event: inherited } : {};
  }
  const event = raw.event as { subjects?: unknown; start?: unknown; end?: unknown; place?: unknown };
  if (!isStringArray(event.subjects) || event.subjects.some((s) => properties.get(s)?.type !== 'entity')) throw invalid(name, 'event subjects must be entity properties');
  for (const key of [event.start, event.end, event.place]) {
    if (typeof key !== 'string' || !properties.has(key)) throw invalid(name, 'event start, end and place must name properties');
  }
  return { event: Object.freeze({ subjects: Object.freeze([...event.subjects]), start: String(event.start), end: String(event.end), place: String(event.place) }) };
}

const SCHEMATA_DIR = join(import.meta.dirname, '..', 'schemata');

/** Read every definition file in a folder. */
export function readSchemaDefinitions(dir: string = SCHEMATA_DIR): unknown[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown);
}

let defaultRegistry: SchemaRegistry | undefined;

/** The registry of the schemata shipped with Mosaic, loaded and validated once. */
export function schemata(): SchemaRegistry {
  defaultRegistry ??= buildSchemaRegistry(readSchemaDefinitions());
  return defaultRegistry;
}
