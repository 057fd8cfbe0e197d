/**
 * Document numbers and vehicle registration plates. Neither has a universal shape, so both
 * require a cue word ("passport no.", "ID card number", "registration", "plate") within a few
 * words before a token that mixes digits (and, for plates, letters) in the usual groupings.
 */
import { span, type Span } from './span.ts';

const DOCUMENT_CUE = /\b(passport|identity card|id card|identity document|id document|residence permit|residence card|driving licen[cs]e|driver'?s licen[cs]e|national register(?:ry)? number|national (?:id|identification|insurance|identity) number|social security number|travel document|document number|tax number|visa|carte d'identité|identiteitskaart|personalausweis|reisepass|paspoort|passeport)\b/gi;
const DOCUMENT_TOKEN = /(?<![\p{L}\p{N}])(?=[A-Z0-9.\-/ ]*\d)[A-Z0-9]+(?:(?:[.\-/]| (?=\d))[A-Z0-9]+){0,4}(?![\p{L}\p{N}])/gu;
// The French participle is ended by a non-letter, not \b, which finds no end after "immatriculé"
// (é is no word character); the other cues as before.
const PLATE_CUE = /\b(?:registration|registered|reg\.|plate|plates|number plate|licen[cs]e plate|kenteken|nummerplaat|nummerplaten|plaque|plaques|immatriculation|targa|kennzeichen|matrícula)\b|\bimmatriculée?(?!\p{L})/giu;
const PLATE_TOKEN = /(?<![\p{L}\p{N}-])[A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,4}){1,3}(?![\p{L}\p{N}]|-[A-Z0-9])/gu;

function documentType(cue: string): string {
  const c = cue.toLowerCase();
  if (/pass(port|eport)|reisepass|paspoort/.test(c)) return 'passport';
  if (/licen[cs]e/.test(c)) return 'driving licence';
  if (/register|national|social|tax/.test(c)) return 'national identification number';
  if (/residence/.test(c)) return 'residence permit';
  if (/visa/.test(c)) return 'visa';
  return 'identity card';
}

export function findDocuments(text: string, isFree: (start: number, end: number) => boolean): Span[] {
  const out: Span[] = [];
  const found = new Set<number>();
  for (const cue of text.matchAll(DOCUMENT_CUE)) {
    const from = cue.index + cue[0].length;
    const window = text.slice(from, from + 50).split(/[\n;]|(?<!\b(?:no|nr|n°|No|Nr))\.\s/)[0] ?? '';
    for (const m of window.matchAll(DOCUMENT_TOKEN)) {
      const value = m[0].trim();
      const digits = value.replace(/\D/g, '').length;
      if (digits < 5 || value.length < 6 || /^(19|20)\d{2}$/.test(value)) continue;
      const start = from + m.index;
      if (!isFree(start, start + value.length) || found.has(start)) continue;
      found.add(start);
      const number = value.replace(/[\s]/g, '');
      out.push(span('document', start, start + value.length, number, number, { number: [number], type: [documentType(cue[0])] }));
      break;
    }
  }
  return out;
}

export function findPlates(text: string, isFree: (start: number, end: number) => boolean): Span[] {
  const out: Span[] = [];
  const found = new Set<number>();
  for (const cue of text.matchAll(PLATE_CUE)) {
    const from = cue.index + cue[0].length;
    const window = text.slice(from, from + 40).split(/[\n;]|\.\s/)[0] ?? '';
    for (const m of window.matchAll(PLATE_TOKEN)) {
      const value = m[0];
      const alnum = value.replace(/[- ]/g, '');
      if (!/\d/.test(alnum) || !/[A-Z]/.test(alnum) || alnum.length < 4 || alnum.length > 9) continue;
      const start = from + m.index;
      if (!isFree(start, start + value.length) || found.has(start)) continue;
      found.add(start);
      const key = alnum;
      out.push(span('plate', start, start + value.length, value, key, { registrationNumber: [value] }));
      break;
    }
  }
  return out;
}
