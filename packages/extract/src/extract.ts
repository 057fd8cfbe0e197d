/**
 * `extract(text)`: entities and relations from one report. Finders run from the most to the
 * least constrained (e-mail, dates, documents, phones, plates, money, addresses, then names),
 * each skipping text an earlier one took; mentions with the same kind and key become one
 * entity; person properties (age, birth date and place, nationality) come from appositions.
 */
import { findAddresses } from './find-addresses.ts';
import { findEmails, findPhones } from './find-contacts.ts';
import { findDates } from './find-dates.ts';
import { findDocuments, findPlates } from './find-identifiers.ts';
import { findMoney } from './find-money.ts';
import { findNames, givenNameSet } from './find-names.ts';
import { findRelations } from './find-relations.ts';
import { findScriptNames, mostlyArabic } from './find-script-names.ts';
import { placeGazetteer } from './place-gazetteer.ts';
import { splitSentences, type Sentence } from './sentences.ts';
import { Occupancy, type Span, type SpanKind } from './span.ts';
import type { EntitySchema, ExtractedEntity, ExtractedRelation, ExtractOptions, ExtractResult } from './types.ts';

const SCHEMA: Record<SpanKind, EntitySchema> = {
  person: 'Person', organization: 'Organization', place: 'Address', address: 'Address', date: 'Date', phone: 'Phone',
  email: 'Email', document: 'Identification', plate: 'Vehicle', money: 'Money',
};

/**
 * A country named alone ("seen in Belgium", "travelled to Syria") is a Country: no address, which
 * a town is (an Address holding its `city`), but the value of a `country` property, so it annotates
 * the text rather than becoming a record of its own.
 */
const schemaOf = (s: Span): EntitySchema => (s.kind === 'place' && s.key.startsWith('country:') ? 'Country' : SCHEMA[s.kind]);

let defaultGivenNames: ReadonlySet<string> | undefined;

export function extract(source: string, options: ExtractOptions = {}): ExtractResult {
  // A line break inside a sentence (text hard-wrapped at a width, as from PDF) is read as the space
  // it stands for, so that a name or a date broken over two lines is found whole; the text keeps its
  // length, and every offset is one into `source`.
  const sentences = splitSentences(source);
  const text = flowing(source, sentences);
  const givenNames = options.givenNames === undefined ? (defaultGivenNames ??= givenNameSet()) : givenNameSet(options.givenNames);
  const occupied = new Occupancy(text.length);
  const free = (s: number, e: number) => occupied.isFree(s, e);
  const spans: Span[] = [];
  const run = (found: Span[]) => {
    for (const s of found) {
      if (!occupied.isFree(s.start, s.end)) continue;
      occupied.take(s.start, s.end);
      spans.push(s);
    }
  };
  run(findEmails(text));
  run(findDocuments(text, free));
  run(findDates(text, free, sentences));
  run(findPhones(text, free, options.country));
  run(findPlates(text, free));
  run(findMoney(text, free));
  run(findAddresses(text, free));
  run(findNames(text, free, { givenNames, gazetteer: placeGazetteer(), country: options.country }).spans);
  run(findScriptNames(text, free));
  spans.sort((a, b) => a.start - b.start);
  addPersonProperties(text, spans);
  const entities = group(text, spans);
  const idOf = new Map<string, string>();
  for (const e of entities) idOf.set(e.groupKey, e.entity.id);
  const relations: ExtractedRelation[] = findRelations(text, sentences, spans).map((r) => {
    const base = {
      type: r.type,
      source: idOf.get(`${r.source.kind}|${r.source.key}`) ?? '',
      target: idOf.get(`${r.target.kind}|${r.target.key}`) ?? '',
      evidence: { sentence: text.slice(r.sentence.start, r.sentence.end), start: r.sentence.start, end: r.sentence.end },
    };
    return r.kind === undefined ? base : { ...base, kind: r.kind };
  });
  const result = { entities: entities.map((e) => e.entity), relations };
  return mostlyArabic(source) ? { ...result, warnings: [ARABIC_WARNING] } : result;
}

const ARABIC_WARNING = 'text is mostly in Arabic script: names are read from fields such as الاسم: only, not from its sentences';

/** `text` with each line break inside one of `sentences` turned into a space. */
function flowing(text: string, sentences: readonly Sentence[]): string {
  let out = '';
  let from = 0;
  for (const { start, end } of sentences) {
    const inside = text.slice(start, end);
    if (!inside.includes('\n')) continue;
    out += text.slice(from, start) + inside.replace(/[\r\n]/g, ' ');
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

const AGE_AFTER = /^(?:\s?\((\d{1,2})[),]|,\s(\d{1,2})\b(?!\s?(?:%|euros?|EUR|km|kg|years|people|calls|times|[.,]\d))|,\s(?:aged|age)\s(\d{1,2})\b|,\s(?:a|an)\s(\d{1,2})-year-old\b)/;
const AGE_BEFORE = /(\d{1,2})-year-old(?:\s[\p{L}-]+){0,3},?\s$/u;
// French "née le 5 juin 1991", "né le 05/06/1991", "date de naissance :"; Dutch "geboren op".
const BIRTH_CUE = /(?:\bborn(?:\son)?|\bDOB:?|°|\bdate of birth:?|\bb\.|\bnée?(?:\sle)?|\bdate de naissance\s?:?|\bgeboren(?:\sop)?|\bgeboortedatum:?)\s*$/i;
const NATIONAL_CUE = /^[^.;]{0,40}?\b(\p{Lu}\p{Ll}+)\s(?:national|citizen)\b/u;
// "de nationalité marocaine", "van Marokkaanse nationaliteit", "nationaliteit: Marokkaans": the
// adjective in lower case too, as French writes it.
const NATIONAL_CUE_OTHER = /^[^.;]{0,60}?(?:(?<!\p{L})de\snationalité\s(\p{L}+)|(?<!\p{L})van\s(\p{L}+)\snationaliteit|(?<!\p{L})nationaliteit:?\s(\p{L}+))/iu;
// "born in PLACE", "born [on|in] DATE[,] in PLACE", with the date (a date span) written as DATE_MARK:
// one clause, so that "born 14 March 1979, was arrested in Antwerp" gives no birth place. Lower-case
// only: a sentence opening "Born in …" is about the subject after it, not a person before.
const DATE_MARK = '\u0001';
const BIRTH_PLACE_CUE = /\bborn\s+(?:(?:(?:on|in)\s+)?\u0001,?\s+)?in\s$|\bnée?\s+(?:(?:le\s+|en\s+)?\u0001,?\s+)?à\s$|\bgeboren\s+(?:(?:op\s+|in\s+)?\u0001,?\s+)?(?:te|in)\s$/;

function addPersonProperties(text: string, spans: Span[]): void {
  const gazetteer = placeGazetteer();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as Span;
    if (s.kind !== 'person') continue;
    const after = text.slice(s.end, s.end + 60);
    const before = text.slice(Math.max(0, s.start - 40), s.start);
    const age = AGE_AFTER.exec(after) ?? AGE_BEFORE.exec(before);
    const value = age?.slice(1).find((g) => g !== undefined);
    if (value !== undefined) s.props['age'] = [value];
    const nat = NATIONAL_CUE.exec(after);
    const other = nat === null ? NATIONAL_CUE_OTHER.exec(text.slice(s.end, s.end + 100)) : null;
    const adjective = nat?.[1] ?? other?.slice(1).find((g) => g !== undefined);
    const code = adjective === undefined ? undefined : gazetteer.demonym(adjective);
    if (code !== undefined) s.props['nationality'] = [code.toLowerCase()];
    // "born 12/04/1996 in Saint-Denis", "(DOB 03.07.1988)", "(°12.05.1994": within the same clause.
    for (let j = i + 1; j < spans.length && (spans[j] as Span).start - s.end < 60; j++) {
      const n = spans[j] as Span;
      if (n.kind === 'person') break;
      const lead = text.slice(Math.max(s.end, n.start - 20), n.start);
      if (n.kind === 'date' && BIRTH_CUE.test(lead) && /^\d{4}-\d{2}-\d{2}$/.test(n.key)) s.props['birthDate'] = [n.key];
      if (n.kind === 'date' && BIRTH_CUE.test(lead) && /^\d{4}$/.test(n.key)) s.props['birthDate'] ??= [n.key];
      if (n.kind === 'place' && BIRTH_PLACE_CUE.test(birthPlaceLead(text, s, spans[j - 1] as Span, n))) s.props['birthPlace'] = [n.name];
    }
  }
}

/** The text from a person to a place after it, the date just before the place (if any) as `DATE_MARK`. */
function birthPlaceLead(text: string, person: Span, previous: Span, place: Span): string {
  if (previous === person || previous.kind !== 'date') return text.slice(person.end, place.start);
  return text.slice(person.end, previous.start) + DATE_MARK + text.slice(previous.end, place.start);
}

interface Grouped {
  readonly groupKey: string;
  readonly entity: ExtractedEntity;
}

function group(text: string, spans: readonly Span[]): Grouped[] {
  const groups = new Map<string, Span[]>();
  for (const s of spans) {
    const k = `${s.kind}|${s.key}`;
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [s]);
    else list.push(s);
  }
  let n = 0;
  return [...groups.entries()].map(([groupKey, list]) => {
    const first = list[0] as Span;
    const properties: Record<string, string[]> = {};
    for (const s of list) {
      for (const [p, values] of Object.entries(s.props)) {
        const into = (properties[p] ??= []);
        for (const v of values) if (!into.includes(v)) into.push(v);
      }
    }
    const names = [...new Set(list.map((s) => s.name))];
    const name = names.reduce((a, b) => (b.length > a.length ? b : a), first.name);
    if (first.kind === 'person' || first.kind === 'organization') properties['name'] = [name];
    const entity: ExtractedEntity = {
      id: `e${++n}`,
      schema: schemaOf(first),
      name,
      mentions: list.map((s) => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) })),
      properties,
    };
    return { groupKey, entity };
  });
}
