/** Amounts of money with a currency symbol or word: "€12,000", "EUR 36,000", "4,500 euros", "SEK 240,000". */
import { Occupancy, span, type Span } from './span.ts';

const CODES: Record<string, string> = {
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', '$': 'USD', usd: 'USD', 'us$': 'USD', dollar: 'USD', dollars: 'USD',
  '£': 'GBP', gbp: 'GBP', pound: 'GBP', pounds: 'GBP', sek: 'SEK', kronor: 'SEK', chf: 'CHF', dkk: 'DKK', nok: 'NOK',
  try: 'TRY', lira: 'TRY', mad: 'MAD', dirham: 'MAD', dirhams: 'MAD', dinar: 'DZD', dinars: 'DZD', rub: 'RUB', roubles: 'RUB',
};
const NUMBER = String.raw`\d{1,3}(?:[,.' ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?`;
const SCALE = String.raw`(?:\s?(million|billion|m|bn|k)\b)?`;
const PREFIX = new RegExp(String.raw`(€|\$|£|US\$|\b(?:EUR|USD|GBP|SEK|CHF|DKK|NOK|TRY|MAD|RUB)\b)\s?(${NUMBER})${SCALE}`, 'g');
const SUFFIX = new RegExp(String.raw`(?<![\d.,])(${NUMBER})${SCALE}\s?(€|euros?|EUR|dollars?|USD|pounds?|GBP|SEK|kronor|CHF|DKK|NOK|TRY|lira|MAD|dirhams?|dinars?|RUB|roubles)\b`, 'g');
const FACTOR: Record<string, number> = { million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, k: 1e3 };

function amount(raw: string, scale: string | undefined): string {
  const decimal = /[.,](\d{1,2})$/.exec(raw);
  const cleaned = decimal === null ? raw.replace(/\D/g, '') : `${raw.slice(0, decimal.index).replace(/\D/g, '')}.${decimal[1] ?? ''}`;
  return String(Number(cleaned) * (FACTOR[(scale ?? '').toLowerCase()] ?? 1));
}

export function findMoney(text: string, isFree: (start: number, end: number) => boolean): Span[] {
  const out: Span[] = [];
  const taken = new Occupancy(text.length);
  const add = (start: number, end: number, value: string, currency: string) => {
    if (!isFree(start, end) || !taken.isFree(start, end)) return;
    taken.take(start, end);
    out.push(span('money', start, end, `${value} ${currency}`, `${value} ${currency}`, { amount: [value], currency: [currency] }));
  };
  for (const m of text.matchAll(PREFIX)) {
    add(m.index, m.index + m[0].length, amount(m[2] ?? '', m[3]), CODES[(m[1] ?? '').toLowerCase()] ?? 'EUR');
  }
  for (const m of text.matchAll(SUFFIX)) {
    add(m.index, m.index + m[0].length, amount(m[1] ?? '', m[2]), CODES[(m[3] ?? '').toLowerCase()] ?? 'EUR');
  }
  return out;
}
