import { buildNameFrequencies, nameStringsOf, normalizeName, prepare } from '@mosaic/matching';
import { EntityId, RecordId, UserId } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import type { Judgement } from './judgement.ts';
import { memoryResolutionStore } from './memory-resolution-store.ts';
import type { ResolutionSnapshot } from './resolution-store.ts';
import { createBatchPreparer, resolveRecords, type PreparedBatch, type ResolvableRecord } from './resolve-records.ts';
import { person, twoPeople } from './test-fixtures.ts';
import { undoMerge } from './undo-merge.ts';

const at = (minute: number): string => `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`;
const judge = (a: string, b: string, verdict: Judgement['verdict'], minute = 0): Judgement => ({ a: RecordId(a), b: RecordId(b), verdict, by: UserId('analyst-1'), at: at(minute) });
const entityOf = (run: ReturnType<typeof resolveRecords>, id: string): EntityId => run.state.entities[run.state.ids.indexOf(RecordId(id))] as EntityId;

async function resolveAndCommit(store: ReturnType<typeof memoryResolutionStore>, records: readonly ResolvableRecord[], minute: number) {
  const run = resolveRecords(records, { snapshot: await store.load(), train: false, at: at(minute) });
  await store.commit(run.change);
  return run;
}

describe('resolveRecords', () => {
  it('groups the records of one person and keeps different people apart', () => {
    const run = resolveRecords(twoPeople, { train: false, at: at(0) });
    expect(entityOf(run, 'm1')).toBe(entityOf(run, 'm2'));
    expect(entityOf(run, 't1')).toBe(entityOf(run, 't2'));
    expect(new Set(run.state.entities).size).toBe(3);
  });

  it('respects judgements, run after run: same forced, not_same kept apart, unsure left to the model', async () => {
    const store = memoryResolutionStore();
    await store.commit({ judgements: [judge('m1', 'm2', 'not_same'), judge('t1', 'k1', 'same'), judge('t1', 't2', 'unsure')], membership: new Map(), redirects: [], removedRedirects: [], mergeEvents: [], entitySequence: 0 });
    const withoutUnsure = resolveRecords(twoPeople, { snapshot: { ...(await store.load()), judgements: [judge('m1', 'm2', 'not_same'), judge('t1', 'k1', 'same')] }, train: false, at: at(0) });
    for (let run = 0; run < 3; run++) {
      const r = await resolveAndCommit(store, twoPeople, run);
      expect(entityOf(r, 'm1')).not.toBe(entityOf(r, 'm2'));
      expect(entityOf(r, 't1')).toBe(entityOf(r, 'k1'));
      expect(entityOf(r, 't1') === entityOf(r, 't2')).toBe(entityOf(withoutUnsure, 't1') === entityOf(withoutUnsure, 't2'));
    }
    const history = await store.judgementsOf(RecordId('m2'), RecordId('m1'));
    expect(history.map((j) => [j.verdict, j.by])).toEqual([['not_same', 'analyst-1']]);
  });

  it('lets a later judgement override an earlier one on the same pair', () => {
    const snapshot: ResolutionSnapshot = { judgements: [judge('m1', 'm2', 'not_same', 1), judge('m2', 'm1', 'same', 2)], membership: new Map(), redirects: new Map(), mergeEvents: [], entitySequence: 0 };
    const run = resolveRecords(twoPeople, { snapshot, train: false, at: at(3) });
    expect(entityOf(run, 'm1')).toBe(entityOf(run, 'm2'));
  });

  it('keeps entity ids stable across runs as entities grow', async () => {
    const store = memoryResolutionStore();
    const first = await resolveAndCommit(store, twoPeople, 0);
    const more = [...twoPeople, person('m3', { name: ['Mira Vander Steen'], birthDate: ['1991-06-14'], idNumber: ['91061412345'] }), person('z1', { name: ['Zeno Adriaensen'], birthDate: ['2001-09-09'] })];
    const second = await resolveAndCommit(store, more, 1);
    for (const id of ['m1', 'm2', 't1', 't2', 'k1']) expect(entityOf(second, id)).toBe(entityOf(first, id));
    expect(entityOf(second, 'm3')).toBe(entityOf(first, 'm1'));
    expect(new Set(first.state.entities).has(entityOf(second, 'z1'))).toBe(false);
    expect(second.change.membership.size).toBe(2);
  });

  it('gives the parts of a split new ids and redirects the old id to them, largest first', async () => {
    const wrong = EntityId('e7');
    const store = memoryResolutionStore({ membership: new Map(['m1', 'm2', 't1'].map((r) => [RecordId(r), wrong])), entitySequence: 7 });
    const run = await resolveAndCommit(store, twoPeople, 0);
    const mira = entityOf(run, 'm1');
    const tomasz = entityOf(run, 't1');
    expect(mira).not.toBe(wrong);
    expect(tomasz).not.toBe(wrong);
    expect(await store.resolveEntityId(wrong)).toEqual([mira, tomasz]);
    expect(run.stats.splits).toBe(1);
  });

  it('logs a merge of two entities and undoes it for good with a not_same judgement', async () => {
    const store = memoryResolutionStore({ membership: new Map([[RecordId('m1'), EntityId('e1')], [RecordId('m2'), EntityId('e2')]]), entitySequence: 2 });
    const merged = await resolveAndCommit(store, twoPeople, 0);
    expect(entityOf(merged, 'm2')).toBe(EntityId('e1'));
    expect(await store.resolveEntityId(EntityId('e2'))).toEqual([EntityId('e1')]);
    const event = (await store.load()).mergeEvents.find((e) => e.absorbed === EntityId('e2'));
    expect(event?.kind).toBe('automatic');
    await store.commit(undoMerge(await store.load(), event?.id ?? '', { by: UserId('analyst-2'), at: at(1) }));
    expect(await store.resolveEntityId(EntityId('e2'))).toEqual([EntityId('e2')]);
    for (let minute = 2; minute < 4; minute++) {
      const rerun = await resolveAndCommit(store, twoPeople, minute);
      expect(entityOf(rerun, 'm1')).toBe(EntityId('e1'));
      expect(entityOf(rerun, 'm2')).toBe(EntityId('e2'));
    }
    expect((await store.load()).mergeEvents.find((e) => e.id === event?.id)?.undone?.by).toBe('analyst-2');
    await expect(Promise.resolve().then(async () => undoMerge(await store.load(), event?.id ?? '', { by: UserId('x'), at: at(9) }))).rejects.toThrow(/already undone/);
  });
  it('keeps the two entities a "not same" split apart whole, as incremental resolution does, when a record arrives that links both sides', () => {
    // one Jan Claes judged two people: a (with p, whose phone he shares) and b
    const before = [
      person('a', { name: ['Jan Claes'], birthDate: ['1980-01-01'], passportNumber: ['EH123456'] }),
      person('p', { name: ['Jan Claes'], birthDate: ['1980-01-01'], phone: ['+32470123456'] }),
      person('b', { name: ['Jan Claes'], birthDate: ['1980-01-01'] }),
    ];
    const apart = judge('a', 'b', 'not_same');
    // r shares p's phone but carries another passport than a's: incremental resolution put it with b
    const r = person('r', { name: ['Jan Claes'], birthDate: ['1980-01-01'], phone: ['+32470123456'], passportNumber: ['KX998877'] });
    const membership = new Map([['a', 'e2'], ['p', 'e2'], ['b', 'e3'], ['r', 'e3']].map(([id, e]) => [RecordId(id!), EntityId(e!)]));
    const snapshot: ResolutionSnapshot = { judgements: [apart], membership, redirects: new Map(), mergeEvents: [], entitySequence: 3 };
    // a full pass (a restart) keeps both entities as they are, under their ids: p does not go over to r
    const run = resolveRecords([...before, r], { snapshot, train: false, at: at(1) });
    expect(Object.fromEntries(run.state.ids.map((id, i) => [id, run.state.entities[i]]))).toEqual(Object.fromEntries(membership));
    expect(run.change.membership.size).toBe(0);
    expect(run.change.redirects).toEqual([]);
  });

  it('prepares records as they are added and fills in name frequencies as a table built first would', () => {
    const records = [
      ...twoPeople,
      person('m3', { name: ['Mira Olbrechts'], alias: ['Mira Vandersteen'] }),
      person('w1', { name: ['Wim Olbrechts'], previousName: ['Wim Peeters'], weakAlias: ['Abu Wim'] }),
      // a name given twice counts twice; one composed of first and last names does not count
      person('w2', { name: ['Wim Peeters'], alias: ['Wim Peeters', 'Peeters, Wim'] }),
      person('w3', { firstName: ['Wim'], lastName: ['Peeters'] }),
    ];
    const preparer = createBatchPreparer();
    for (const r of records) preparer.add(r);
    const batch = preparer.finish();
    const table = buildNameFrequencies(records.flatMap((r) => ['name', 'alias', 'previousName'].flatMap((k) => r.properties[k] ?? [])));
    expect(batch.frequencies).toEqual(table);
    const tfs = (names: readonly { readonly tf: readonly number[] | undefined }[]) => names.map((n) => n.tf);
    records.forEach((r, i) => expect(tfs(batch.prepared[i]?.names ?? [])).toEqual(tfs(prepare(r, { frequencies: table, explain: false }).names)));
    expect(batch.prepared[0]?.names[0]?.tf?.length).toBe(2);
  });

  it('prepares records whose names were normalised elsewhere (adopted) as it prepares them itself', () => {
    const records = [
      person('a', { name: ['ABDEL HAMID, Mohammed'], alias: ['Abu Hamza al-Masri'], birthDate: ['1970-03-02'] }),
      person('b', { firstName: ['Wim'], lastName: ['Peeters'], weakAlias: ['Abu Wim'] }),
      person('c', { name: ['Wim Peeters', 'محمد بن سلمان'] }),
    ];
    const itself = createBatchPreparer();
    for (const r of records) itself.add(r);
    const adopting = createBatchPreparer();
    // as another thread sends them: each string prepare normalises, normalised and copied
    const strings = [...new Set(records.flatMap((r) => nameStringsOf(r)))];
    expect(strings).toEqual(expect.arrayContaining(['Abu Wim', 'Wim Peeters', 'محمد بن سلمان']));
    const sent = structuredClone(strings.map((text) => [text, normalizeName(text)] as const));
    adopting.adopt(sent);
    for (const r of records) adopting.add(r);
    const keyless = (batch: PreparedBatch) => batch.prepared.map((r) => ({ ...r, names: r.names.map(({ keyId: _keyId, ...name }) => name) }));
    const adopted = adopting.finish();
    expect(keyless(adopted)).toEqual(keyless(itself.finish()));
    // the adopted names, not normalised again: the copies' values, in this thread's tokens
    const copy = sent.find(([text]) => text === 'Abu Hamza al-Masri')?.[1];
    const name = adopted.prepared[0]?.names.find((n) => n.name.key === copy?.key)?.name;
    expect(name?.tokens).toEqual(copy?.tokens);
    expect(name?.tokens[0]).not.toBe(copy?.tokens[0]);
    expect(name?.tokens[0]).toBe(normalizeName('Abu Hamza al-Masri').tokens[0]);
    // what was sent is what is used: a string adopted is not normalised again here
    const told = createBatchPreparer();
    told.adopt([['Wim Peeters', structuredClone(normalizeName('Wim Peters'))]]);
    told.add(person('d', { name: ['Wim Peeters'] }));
    expect(told.finish().prepared[0]?.names[0]?.name.key).toBe('peters wim');
  });

  it('finishes with a table built elsewhere from the same records, a step at a time, as finish() would', () => {
    const records = Array.from({ length: 3000 }, (_, i) => person(`r${i}`, { name: [`Wim${i % 40} Peeters${i % 1500}`] }));
    const here = createBatchPreparer();
    const there = createBatchPreparer();
    for (const r of records) { here.add(r); there.add(r); }
    const built = here.finish();
    const finishing = there.finishWith(built.frequencies);
    let pauses = 0;
    let step = finishing.next();
    for (; !step.done; step = finishing.next()) pauses++;
    expect(pauses).toBeGreaterThan(0);
    expect(step.value.frequencies).toBe(built.frequencies);
    expect(step.value.prepared.map((r) => r.names.map((n) => n.tf))).toEqual(built.prepared.map((r) => r.names.map((n) => n.tf)));
    expect(built.prepared[0]?.names[0]?.tf).toHaveLength(2);
  });
});
