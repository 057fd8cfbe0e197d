/**
 * Russian names declined by case ("встретился с Мухаммадом Салехом", with Muhammad Salekh) are
 * named in the nominative, so that every mention of one person is one entity and the name is the
 * one a record would hold. A small rule set on names written in Cyrillic, whole names only:
 *
 * - unambiguous endings are always reduced: a man's instrumental (-ом → Ø: Салехом → Салех;
 *   -ым / -им after a surname's -ов, -ев, -ин, -ын: Петровым → Петров; -ем → -й after a vowel,
 *   -ь after a consonant: Алексеем → Алексей, Игорем → Игорь), when every word of the name ends so;
 *   a woman's oblique -ой / -ей (Анной Смирновой → Анна Смирнова, Марией → Мария) when the
 *   surname ends in -овой, -евой, -иной, -ской or -цкой;
 * - ambiguous endings, the man's genitive or accusative -а / -я, dative -у / -ю and prepositional
 *   -е (Ивана Петрова), are reduced only to a person the report names in the nominative, since
 *   "Ивана Петрова" may be a woman, Ivana Petrova, named as she is.
 */
import type { Span } from './span.ts';

const CYRILLIC = /^[\p{Script=Cyrillic}-]+$/u;
const CYRILLIC_NAME = /^[\p{Script=Cyrillic}][\p{Script=Cyrillic} -]*$/u;

/** The words of a name in the nominative where its endings say which (first rule); undefined if they do not. */
export function nominativeOf(words: readonly string[]): string[] | undefined {
  if (words.length === 0 || !words.every((w) => CYRILLIC.test(w))) return undefined;
  const surname = words.at(-1) ?? '';
  if (words.length >= 2 && /(?:ов|ев|ёв|ин|ын|ск|цк)ой$/u.test(surname)) {
    return words.map((w) => w.replace(/ией$/u, 'ия').replace(/ьей$/u, 'ья').replace(/ой$/u, 'а'));
  }
  if (words.every((w) => /(?:[^аеёиоуыэюяь]ом|(?:ов|ев|ёв|ин|ын)(?:ым|им)|ем)$/u.test(w))) {
    return words.map((w) => w
      .replace(/((?:ов|ев|ёв|ин|ын))(?:ым|им)$/u, '$1')
      .replace(/([аеёиоуыэюя])ем$/u, '$1й')
      .replace(/([^аеёиоуыэюя])ем$/u, '$1ь')
      .replace(/ом$/u, ''));
  }
  return undefined;
}

/** A man's oblique endings by case, each with the nominative endings it may stand for. */
const MALE_CASES: readonly (readonly (readonly [string, readonly string[]])[])[] = [
  [['а', ['']], ['я', ['й', 'ь']]], // genitive, accusative: Ивана, Алексея, Игоря
  [['у', ['']], ['ю', ['й', 'ь']]], // dative: Ивану, Алексею
  [['е', ['', 'й', 'ь']]], // prepositional: Иване, Алексее, Игоре
];

/** The nominatives a man's name may be in the genitive, accusative, dative or prepositional of (second rule). */
export function maleNominativesOf(words: readonly string[]): string[][] {
  if (words.length === 0 || words.length > 4 || !words.every((w) => CYRILLIC.test(w))) return [];
  const out: string[][] = [];
  for (const endings of MALE_CASES) {
    let combos: string[][] = [[]];
    for (const w of words) {
      const options = w.length > 3 ? endings.filter(([e]) => w.endsWith(e)).flatMap(([, noms]) => noms.map((n) => w.slice(0, -1) + n)) : [];
      combos = combos.flatMap((c) => options.map((o) => [...c, o]));
    }
    out.push(...combos);
  }
  return out;
}

/** Person spans named in the nominative, by both rules; their key the folded words, as the name finder keys persons. */
export function nominativePersons(spans: readonly Span[], key: (words: readonly string[]) => string): void {
  const persons = spans.filter((s) => s.kind === 'person' && CYRILLIC_NAME.test(s.name));
  for (const s of persons) {
    const nominative = nominativeOf(s.name.split(' '));
    if (nominative === undefined) continue;
    s.name = nominative.join(' ');
    s.key = key(nominative);
  }
  const named = new Map(persons.map((s) => [s.key, s.name]));
  for (const s of persons) {
    for (const words of maleNominativesOf(s.name.split(' '))) {
      const name = named.get(key(words));
      if (name === undefined) continue;
      s.name = name;
      s.key = key(words);
      break;
    }
  }
}
