/**
 * How a name drifts between the systems that record it: romanisation of diacritics the way
 * French, German or English clerks write them, Arabic particles (al-/el-, ben/bin) written
 * joined, hyphenated or dropped, keyboard typos (Damerau's four edit types: insertion,
 * deletion, substitution, transposition) and OCR confusions in scanned documents.
 * Every function is pure given its Rng.
 */
import type { Rng } from './rng.ts';

/** Per-character romanisations seen in Belgian, French and German records. First entry: plain ASCII. */
const ROMANISATIONS: Readonly<Record<string, readonly string[]>> = {
  ı: ['i'], İ: ['I'], ş: ['s', 'sch', 'ch', 'sh'], Ş: ['S', 'Sch', 'Ch', 'Sh'], ç: ['c', 'tch', 'ch'], Ç: ['C', 'Tch', 'Ch'],
  ğ: ['g', ''], ö: ['o', 'oe'], Ö: ['O', 'Oe'], ü: ['u', 'ue'], Ü: ['U', 'Ue'],
  ž: ['z', 'zh', 'j'], Ž: ['Z', 'Zh'], č: ['c', 'ch', 'tch'], Č: ['C', 'Ch', 'Tch'], ć: ['c', 'ch', 'tch'], š: ['s', 'sh', 'ch'], Š: ['S', 'Sh', 'Ch'],
  đ: ['dj', 'd'], ë: ['e'], é: ['e'], è: ['e'], ê: ['e'], ï: ['i'], î: ['i'], É: ['E'], à: ['a'], â: ['a'], ô: ['o'], û: ['u'],
};

const HAS_DIACRITIC = /[^\u0000-\u007f]/;
const LATIN_LETTER = /[A-Za-z]/;

/** Plain ASCII, as a system without diacritics stores the name. */
export function foldDiacritics(name: string): string {
  if (!HAS_DIACRITIC.test(name)) return name;
  let out = '';
  for (const ch of name) {
    const options = ROMANISATIONS[ch];
    out += options ? options[0] : ch;
  }
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** One clerk's romanisation: each diacritic letter spelled one of the ways seen in practice. */
export function romanise(name: string, rng: Rng): string {
  if (!HAS_DIACRITIC.test(name)) return name;
  let out = '';
  for (const ch of name) {
    const options = ROMANISATIONS[ch];
    out += options ? rng.pick(options) : ch;
  }
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** French- versus English-style romanisation of Arabic sounds: ou/u, ch/sh, dj/j, e/a. */
const ARABIC_SWAPS: readonly (readonly [string, string])[] = [
  ['ou', 'u'], ['u', 'ou'], ['ch', 'sh'], ['sh', 'ch'], ['dj', 'j'], ['Dj', 'J'], ['kh', 'h'], ['ee', 'i'], ['ss', 's'], ['Ou', 'U'],
];

export function arabicRespelling(name: string, rng: Rng): string {
  const start = rng.int(ARABIC_SWAPS.length);
  for (let i = 0; i < ARABIC_SWAPS.length; i++) {
    const swap = ARABIC_SWAPS[(start + i) % ARABIC_SWAPS.length];
    if (swap && name.includes(swap[0])) return name.replaceAll(swap[0], swap[1]);
  }
  return name;
}

const ARABIC_PARTICLE = /^(El|Al|el|al|Ben|Bin|Bel|Es|Er|Et|Ait)[ -](.+)$/;
const DUTCH_PARTICLE = /^(Van den|Van der|Van de|Vanden|Van|De|Le|La|Du)[ -](.+)$/;

/**
 * Particles written the many ways they are: "El Amrani", "El-Amrani", "Elamrani", "al-Amrani",
 * "Amrani"; "Ben Ali", "Benali", "Bin Ali"; "Van den Broeck", "Vandenbroeck".
 */
export function particleVariant(name: string, rng: Rng): string {
  const arabic = ARABIC_PARTICLE.exec(name);
  if (arabic) {
    const particle = arabic[1] ?? '';
    const stem = arabic[2] ?? '';
    const lower = particle.toLowerCase();
    const family = lower === 'bel' ? ['Bel'] : lower === 'ben' || lower === 'bin' ? ['Ben', 'Bin', 'Ben', 'ben'] : lower === 'ait' ? ['Ait', 'Aït'] : ['El', 'Al', 'el', 'al'];
    const p = rng.pick(family);
    switch (rng.int(4)) {
      case 0: return `${p} ${stem}`;
      case 1: return `${p}-${stem}`;
      case 2: return `${p}${stem.toLowerCase()}`;
      default: return stem;
    }
  }
  const dutch = DUTCH_PARTICLE.exec(name);
  if (dutch) {
    const particle = dutch[1] ?? '';
    const stem = dutch[2] ?? '';
    switch (rng.int(3)) {
      case 0: return `${particle.replace(/ /g, '')}${stem.toLowerCase()}`;
      case 1: return `${particle.replace(/\b\w/g, (c) => c.toUpperCase())} ${stem}`;
      default: return `${particle.toLowerCase()} ${stem}`;
    }
  }
  return name;
}

/** QWERTY/AZERTY neighbours for substitution typos. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qzs', b: 'vn', c: 'xv', d: 'sf', e: 'rz', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'km', m: 'ln',
  n: 'bm', o: 'ip', p: 'ol', q: 'aw', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qx', x: 'wc', y: 'tu', z: 'ae',
};

function caseLike(template: string, ch: string): string {
  return template === template.toUpperCase() && template !== template.toLowerCase() ? ch.toUpperCase() : ch;
}

/** One keyboard slip: insertion, deletion, substitution or transposition of adjacent letters. Never returns its input. */
export function typo(name: string, rng: Rng): string {
  const letters: number[] = [];
  for (let i = 0; i < name.length; i++) if (LATIN_LETTER.test(name.charAt(i))) letters.push(i);
  if (letters.length < 3) return name + name.charAt(name.length - 1);
  // Keep the first letter: most typos occur after it, and blocking keys rely on it less than on the rest.
  const at = letters[1 + rng.int(letters.length - 1)] ?? 1;
  const ch = name.charAt(at);
  const lower = ch.toLowerCase();
  switch (rng.int(4)) {
    case 0: // insertion: a doubled letter or a neighbour key
      return name.slice(0, at) + (rng.chance(0.5) ? ch : caseLike(ch, rng.pick([...(NEIGHBOURS[lower] ?? 'e')]))) + name.slice(at);
    case 1: { // deletion
      const out = name.slice(0, at) + name.slice(at + 1);
      return out === name ? `${name}e` : out;
    }
    case 2: { // substitution
      const next = caseLike(ch, rng.pick([...(NEIGHBOURS[lower] ?? 'e')]));
      return next === ch ? name.slice(0, at) + name.slice(at + 1) : name.slice(0, at) + next + name.slice(at + 1);
    }
    default: { // transposition with the next character
      const nextCh = name.charAt(at + 1);
      if (nextCh === '' || nextCh === ch) return name.slice(0, at) + name.slice(at + 1);
      return name.slice(0, at) + nextCh + ch + name.slice(at + 2);
    }
  }
}

/** Confusions of OCR engines on passport scans and typed forms. */
const OCR_TEXT: readonly (readonly [string, string])[] = [
  ['m', 'rn'], ['rn', 'm'], ['l', '1'], ['I', 'l'], ['O', '0'], ['o', '0'], ['cl', 'd'], ['d', 'cl'], ['e', 'c'], ['S', '5'], ['B', '8'], ['h', 'li'], ['u', 'ii'], ['a', 'o'],
];
const OCR_DIGITS: readonly (readonly [string, string])[] = [
  ['0', 'O'], ['O', '0'], ['1', 'I'], ['I', '1'], ['5', 'S'], ['S', '5'], ['8', 'B'], ['B', '8'], ['2', 'Z'], ['Z', '2'], ['6', 'G'], ['G', '6'],
];

function ocrWith(table: readonly (readonly [string, string])[], text: string, rng: Rng): string {
  const start = rng.int(table.length);
  for (let i = 0; i < table.length; i++) {
    const pair = table[(start + i) % table.length];
    if (!pair) continue;
    const at = text.indexOf(pair[0], 1);
    if (at > 0) return text.slice(0, at) + pair[1] + text.slice(at + pair[0].length);
  }
  return text;
}

/** One OCR confusion in a name read off a document ("rn" for "m", "1" for "l"). */
export function ocrNoise(name: string, rng: Rng): string {
  return ocrWith(OCR_TEXT, name, rng);
}

/** One OCR confusion in a document number (0/O, 1/I, 5/S, 8/B). */
export function ocrDocumentNumber(documentNumber: string, rng: Rng): string {
  return ocrWith(OCR_DIGITS, documentNumber, rng);
}
