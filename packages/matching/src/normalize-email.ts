/**
 * E-mail addresses. Compared whole and without regard to case: the domain is case-insensitive
 * (RFC 5321 §2.4) and, although a local part may in principle be case-sensitive, no mail system
 * in use treats two spellings of one as two mailboxes; the model's e-mail type compares them so.
 */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}
