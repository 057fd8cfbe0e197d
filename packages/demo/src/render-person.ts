/**
 * One agency's rendering of a true person's identifying details: the name as its clerk wrote
 * it, the date of birth as its source gave it, the national number in its system's format.
 * The habits come from the agency profile; the variation is what a resolver has to undo.
 */
import type { FieldHabits, NameHabits } from './agency-profiles.ts';
import { civil, pad2 } from './calendar.ts';
import { arabicRespelling, foldDiacritics, ocrNoise, particleVariant, romanise, typo } from './name-variation.ts';
import type { Rng } from './rng.ts';
import type { TrueAddress, TruePerson } from './world.ts';

export interface RenderedName {
  /** Full name(s): the Latin rendering, plus the own-script one when recorded. */
  readonly names: readonly string[];
  readonly firstName: string;
  readonly lastName: string;
}

const ARABIC_ORIGINS = new Set(['maghrebi', 'levantine', 'somali']);

/** Russian-style surnames (Chechen here) take a feminine ending: Magomadov -> Magomadova. */
function feminine(surname: string): string {
  const match = /(ov|ev|ow|ew|off|in)$/.exec(surname);
  if (!match) return surname;
  const ending = match[1] === 'off' ? 'ova' : `${match[1]}a`;
  return surname.slice(0, -(match[1]?.length ?? 0)) + ending;
}

export function renderName(p: TruePerson, habits: NameHabits, rng: Rng): RenderedName {
  let given = rng.chance(habits.otherSpelling) ? rng.pick(p.given.forms) : p.givenSpelling;
  let lastParts = p.surnames.map((entry, i) => (rng.chance(habits.otherSpelling) ? rng.pick(entry.forms) : p.surnameSpellings[i] ?? entry.forms[0] ?? ''));
  // Somali chained names: many systems keep only the father's name as the surname.
  if (lastParts.length > 1 && rng.chance(0.35)) lastParts = lastParts.slice(0, 1);
  const inflected = p.origin === 'chechen' && p.gender === 'female';
  if (inflected) lastParts = lastParts.map(feminine);
  let last = lastParts.join(' ');
  if (rng.chance(habits.particle)) last = particleVariant(last, rng);
  if (ARABIC_ORIGINS.has(p.origin) && rng.chance(habits.otherSpelling * 0.3)) given = arabicRespelling(given, rng);
  if (!rng.chance(habits.diacriticsKept)) {
    if (rng.chance(0.75)) {
      given = foldDiacritics(given);
      last = foldDiacritics(last);
    } else {
      given = romanise(given, rng);
      last = romanise(last, rng);
    }
  }
  if (rng.chance(habits.typo)) {
    if (rng.chance(0.5)) given = typo(given, rng);
    else last = typo(last, rng);
  }
  if (rng.chance(habits.ocr)) {
    if (rng.chance(0.5)) given = ocrNoise(given, rng);
    else last = ocrNoise(last, rng);
  }
  if (rng.chance(habits.swappedFields)) [given, last] = [last, given];
  const r = rng.next();
  let full = r < habits.surnameComma ? `${last.toUpperCase()}, ${given}` : r < habits.surnameComma + habits.surnameFirst ? `${last} ${given}` : `${given} ${last}`;
  let firstName = given;
  let lastName = last;
  if (rng.chance(habits.upperCase)) {
    full = full.toUpperCase();
    firstName = firstName.toUpperCase();
    lastName = lastName.toUpperCase();
  }
  if (habits.nativeScript > 0 && p.given.native !== undefined && p.surnames.every((s) => s.native !== undefined) && rng.chance(habits.nativeScript)) {
    const native = `${p.given.native} ${p.surnames.map((s) => (inflected ? `${s.native ?? ''}а` : s.native)).join(' ')}`;
    // Some sources give the name in its own script only.
    return { names: rng.chance(0.25) ? [native] : [full, native], firstName, lastName };
  }
  return { names: [full], firstName, lastName };
}

/** Full date, a partial one ("1989", "1989-09"), day and month swapped, or a slip of the year. */
export function renderBirthDate(birth: number, habits: FieldHabits, rng: Rng): string | null {
  if (!rng.chance(habits.birthDate)) return null;
  const c = civil(birth);
  if (rng.chance(habits.partialBirthDate)) return rng.chance(0.7) ? String(c.year) : `${c.year}-${pad2(c.month)}`;
  const r = rng.next();
  if (r < 0.03 && c.day <= 12 && c.day !== c.month) return `${c.year}-${pad2(c.day)}-${pad2(c.month)}`;
  if (r < 0.045) {
    const year = c.year + (rng.chance(0.5) ? 1 : -1);
    // a slip no system would take: 29 February of a year that has none
    if (c.month !== 2 || c.day !== 29) return `${year}-${pad2(c.month)}-${pad2(c.day)}`;
  }
  // Unknown day and month entered as the first of January.
  if (r < 0.055) return `${c.year}-01-01`;
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** Belgian national number as different systems print it. */
export function renderNationalNumber(value: string, rng: Rng): string {
  switch (rng.int(4)) {
    case 0: return `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}-${value.slice(6, 9)}.${value.slice(9)}`;
    case 1: return `${value.slice(0, 6)} ${value.slice(6, 9)} ${value.slice(9)}`;
    default: return value;
  }
}

/** An address line in the style of the recording system: French, Dutch, upper-case, number first. */
export function renderAddress(a: TrueAddress, rng: Rng): { readonly full: string; readonly city: string } {
  const c = a.commune;
  const dutch = c.languages === 'nl' || (c.languages === 'both' && rng.chance(0.35));
  const street = dutch ? a.street[1] : a.street[0];
  const city = dutch ? c.nl : c.fr;
  const box = a.box === null ? '' : rng.chance(0.5) ? ` bte ${a.box}` : `/${a.box}`;
  switch (rng.int(5)) {
    case 0: return { full: `${a.number} ${street}, ${c.postcode} ${city}`, city };
    case 1: return { full: `${street} ${a.number}${box} ${c.postcode} ${city}`.toUpperCase(), city: city.toUpperCase() };
    case 2: return { full: `${street} ${a.number}, ${city}`, city };
    default: return { full: `${street} ${a.number}${box}, ${c.postcode} ${city}`, city };
  }
}
