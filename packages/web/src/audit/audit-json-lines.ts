/**
 * The audit entries an auditor was shown, as a JSON Lines file (one entry a line, https://jsonlines.org)
 * to keep with the audit's findings. Built from the entries on screen, not read again from the
 * server: what is exported is exactly what the auditor saw, and the export is no new consultation.
 */
import type { AuditEntry } from '../api/api-types.ts';

export function auditJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/** `audit-2026-12-06T13-40-00Z.jsonl`: when it was exported, in UTC, in a name every file system takes. */
export function auditExportName(at: Date): string {
  return `audit-${at.toISOString().slice(0, 19).replace(/:/g, '-')}Z.jsonl`;
}
