/**
 * E-mail addresses and telephone numbers. International numbers ("+32 475 12 34 56",
 * "0032 475…", "+33 (0)1…") are normalised to E.164 (ITU-T E.164: "+" then at most 15 digits,
 * the national trunk "0" dropped). National numbers ("0475 12 34 56") are only taken when grouped
 * like a phone number or cued (a prefix and one long group, "07700 900461", when cued or a valid
 * number of the report's country); with the report's country known they are read as that country's
 * (libphonenumber's numbering plans) and given in E.164 when the plan has such a number, else
 * they keep their digits.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { span, type Span } from './span.ts';

const EMAIL = /(?<![\w.+-])[\w.+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;
const INTERNATIONAL = /(?<![\w+])(?:\+|00)\d{1,3}(?:[ .\-/]?\(0\))?(?:[ .\-/]?\(?\d{1,5}\)?){2,7}(?!\d)/g;
const NATIONAL = /(?<![\w+.\-/])0\d{1,4}(?:[ .\-/]\d{2,4}){2,4}(?![\w.\-/]*\d)|(?<![\w+.\-/])0\d{2,4}[ .\-/]\d{5,8}(?![\w.\-/]*\d)|(?<![\w+.\-/])0\d{8,10}(?!\d)/g;
/** An area or mobile prefix and one long group ("07700 900461", "030 1234567"): also how other numbers are written. */
const PREFIX_AND_ONE_GROUP = /^0\d{2,4}[ .\-/]\d{5,8}$/;
const PHONE_CUE = /\b(?:phone|tel|telephone|mobile|gsm|cell|number|call|calls|called|fax|whatsapp|signal|telegram|contact)\b[^.\n]{0,40}$/i;

export function findEmails(text: string): Span[] {
  // Without an "@" the expression would still try every word; most reports have none.
  if (!text.includes('@')) return [];
  return [...text.matchAll(EMAIL)].map((m) => {
    const value = m[0].toLowerCase();
    return span('email', m.index, m.index + m[0].length, value, value, { email: [value] });
  });
}

export function toE164(raw: string): string | undefined {
  const digits = raw.replace(/\(0\)/, '').replace(/\D/g, '').replace(/^00/, '');
  if (digits.length < 8 || digits.length > 15) return undefined;
  return `+${digits}`;
}

/**
 * A national number in E.164 as `country` (ISO 3166 alpha-2) numbers it, when its plan has such a
 * number: how a report's numbers and an upload's are read alike (ingest, national-phones.ts).
 */
export function nationalToE164(raw: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : undefined;
}

export function findPhones(text: string, isFree: (start: number, end: number) => boolean, country?: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(INTERNATIONAL)) {
    const raw = m[0].replace(/[\s.\-/]+$/, '');
    const e164 = toE164(raw);
    if (e164 === undefined || !isFree(m.index, m.index + raw.length)) continue;
    out.push(span('phone', m.index, m.index + raw.length, e164, e164, { number: [e164] }));
  }
  for (const m of text.matchAll(NATIONAL)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 11 || !isFree(m.index, m.index + m[0].length)) continue;
    if (out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
    const national = country === undefined ? undefined : nationalToE164(m[0], country);
    // Ungrouped digit runs are too often other numbers, and so is a prefix with one long group
    // unless the report's country numbers phones so; numbers grouped in twos to fours need no cue.
    const loose = !/[ .\-/]/.test(m[0]) || (PREFIX_AND_ONE_GROUP.test(m[0]) && national === undefined);
    if (loose && !PHONE_CUE.test(text.slice(Math.max(0, m.index - 60), m.index))) continue;
    const number = national ?? digits;
    out.push(span('phone', m.index, m.index + m[0].length, number, number, { number: [number] }));
  }
  return out.sort((a, b) => a.start - b.start);
}
