/**
 * What an answer of GET /audit says about the entries it did not give. A server that pages the
 * log answers `next`, the cursor to ask the older entries with (`before`); one that does not page
 * gives the newest `limit` entries and no cursor, so a full answer may hide older ones, and the
 * auditor is told so rather than led to read it as the whole log.
 */
export type AuditMore =
  | { readonly kind: 'older'; readonly before: string }
  | { readonly kind: 'maybe' }
  | { readonly kind: 'none' };

export function auditMore(answer: { readonly entries: readonly unknown[]; readonly next?: string | number | null }, limit: number): AuditMore {
  if (answer.next !== undefined && answer.next !== null) return { kind: 'older', before: String(answer.next) };
  // `next: null` is a paging server saying the log ends here
  if (answer.next === null || answer.entries.length < limit) return { kind: 'none' };
  return { kind: 'maybe' };
}

/** The line over the table: how many entries are shown, and whether there are more. */
export function auditSummary(shown: number, more: AuditMore): string {
  const entries = `${shown} entr${shown === 1 ? 'y' : 'ies'}, newest first`;
  switch (more.kind) {
    case 'older': return `${entries}; older entries match too (Show older)`;
    case 'maybe': return `Showing the newest ${shown}; older entries may match too: narrow the filters`;
    case 'none': return entries;
  }
}
