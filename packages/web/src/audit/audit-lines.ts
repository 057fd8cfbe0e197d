/**
 * The audit table's lines: the entries of one user's one action shown as one line that opens to
 * them. Opening a profile writes an entry for each read that makes it up (the entity, its
 * timeline, its map, its related entities…) and one `disclosure` beside each that showed another
 * agency's records, a dozen rows alike in the same second. Entries are one action when they are
 * the same user's under the same purpose and case, and either concern the same entities, each
 * within a second of the one after it, or are one request's (the same instant and query: a
 * search's consultation and its disclosure). This is a view: every entry stays listed in its line, with
 * its own number and hash, and an export gives them all, one a line.
 */
import type { AuditEntry } from '../api/api-types.ts';
import { auditActionWords } from './audit-code-words.ts';
import { auditEntryPart, auditEntryWords, auditSubjectsOf } from './audit-entry-words.ts';

export type AuditLine =
  | { readonly kind: 'entry'; readonly entry: AuditEntry }
  | { readonly kind: 'group'; readonly entries: readonly AuditEntry[]; readonly words: string };

/** How far apart, at most, the entries of one action lie. */
const ONE_ACTION_MS = 1000;

const sameHands = (a: AuditEntry, b: AuditEntry): boolean =>
  a.actor.user === b.actor.user && a.actor.agency === b.actor.agency && a.purpose === b.purpose && a.caseRef === b.caseRef;

const subjectKey = (entry: AuditEntry): string => auditSubjectsOf(entry).join(' ');

/** `entry`, older than `last`, is of the action `last` is of. */
function oneAction(last: AuditEntry, entry: AuditEntry): boolean {
  if (!sameHands(last, entry)) return false;
  if (entry.time === last.time && JSON.stringify(entry.query) === JSON.stringify(last.query)) return true;
  const subjects = subjectKey(last);
  return subjects !== '' && subjectKey(entry) === subjects && within(last, entry);
}

const within = (later: AuditEntry, earlier: AuditEntry): boolean => Date.parse(later.time) - Date.parse(earlier.time) < ONE_ACTION_MS;

/**
 * The entries (newest first, as the server answers them) as lines, each where its newest entry
 * is; an action of one entry is that entry's line. An entry joins the action of a line whose
 * oldest entry is less than a second after it: the reads of one profile follow each other, but
 * the log may hold other users' entries between them, which keep lines of their own.
 */
export function auditLines(entries: readonly AuditEntry[]): readonly AuditLine[] {
  const groups: AuditEntry[][] = [];
  // the groups an older entry may still join: a group whose oldest entry is a second after this one takes no older one
  let open: AuditEntry[][] = [];
  for (const entry of entries) {
    open = open.filter((group) => within(group.at(-1)!, entry));
    const group = open.find((g) => oneAction(g.at(-1)!, entry));
    if (group !== undefined) group.push(entry);
    else {
      groups.push([entry]);
      open.push(groups.at(-1)!);
    }
  }
  return groups.map((group): AuditLine => (group.length === 1 ? { kind: 'entry', entry: group[0]! } : { kind: 'group', entries: group, words: actionWords(group) }));
}

/** A part as the line lists it: what was read, the entities it is of left to the line's head. */
function partWords(entry: AuditEntry): string {
  const { what } = auditEntryPart(entry);
  return what.charAt(0).toLowerCase() + what.slice(1);
}

/** "profile, merges, decisions, timeline, map": each part once, in the order done (oldest first), how many times when more than once. */
function partsOf(entries: readonly AuditEntry[]): string {
  const times = new Map<string, number>();
  for (const entry of [...entries].reverse()) {
    const words = partWords(entry);
    if (words !== '') times.set(words, (times.get(words) ?? 0) + 1);
  }
  return [...times].map(([words, n]) => (n > 1 ? `${words} ×${n}` : words)).join(', ');
}

const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * What the action was, in words: "Opened the profile of e146 — 7 reads: entity of record …,
 * profile, timeline, map, merges, decisions, related (1 hop); 6 disclosures (to fedpol)". The counts are of the
 * entries themselves: a read (`consultation`) each, and each entry of another action by it.
 */
export function actionWords(entries: readonly AuditEntry[]): string {
  const subjects = [...new Set(entries.flatMap((e) => auditSubjectsOf(e)))];
  const profile = entries.some((e) => auditEntryPart(e).what === 'Profile');
  const head = profile && subjects.length > 0 ? `Opened the profile of ${subjects.join(', ')}`
    : subjects.length > 0 ? `Read ${subjects.join(', ')}`
      : (entries[0] === undefined ? '' : auditEntryWords(entries[0])) || 'One request';
  const told: string[] = [];
  const reads = entries.filter((e) => e.action === 'consultation');
  if (reads.length > 0) {
    const parts = subjects.length > 0 ? partsOf(reads) : '';
    told.push(`${counted(reads.length, 'read', 'reads')}${parts ? `: ${parts}` : ''}`);
  }
  const others = new Map<string, AuditEntry[]>();
  for (const entry of entries) if (entry.action !== 'consultation') others.set(entry.action, [...(others.get(entry.action) ?? []), entry]);
  for (const [action, those] of others) {
    const recipients = [...new Set(those.flatMap((e) => e.recipients))];
    const counts = action === 'disclosure' ? counted(those.length, 'disclosure', 'disclosures') : `${counted(those.length, 'entry', 'entries')} “${auditActionWords(action)}”`;
    told.push(`${counts}${recipients.length > 0 ? ` (to ${recipients.join(', ')})` : ''}`);
  }
  return `${head} — ${told.join('; ')}`;
}
