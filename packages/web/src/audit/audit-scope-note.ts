/**
 * What of the audit log an auditor is shown, said above the entries so that an agency's auditor
 * does not read the log as the whole of it. It says what the server leaves out and no more
 * (service/src/audit-search.ts, readAuditLog and asSeenByAgency): an oversight body's auditor is
 * given every entry whole; an agency's auditor its own users' entries whole but for the records
 * behind pointers to other agencies, and of other agencies' users' entries only those concerning
 * the agency (its records, a disclosure or a change to it, a pointer to it), cut to what concerns
 * it. A search matches the entries as the auditor sees them.
 */

/** The note for an auditor of `agency`, `oversight` when it is an oversight body. */
export function auditScopeNote(agency: string, oversight: boolean): string {
  if (oversight) return `${agency} is an oversight body: you are shown every entry of the log whole.`;
  return `Not shown to you: entries by other agencies' users that do not concern ${agency} (none of its records, no disclosure `
    + `or administrative change concerning it, no pointer to it); in those that do, what was asked, the subjects, and other agencies' `
    + `records and pointers; and, in every entry, the records behind pointers to other agencies. A search finds entries by what you are shown of them.`;
}
