import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../api/api-types.ts';
import { auditLines } from './audit-lines.ts';

let seq = 100;
const entry = (fields: Partial<AuditEntry> & { readonly time: string; readonly query: unknown }): AuditEntry => ({
  seq: seq--, actor: { user: 'fedpol.analyst3', agency: 'fedpol' }, action: 'consultation', purpose: 'Investigation', caseRef: 'FP-1',
  subjects: [], records: ['border:BP-1'], recipients: [], pointers: [], outcome: 'ok', reason: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64), ...fields,
});
const isFields = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A read and the disclosure beside it, as consult() writes them (the disclosure after). */
const read = (time: string, query: unknown, subjects: readonly string[] = []): AuditEntry[] => [
  entry({ time, query, subjects, action: 'disclosure', recipients: ['fedpol'], reason: 'agreement: full' }),
  entry({ time, query, subjects }),
];

/** One opening of e146's profile, newest first, as the log answers it. */
const profile = (): AuditEntry[] => [
  ...read('2026-12-07T14:30:46.692Z', { graph: { expand: ['e146'], hops: 1, level: 'entity' } }),
  ...read('2026-12-07T14:30:46.677Z', { entity: 'e146', view: 'judgements' }, ['e146']),
  ...read('2026-12-07T14:30:46.664Z', { entity: 'e146', view: 'merges' }, ['e146']),
  ...read('2026-12-07T14:30:46.640Z', { graph: { places: ['e146'], level: 'entity' } }),
  ...read('2026-12-07T14:30:46.621Z', { graph: { timeline: ['e146'], level: 'entity' } }),
  ...read('2026-12-07T14:30:46.456Z', { entity: 'e146' }, ['e146']),
];

describe('auditLines', () => {
  it('shows one opening of a profile as one line, every entry kept in it, said in words with honest counts', () => {
    const entries = profile();
    const lines = auditLines(entries);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.kind).toBe('group');
    if (line?.kind !== 'group') return;
    expect(line.entries).toEqual(entries);
    expect(line.words).toBe('Opened the profile of e146 — 6 reads: profile, timeline, map, merges, decisions, related (1 hop); 6 disclosures (to fedpol)');
  });

  it('counts the reads of an opening logged before its panels were named as the profile\'s', () => {
    const before = profile().map((e) => (isFields(e.query) && 'view' in e.query ? { ...e, query: { entity: 'e146' } } : e));
    const [line] = auditLines(before);
    expect(line?.kind === 'group' && line.words).toBe('Opened the profile of e146 — 6 reads: profile ×3, timeline, map, related (1 hop); 6 disclosures (to fedpol)');
  });

  it('keeps apart another user, another case, another subject, and the same subject read more than a second later', () => {
    const [newest, ...rest] = profile();
    const apart = [
      { ...newest!, actor: { user: 'fedpol.analyst4', agency: 'fedpol' } },
      { ...newest!, caseRef: 'FP-2' },
      { ...newest!, query: { graph: { expand: ['e999'], hops: 1 } } },
    ];
    for (const other of apart) expect(auditLines([other, ...rest]).map((l) => l.kind)).toEqual(['entry', 'group']);
    const later = { ...newest!, time: '2026-12-07T14:30:48.000Z' };
    expect(auditLines([later, ...rest]).map((l) => l.kind)).toEqual(['entry', 'group']);
  });

  it('takes a search\'s consultation and disclosure as one request, and different searches of one second as different', () => {
    const one = read('2026-12-07T14:30:42.222Z', { q: 'Jansen' });
    const other = read('2026-12-07T14:30:42.202Z', { q: 'Dubois' });
    const lines = auditLines([...one, ...other]);
    expect(lines.map((l) => (l.kind === 'group' ? l.words : l.entry.seq))).toEqual([
      'Search "Jansen" — 1 read; 1 disclosure (to fedpol)', 'Search "Dubois" — 1 read; 1 disclosure (to fedpol)',
    ]);
  });

  it('leaves an entry of its own as its own line, in the order given', () => {
    const entries = [entry({ time: '2026-12-07T14:30:42.000Z', query: { q: 'filler 1' } }), entry({ time: '2026-12-07T14:30:42.000Z', query: { q: 'filler 2' } })];
    expect(auditLines(entries)).toEqual(entries.map((e) => ({ kind: 'entry', entry: e })));
  });
});

describe('auditLines, with the log\'s other entries between an action\'s', () => {
  it('keeps one action\'s entries one line though another user\'s entries lie between them, and those as lines of their own', () => {
    const [newest, ...rest] = profile();
    const other = entry({ time: '2026-12-07T14:30:46.650Z', query: { q: 'elsewhere' }, actor: { user: 'zone.officer1', agency: 'zone-north' } });
    const lines = auditLines([newest!, ...rest.slice(0, 5), other, ...rest.slice(5)]);
    expect(lines.map((l) => (l.kind === 'group' ? l.entries.length : l.entry.actor.user))).toEqual([12, 'zone.officer1']);
  });

  it('follows an action whose reads lie more than a second apart from first to last, each within a second of the next', () => {
    const slow = [
      ...read('2026-12-07T14:30:48.200Z', { graph: { places: ['e146'] } }),
      ...read('2026-12-07T14:30:47.400Z', { graph: { timeline: ['e146'] } }),
      ...read('2026-12-07T14:30:46.600Z', { entity: 'e146' }, ['e146']),
    ];
    expect(auditLines(slow).map((l) => l.kind)).toEqual(['group']);
  });
});

describe('an action of other entries than reads', () => {
  it('counts them by their action in words, not by its code', () => {
    const time = '2026-12-07T16:00:00.000Z';
    const [line] = auditLines([
      entry({ time, query: { entity: 'e146' }, subjects: ['e146'] }),
      entry({ time, query: null, subjects: ['e146'], action: 'combination', reason: 'judgement:same' }),
    ]);
    expect(line?.kind === 'group' && line.words).toBe('Opened the profile of e146 — 1 read: profile; 1 entry “Who is whom”');
  });
});
