/**
 * Phone numbers. Normalised to E.164 digits (international prefix 00 dropped, so "+32 475..."
 * and "0032 475..." agree). The last nine digits identify a subscriber line in most numbering
 * plans, so they agree across national (0475...) and international (+32475...) writings.
 */
export const PHONE_LEVELS = ['exact', 'lastNine', 'mismatch', 'missing'] as const;
export type PhoneLevel = (typeof PHONE_LEVELS)[number];

export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return digits.startsWith('00') ? digits.slice(2) : digits;
}

const SUBSCRIBER_DIGITS = 9;

export function comparePhones(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 3;
  let best = 2;
  for (const x of a) {
    for (const y of b) {
      if (x === y) return 0;
      if (x.length >= SUBSCRIBER_DIGITS && y.length >= SUBSCRIBER_DIGITS && x.slice(-SUBSCRIBER_DIGITS) === y.slice(-SUBSCRIBER_DIGITS)) best = 1;
    }
  }
  return best;
}
