/**
 * One-off comparison of two entity records with a model (default: the shipped model), for
 * `mosaic compare`: the calibrated probability, the decision at the model's threshold and the
 * per-feature explanation (levels and weights in bits, never the compared values).
 */
import { defaultModel, scorePair, type MatchModel, type NameFrequencies, type ScoreResult } from '@mosaic/matching';
import type { FieldError } from '@mosaic/model';
import type { ResolvableRecord } from './resolve-records.ts';
import { schemaGroup } from './schema-groups.ts';

export type CompareRecord = Pick<ResolvableRecord, 'schema' | 'properties'>;

/**
 * Why `b` cannot be compared with `a` (said of b's schema), or undefined when both are of one
 * kind: resolution's group (schemaGroup: persons with persons, organisation-like schemata with
 * each other), else the schema itself. The matcher reads names alone across kinds, so a person
 * and an organisation of one name score as one; but resolution never groups them and a judgement
 * refuses them, so a compared pair is refused in a judgement's words.
 */
export function kindMismatch(a: Pick<CompareRecord, 'schema'>, b: Pick<CompareRecord, 'schema'>): FieldError | undefined {
  const kind = (schema: string): string => schemaGroup(schema) ?? schema;
  return kind(a.schema) === kind(b.schema) ? undefined : { field: 'schema', reason: `a ${b.schema} cannot be the same as a ${a.schema}` };
}

/**
 * `frequencies`: the name-token table of the data the model scored (a resolution's), so that the
 * name weight carries the same adjustment. The caller of a pair it was handed checks kindMismatch first.
 */
export function compareRecords(a: CompareRecord, b: CompareRecord, model: MatchModel = defaultModel(), frequencies?: NameFrequencies): ScoreResult {
  return scorePair(model, a, b, frequencies ? { frequencies } : {});
}
