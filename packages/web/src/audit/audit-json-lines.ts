/**
 * The audit entries an auditor was shown, as a JSON Lines file (one entry a line,
 * https://jsonlines.org) to keep with the audit's findings. The server makes the file
 * (POST /audit/export) and logs it as an `export` entry, so that no export of the log leaves
 * unlogged; the screen asks it for the entries shown again, from the newest of them down.
 */

/** The most entries one request exports (the server's limit, as for a search). */
export const EXPORT_MOST = 5000;

/**
 * The requests that export the entries shown (their seqs, newest first, as a search gave them):
 * each the entries below `before`, `limit` of them, the first from the newest shown down, each
 * next from below the last one the one before gave.
 */
export function exportParts(seqs: readonly number[], most: number = EXPORT_MOST): Array<{ readonly before: number; readonly limit: number }> {
  const parts: Array<{ before: number; limit: number }> = [];
  for (let start = 0; start < seqs.length; start += most) {
    const before = start === 0 ? seqs[0]! + 1 : seqs[start - 1]!;
    parts.push({ before, limit: Math.min(most, seqs.length - start) });
  }
  return parts;
}

/** `audit-2026-12-06T13-40-00Z.jsonl`: when it was exported, in UTC, in a name every file system takes. */
export function auditExportName(at: Date): string {
  return `audit-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.jsonl`;
}
