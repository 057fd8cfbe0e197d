/**
 * A journey a report tells ("X travelled by air from Belgium to Turkey on 12 March 2025") as the
 * record the store keeps travel in: a Travel (the model's event, with `person`, `fromCountry`,
 * `toCountry`, `place`, `departureDate`, `transport`), which the timeline, the map and co-travel
 * read. Extraction gives the journey as one relation per end (`travelled_from`, `travelled_to`),
 * each with the sentence; those of one traveller in one sentence are one journey, one record.
 *
 * A place named is no record of the Travel (its countries and town are values): a country is no
 * record at all, and needs no decision; a town is an address a reviewer confirms or rejects, and
 * counts once confirmed, as any end of a relation does. The date is the one the sentence gives
 * that is no one's date of birth ("X, born 3 May 1988, travelled … on 12 March 2025"), the
 * nearest to the place where it gives several; none when the sentence gives none.
 */
import type { ExtractedEntity, ExtractedRelation } from '@mosaic/extract';
import type { EntityReview } from './report-review.ts';

export const TRAVEL_RELATIONS: ReadonlySet<ExtractedRelation['type']> = new Set(['travelled_to', 'travelled_from']);

/** The indexes of the relations telling the same journey as relation `index` (its own first), in the order of the review. */
export function journeyOf(relations: readonly ExtractedRelation[], index: number): readonly number[] {
  const relation = relations[index];
  if (!relation || !TRAVEL_RELATIONS.has(relation.type)) return [];
  return relations.flatMap((r, i) => (TRAVEL_RELATIONS.has(r.type) && r.source === relation.source && r.evidence.start === relation.evidence.start && r.evidence.end === relation.evidence.end ? [i] : []));
}

/**
 * How a sentence says the journey was made, in the words a Travel's `transport` keeps: in English,
 * French ("par avion", "en voiture", "par la route") and Dutch ("per vliegtuig", "met de auto"),
 * the languages extraction reads journeys in.
 */
const TRANSPORT: readonly (readonly [RegExp, string])[] = [
  [/\bby\s(?:air|plane|aeroplane|airplane)\b|\b(?:flew|flown|flies|flight)\b|\b(?:par|en)\savion\b|(?<!\p{L})pris\sl['’]avion\b|\b(?:per|met\shet)\svliegtuig\b|\b(?:vloog|vlogen)\b/iu, 'air'],
  [/\bby\s(?:train|rail)\b|\btook\sa\strain\b|\b(?:par|en)\s(?:le\s)?train\b|\b(?:per|met\sde)\strein\b/iu, 'train'],
  [/\bby\s(?:bus|coach)\b|\btook\sa\sbus\b|\b(?:par|en)\s(?:le\s)?(?:bus|car|autocar)\b|\b(?:per|met\sde)\s(?:bus|touringcar)\b/iu, 'bus'],
  [/\bby\s(?:sea|boat|ferry|ship)\b|\b(?:sailed|took\sa\sferry)\b|\b(?:par|en)\s(?:la\smer|bateau|ferry)\b|\b(?:per|met\sde)\s(?:boot|ferry|veerboot)\b/iu, 'sea'],
  [/\bby\s(?:car|road|van)\b|\b(?:drove|driven)\b|\b(?:par|en)\s(?:la\sroute|voiture|camionnette)\b|\b(?:per|met\sde)\s(?:auto|wagen|bestelwagen)\b/iu, 'road'],
];

export function transportOf(sentence: string): string | undefined {
  return TRANSPORT.find(([pattern]) => pattern.test(sentence))?.[1];
}

/** A date a Travel keeps (a year, a month or a day); a day without its year ("20 March") is not one. */
const DATED = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** The date of the journey: one the sentence gives that is no one's birth date, nearest the place's mention. */
export function travelDateOf(entities: readonly ExtractedEntity[], relation: ExtractedRelation, place: ExtractedEntity | undefined): string | undefined {
  const { start, end } = relation.evidence;
  const births = new Set(entities.flatMap((e) => (e.schema === 'Person' ? e.properties['birthDate'] ?? [] : [])));
  const at = place?.mentions.find((m) => m.start >= start && m.end <= end)?.start ?? start;
  const dates = entities.flatMap((e) => {
    const date = e.properties['date']?.[0] ?? e.name;
    if (e.schema !== 'Date' || births.has(date) || !DATED.test(date)) return [];
    return e.mentions.filter((m) => m.start >= start && m.end <= end && !births.has(date)).map((m) => ({ date, distance: Math.abs(m.start - at) }));
  });
  return dates.sort((a, b) => a.distance - b.distance)[0]?.date;
}

export interface JourneyInput {
  readonly entities: readonly ExtractedEntity[];
  readonly relations: readonly ExtractedRelation[];
  readonly decisions: Readonly<Record<string, EntityReview>>;
  /** The journey's relations (journeyOf). */
  readonly indexes: readonly number[];
}

export type Journey =
  /** The Travel's values, the person aside (the confirmed traveller's record), and the relations they come from. */
  | { readonly ready: true; readonly properties: Readonly<Record<string, readonly string[]>>; readonly indexes: readonly number[] }
  /** Nothing to record yet: the traveller, or every place, waits for a decision. */
  | { readonly ready: false };

/**
 * The Travel a journey makes once its traveller is confirmed and a place of it may be read: a
 * country, or a town confirmed. A place rejected is left out (that relation is rejected with it,
 * by the review's rule for a rejected end); one still open waits, and is added when confirmed.
 */
export function journeyTravel({ entities, relations, decisions, indexes }: JourneyInput): Journey {
  const first = relations[indexes[0] ?? -1];
  if (!first || decisions[first.source]?.status !== 'confirmed') return { ready: false };
  const entity = (id: string): ExtractedEntity | undefined => entities.find((e) => e.id === id);
  const ready = indexes.filter((i) => {
    const place = entity(relations[i]!.target);
    return place !== undefined && (place.schema === 'Country' || decisions[place.id]?.status === 'confirmed');
  });
  if (ready.length === 0) return { ready: false };
  const properties: Record<string, string[]> = {};
  for (const i of ready) {
    const relation = relations[i]!;
    const place = entity(relation.target)!;
    const country = place.properties['country']?.[0];
    if (country) properties[relation.type === 'travelled_from' ? 'fromCountry' : 'toCountry'] = [country];
    // the town the journey went to, or failing one, the town it left
    if (place.schema === 'Address' && (relation.type === 'travelled_to' || properties['place'] === undefined)) properties['place'] = [place.name];
  }
  const to = ready.map((i) => relations[i]!).find((r) => r.type === 'travelled_to') ?? relations[ready[0]!]!;
  const date = travelDateOf(entities, to, entity(to.target));
  if (date) properties['departureDate'] = [date];
  const transport = transportOf(first.evidence.sentence);
  if (transport) properties['transport'] = [transport];
  return { ready: true, properties, indexes: ready };
}
