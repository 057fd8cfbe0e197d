/**
 * The generated fictional watchlist of the screening-at-scale benchmarks (screen-scale.ts in
 * process, screen-http.ts over HTTP): people from bench/screen-name-pool.ts, two thirds of the
 * surnames built from syllables so that the vocabulary grows with the list as real surnames do,
 * with aliases (respellings, reordered names, weak kunya aliases), dates of birth,
 * nationalities, passports and plates; and the queries run against it.
 */
import type { WatchlistEntry } from '@mosaic/screening';
import { EntityId, seededRandom } from '@mosaic/model';
import { fictionalPerson, pick, ORIGINS, TYPO_KINDS, typo } from '../screen-name-pool.ts';

const ONSETS = ['b', 'br', 'd', 'dr', 'f', 'g', 'gr', 'h', 'k', 'kr', 'l', 'm', 'n', 'p', 'r', 's', 'st', 't', 'tr', 'v', 'z', 'ch', 'sh', 'j', 'y', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'k', 'm', 't'];
const ENDINGS = ['', 'ov', 'ski', 'son', 'ez', 'ini', 'escu', 'idis', 'oglu', 'adze', 'ovic', 'man', 'er', 'i', 'ani', 'ak'];

export function syllableSurname(random: () => number): string {
  let s = '';
  const n = 2 + Math.floor(random() * 2);
  for (let i = 0; i < n; i++) s += pick(random, ONSETS) + pick(random, VOWELS) + pick(random, CODAS);
  s += pick(random, ENDINGS);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface ListedPerson { readonly entry: WatchlistEntry; readonly name: string; readonly birthDate: string }

/** `count` listed people, the same for the same count (seeded). */
export function generateWatchlist(count: number): ListedPerson[] {
  const random = seededRandom(1_000_003);
  const people: ListedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const base = fictionalPerson(random);
    const words = base.name.split(' ');
    if (random() < 0.67) words[words.length - 1] = syllableSurname(random);
    const name = words.join(' ');
    const names: { value: string; kind: 'name' | 'alias' | 'weakAlias' }[] = [{ value: name, kind: 'name' }];
    const r = random();
    if (r < 0.25) names.push({ value: typo(name, pick(random, TYPO_KINDS), random) ?? name, kind: 'alias' });
    else if (r < 0.4) names.push({ value: `${words[words.length - 1]?.toUpperCase()}, ${words.slice(0, -1).join(' ')}`, kind: 'alias' });
    if (random() < 0.1) names.push({ value: `Abu ${pick(random, pick(random, ORIGINS).given)}`, kind: 'weakAlias' });
    people.push({
      name,
      birthDate: base.birthDate,
      entry: {
        id: EntityId(`p${i}`),
        schema: 'Person',
        names,
        birthDates: [base.birthDate],
        nationalities: [base.nationality],
        genders: [base.gender],
        ...(random() < 0.5 ? { documents: [`X${String(Math.floor(random() * 1e8)).padStart(8, '0')}`] } : {}),
        ...(random() < 0.1 ? { plates: [`${Math.floor(random() * 9) + 1}ABC${String(i % 1000).padStart(3, '0')}`] } : {}),
      },
    });
  }
  return people;
}

export interface WatchlistQuery { readonly text: string; readonly birthDate?: string; readonly own?: string }

/**
 * Half positives (a seeded typo or reordering of a listed person's name, half of them with the
 * date of birth), half negatives (fresh fictional people, half with a date of birth).
 */
export function watchlistQueries(people: readonly ListedPerson[], count: number): WatchlistQuery[] {
  const random = seededRandom(99);
  const queries: WatchlistQuery[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const p = pick(random, people);
      const text = typo(p.name, pick(random, TYPO_KINDS), random) ?? p.name;
      queries.push({ text, own: p.entry.id, ...(i % 4 === 0 ? { birthDate: p.birthDate } : {}) });
    } else {
      const f = fictionalPerson(seededRandom(7_000_000 + i));
      const words = f.name.split(' ');
      words[words.length - 1] = syllableSurname(random);
      queries.push({ text: words.join(' '), ...(i % 4 === 1 ? { birthDate: f.birthDate } : {}) });
    }
  }
  return queries;
}
