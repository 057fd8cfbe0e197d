/**
 * The erasure sweep on a real store: records past their review date are erased unless a legal
 * hold is in force (a hold with an end date stops protecting after it), erasures are versioned
 * deletes by the retention actor, checkpoint checks go once older than their agency's period,
 * and every erasure is in the audit log.
 */
import { AgencyId, UserId, validateRecord, type RecordId } from '@mosaic/model';
import { createStoreAuditStorage, type Store } from '@mosaic/store';
import { setTimeout } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { HIT_DECISION_KIND, decideHit } from '../screening/decide-hit.ts';
import { NOTIFICATION_KIND, notificationDocument } from '../screening/notification-inbox.ts';
import { WATCH_TOLD_KIND } from '../watch/watch-projection.ts';
import { CHECK_KIND, screenCheck } from '../screening/screen-check.ts';
import { listUnderArrestAlert, openTestMosaic, refuseAuditEntries, testProvenance, type TestMosaic } from '../testing.ts';
import { LEGAL_HOLD_KIND, type HoldDocument } from './legal-holds.ts';
import { RETENTION_RULES_KIND } from './retention-rules.ts';
import { SWEEP_ACTOR, sweepRetention } from './retention-sweep.ts';

/** `inner`, noting in `read` the id of every record any of its reads answers, in its transactions too. */
function readingInto(inner: Store, read: Set<string>): Store {
  return new Proxy(inner, {
    get: (target, key) => {
      if (key === 'transaction') return (fn: (tx: Store) => Promise<unknown>) => target.transaction((tx) => fn(readingInto(tx, read)));
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const answer = await (value as (...a: unknown[]) => unknown).apply(target, args);
        for (const item of Array.isArray(answer) ? answer : [answer]) {
          const id = (item as { record?: { id?: unknown } } | undefined)?.record?.id;
          if (typeof id === 'string') read.add(id);
        }
        return answer;
      };
    },
  });
}

let world: TestMosaic | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

async function put(test: TestMosaic, id: string, reviewDate: string): Promise<RecordId> {
  const v = validateRecord(test.mosaic.registry, { id, schema: 'Person', properties: { name: [`Sweep Person ${id}`] }, provenance: testProvenance('intel', { reviewDate }) });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await test.mosaic.store.putRecords([v.record], { actor: 'test' });
  return v.record.id;
}

async function hold(test: TestMosaic, record: RecordId, until?: string): Promise<void> {
  const body: HoldDocument = { id: `hold-${record}`, record, agency: 'intel' as never, reference: 'Court order 7', ...(until ? { until } : {}), placedBy: 'test', placedAt: '2030-01-01T00:00:00.000Z' };
  await test.mosaic.store.putDocument({ kind: LEGAL_HOLD_KIND, id: body.id, owner: 'intel', subject: record, body });
}

describe('sweepRetention', () => {
  it('leaves a record whose stored review or hold date is not a real date, reports it, and sweeps the rest', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const due = await put(world, 'due', '2030-05-31');
    // as stored before dates were checked as real calendar dates
    const badReview = await put(world, 'bad-review', '2030-01-01');
    const stored = await world.mosaic.store.getRecord(badReview);
    if (!stored) throw new Error('not stored');
    await world.mosaic.store.putRecords([{ ...stored.record, provenance: { ...stored.record.provenance, reviewDate: '2030-02-31' } }], { actor: 'test' });
    const badHold = await put(world, 'bad-hold', '2029-01-01');
    await hold(world, badHold, '2030-02-31');

    expect(await sweepRetention(world.mosaic)).toEqual({ examined: 3, erased: 1, held: 0, checksErased: 0, notificationsErased: 0, unreadable: [badHold, badReview], auditPruned: 0 });
    expect(await world.mosaic.store.getRecord(due)).toBeUndefined();
    for (const id of [badReview, badHold]) expect(await world.mosaic.store.getRecord(id)).toBeDefined();
  });

  it('erases what is due, keeps what is held or not yet due, and logs each erasure', async () => {
    let today = new Date('2030-06-01T12:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const due = await put(world, 'due', '2030-05-31');
    const onTheDay = await put(world, 'today', '2030-06-01');
    const later = await put(world, 'later', '2030-06-02');
    const held = await put(world, 'held', '2029-01-01');
    const heldUntil = await put(world, 'held-until', '2029-01-01');
    await hold(world, held);
    await hold(world, heldUntil, '2030-06-10');

    expect(await sweepRetention(world.mosaic)).toEqual({ examined: 5, erased: 2, held: 2, checksErased: 0, notificationsErased: 0, unreadable: [], auditPruned: 0 });
    for (const id of [due, onTheDay]) {
      expect(await world.mosaic.store.getRecord(id)).toBeUndefined();
      expect((await world.mosaic.store.recordHistory(id)).at(-1)).toMatchObject({ op: 'delete', actor: SWEEP_ACTOR });
    }
    for (const id of [later, held, heldUntil]) expect(await world.mosaic.store.getRecord(id)).toBeDefined();

    today = new Date('2030-06-11T12:00:00Z');
    expect(await sweepRetention(world.mosaic)).toEqual({ examined: 3, erased: 2, held: 1, checksErased: 0, notificationsErased: 0, unreadable: [], auditPruned: 0 });
    expect(await world.mosaic.store.getRecord(heldUntil)).toBeUndefined();
    expect(await world.mosaic.store.getRecord(held)).toBeDefined();

    const erased: string[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.action === 'erasure') erased.push(...entry.records);
    expect(erased.sort()).toEqual([due, onTheDay, later, heldUntil].sort());
  });

  it('reads only the records whose review date has passed, through the store\'s index of review dates', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const due = await put(world, 'due', '2030-05-31');
    const later = [await put(world, 'later-1', '2030-06-02'), await put(world, 'later-2', '2031-01-01')];

    // every record any read of the store answers, in the sweep's transactions too
    const read = new Set<string>();
    const store = readingInto(mosaic.store, read);

    expect(await sweepRetention({ ...mosaic, store })).toEqual({ examined: 3, erased: 1, held: 0, checksErased: 0, notificationsErased: 0, unreadable: [], auditPruned: 0 });
    expect(read.has(due)).toBe(true);
    for (const id of later) expect(read.has(id)).toBe(false);
    for (const id of later) expect(await mosaic.store.getRecord(id)).toBeDefined();
  });

  it('reads a step\'s records once under the audit log\'s lock, to judge them again, for their histories and to erase them, and judges each as it is then', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const due: RecordId[] = [];
    for (let i = 0; i < 10; i++) due.push(await put(world, `step-${String(i).padStart(2, '0')}`, '2030-05-01'));
    const [longer] = due;
    // kept longer once the sweep has found it due, before any transaction of its erasures
    let found = false;
    const keepLonger = async (): Promise<void> => {
      const stored = (await mosaic.store.getRecord(longer!))!;
      await mosaic.store.putRecords([{ ...stored.record, provenance: { ...stored.record.provenance, reviewDate: '2033-01-01' } }], { actor: 'test' });
    };
    // the store's calls reading records' rows in the sweep's transactions, by method
    const reads: Record<string, number> = {};
    const RECORD_READS = new Set(['getRecord', 'getRecords', 'heldRecordIds', 'heldProvenances', 'recordHistory', 'recordHistories', 'deleteRecord', 'deleteRecords', 'eraseRecords']);
    const counting = (tx: Store): Store => new Proxy(tx, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (key === 'transaction') return (fn: (inner: Store) => Promise<unknown>) => target.transaction((inner) => fn(counting(inner)));
        if (typeof value !== 'function' || typeof key !== 'string' || !RECORD_READS.has(key)) return value;
        return (...args: unknown[]) => {
          reads[key] = (reads[key] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const store = new Proxy(mosaic.store, {
      get: (target, key) => {
        if (key === 'transaction') return (fn: (tx: Store) => Promise<unknown>) => target.transaction((tx) => fn(counting(tx)));
        if (key !== 'recordsDueForReview') return Reflect.get(target, key) as unknown;
        return async (...args: Parameters<Store['recordsDueForReview']>) => {
          const page = await target.recordsDueForReview(...args);
          if (!found) await keepLonger();
          found = true;
          return page;
        };
      },
    });

    // one step of the ten (a transaction's first step takes ten): its rows read once, where they
    // were read three times (getRecords to judge them, recordHistories, deleteRecords), each a
    // round trip on PostgreSQL
    expect(await sweepRetention({ ...mosaic, store })).toMatchObject({ examined: 10, erased: 9 });
    expect(reads).toEqual({ eraseRecords: 1 });
    // judged on its row as the erasure read it: kept longer since it was found due, it stays
    expect((await mosaic.store.getRecord(longer!))?.record.provenance.reviewDate).toBe('2033-01-01');
    expect(await mosaic.store.getRecords(due)).toHaveLength(1);
  });

  it('keeps a batch whose erasure cannot be logged, the alerts on its records too, and erases it whole once it can be', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const records = [await put(world, 'due-1', '2030-05-01'), await put(world, 'due-2', '2030-05-02')];
    const alert = validateRecord(mosaic.registry, { id: 'alert-1', schema: 'Alert', properties: { subject: [records[0]], category: ['arrest'], desk: ['intel-liaison'], deskContact: ['+3220000003'], status: ['active'] }, provenance: testProvenance('intel', { reviewDate: '2031-01-01' }) });
    if (!alert.ok) throw new Error(JSON.stringify(alert.errors));
    await mosaic.store.putRecords([alert.record], { actor: 'test' });
    const kept = [...records, alert.record.id];

    const lift = refuseAuditEntries(world);
    await expect(sweepRetention(mosaic)).rejects.toThrow('the audit log refuses the entry');
    lift();
    for (const id of kept) expect((await mosaic.store.recordHistory(id)).map((v) => v.op)).toEqual(['put']);

    expect(await sweepRetention(mosaic)).toMatchObject({ erased: 3 });
    const named: string[] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure') named.push(...entry.records);
    expect(named.sort()).toEqual(kept.sort());
  });

  it('keeps the notifications of a page whose erasure cannot be logged, and erases them once it can be', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-03-01T12:00:00Z') });
    const { mosaic } = world;
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    await mosaic.store.putDocuments(['n1', 'n2'].map((id) => notificationDocument({ id, at: '2029-01-15T08:00:00Z', to: { agency: officer.agency } as never, kind: 'test', title: 'Test notice', body: {} })));

    const lift = refuseAuditEntries(world);
    await expect(sweepRetention(mosaic)).rejects.toThrow('the audit log refuses the entry');
    lift();
    expect((await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner: officer.agency, limit: 10 })).map((d) => d.id).sort()).toEqual(['n1', 'n2']);
    expect(await sweepRetention(mosaic)).toMatchObject({ notificationsErased: 2 });
  });

  it('erases checks older than their agency\'s checks period, with the decisions on their hits, and logs it', async () => {
    let today = new Date('2030-01-10T09:00:00Z');
    world = await openTestMosaic({ now: () => today });
    const { mosaic } = world;
    const projection = await listUnderArrestAlert(mosaic);
    const user = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const consultation = { user };
    const old = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });
    expect(old.hits.length).toBeGreaterThan(0);
    await decideHit(mosaic, consultation, projection, { check: old.id, hit: 0, decision: 'reject' });
    expect(await mosaic.store.getDocument(HIT_DECISION_KIND, `${old.id}/0`)).toBeDefined();
    today = new Date('2030-02-01T09:00:00Z');
    const recent = await screenCheck(mosaic, consultation, projection, { query: { name: 'Rachid Bouzid' } });

    // the default keeps checks a year; this agency keeps them 30 days
    today = new Date('2030-02-08T12:00:00Z');
    expect((await sweepRetention(mosaic)).checksErased).toBe(0);
    await mosaic.store.putDocument({ kind: RETENTION_RULES_KIND, id: user.agency, owner: user.agency, body: { checks: { days: 30 } } });
    expect((await sweepRetention(mosaic)).checksErased).toBe(0); // 29 days old
    today = new Date('2030-02-09T12:00:00Z');
    expect((await sweepRetention(mosaic)).checksErased).toBe(1); // 30 days old
    expect(await mosaic.store.getDocument(CHECK_KIND, old.id)).toBeUndefined();
    expect(await mosaic.store.getDocument(HIT_DECISION_KIND, `${old.id}/0`)).toBeUndefined();
    expect(await mosaic.store.getDocument(CHECK_KIND, recent.id)).toBeDefined();
    expect((await sweepRetention(mosaic)).checksErased).toBe(0);

    const entries = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure') entries.push(entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { user: SWEEP_ACTOR }, purpose: 'retention', query: { checks: [old.id] }, reason: 'retention sweep: checks' });
  });

  it('stops when asked after the transaction under way, each kept with its entry, and leaves the rest to the next sweep', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await put(world, `due-${i}`, '2030-05-01'));
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    await mosaic.store.putDocuments([notificationDocument({ id: 'old-notice', at: '2028-01-15T08:00:00Z', to: { agency: officer.agency } as never, kind: 'test', title: 'Test notice', body: {} })]);
    const stop = new AbortController();
    const summary = await sweepRetention(mosaic, { batchSize: 2, lockMs: 60_000, signal: stop.signal, onProgress: ({ erased }) => { if (erased > 0) stop.abort(); } });
    expect(summary).toEqual({ examined: 6, erased: 2, held: 0, checksErased: 0, notificationsErased: 0, unreadable: [], auditPruned: 0, stopped: true });
    const left = [];
    for (const id of ids) if ((await mosaic.store.getRecord(id)) !== undefined) left.push(id);
    expect(left).toEqual(ids.slice(2));
    expect(await mosaic.store.getDocument(NOTIFICATION_KIND, 'old-notice')).toBeDefined();
    const erasures = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure') erasures.push(entry.records);
    expect(erasures).toEqual([ids.slice(0, 2)]);

    expect(await sweepRetention(mosaic)).toEqual({ examined: 4, erased: 4, held: 0, checksErased: 0, notificationsErased: 1, unreadable: [], auditPruned: 0 });
  });

  it('erases notifications older than the period of the agency they or their user belong to', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-03-01T12:00:00Z') });
    const { mosaic } = world;
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const analyst = (await mosaic.store.findUserByName('intelAnalyst'))!;
    expect(analyst.agency).not.toBe(officer.agency);
    const note = (id: string, at: string, to: { agency: string } | { user: string }) => notificationDocument({ id, at, to: to as never, kind: 'test', title: 'Test notice', body: {} });
    await mosaic.store.putDocuments([
      note('agency-old', '2030-01-15T08:00:00Z', { agency: officer.agency }),
      note('agency-new', '2030-02-20T08:00:00Z', { agency: officer.agency }),
      note('user-old', '2030-01-20T08:00:00Z', { user: officer.id }),
      // another agency, default period (a year)
      note('other-old', '2030-01-10T08:00:00Z', { user: analyst.id }),
    ]);
    await mosaic.store.putDocument({ kind: RETENTION_RULES_KIND, id: officer.agency, owner: officer.agency, body: { notifications: { days: 30 } } });

    expect((await sweepRetention(mosaic)).notificationsErased).toBe(2);
    const left = [];
    for (const owner of [officer.agency, officer.id, analyst.id]) left.push(...(await mosaic.store.listDocuments(NOTIFICATION_KIND, { owner, limit: 10 })).map((d) => d.id));
    expect(left.sort()).toEqual(['agency-new', 'other-old']);
    const entries = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure') entries.push(entry.query);
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ notifications: ['agency-old'] }), expect.objectContaining({ notifications: ['user-old'] })]));
  });

  it('logs each erasure of a sweep started by hand as the person\'s, with their purpose and case, the records\' deletions too', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-03-01T12:00:00Z') });
    const { mosaic } = world;
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const record = await put(world, 'due', '2030-02-01');
    await mosaic.store.putDocuments([notificationDocument({ id: 'old', at: '2029-01-15T08:00:00Z', to: { agency: officer.agency } as never, kind: 'test', title: 'Test notice', body: {} })]);
    const startedBy = { actor: { user: UserId('fedpol.sysadmin'), agency: AgencyId('fedpol') }, purpose: 'retention review', caseRef: 'DPO-7' };

    expect(await sweepRetention(mosaic, { startedBy })).toMatchObject({ erased: 1, notificationsErased: 1 });
    const erasures = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure') erasures.push(entry);
    expect(erasures.map((e) => e.reason)).toEqual(['retention sweep', 'retention sweep: notifications']);
    for (const entry of erasures) expect(entry).toMatchObject(startedBy);
    expect((await mosaic.store.recordHistory(record)).at(-1)).toMatchObject({ op: 'delete', actor: 'fedpol.sysadmin', reason: 'retention: review date passed' });
  });

  it('erases a watch\'s record of what it was told with the notifications, without counting it as one', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-03-01T12:00:00Z') });
    const { mosaic } = world;
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const told = (id: string, at: string) => ({ kind: WATCH_TOLD_KIND, id, owner: officer.id, body: { at } });
    await mosaic.store.putDocuments([told('told-old', '2030-01-15T08:00:00Z'), told('told-new', '2030-02-20T08:00:00Z')]);
    await mosaic.store.putDocument({ kind: RETENTION_RULES_KIND, id: officer.agency, owner: officer.agency, body: { notifications: { days: 30 } } });

    expect((await sweepRetention(mosaic)).notificationsErased).toBe(0);
    expect((await mosaic.store.listDocuments(WATCH_TOLD_KIND, { owner: officer.id, limit: 10 })).map((d) => d.id)).toEqual(['told-new']);
  });

  it('lets audited requests through between its transactions while it erases many records', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const records = Array.from({ length: 400 }, (_, i) => validateRecord(mosaic.registry, { id: `many-${i}`, schema: 'Person', properties: { name: [`Sweep Person ${i}`] }, provenance: testProvenance('intel', { reviewDate: '2030-05-01' }) }));
    await mosaic.store.putRecords(records.map((v) => { if (!v.ok) throw new Error(JSON.stringify(v.errors)); return v.record; }), { actor: 'test' });

    // a user's searches, each audited, for as long as the sweep runs
    let sweeping = true;
    const searches = (async () => {
      while (sweeping) await mosaic.audit.append({ actor: { user: UserId('intel.analyst'), agency: AgencyId('intel') }, action: 'consultation', purpose: 'investigation', query: { q: 'x' }, records: [], outcome: 'ok' });
    })();
    // a transaction erases for 5 ms at most, whatever the batch size, before it lets them in
    const summary = await sweepRetention(mosaic, { lockMs: 5 }).finally(() => { sweeping = false; });
    await searches;
    expect(summary.erased).toBe(400);

    // the log's order is the lock's: a search between two of the sweep's erasure entries waited
    // for one transaction, not for the whole erasure
    const order: string[] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) order.push(entry.action === 'erasure' && entry.records.length > 0 ? 'erasure' : entry.action);
    const first = order.indexOf('erasure');
    const last = order.lastIndexOf('erasure');
    expect(order.slice(first, last).filter((action) => action === 'consultation').length).toBeGreaterThan(0);
  });

  it('sizes each transaction by the time its erasures take, a step of ten records at the least, where it erased 25 a step whatever they took', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const records = Array.from({ length: 30 }, (_, i) => validateRecord(mosaic.registry, { id: `slow-${String(i).padStart(2, '0')}`, schema: 'Person', properties: { name: [`Sweep Person ${i}`] }, provenance: testProvenance('intel', { reviewDate: '2030-05-01' }) }));
    await mosaic.store.putRecords(records.map((v) => { if (!v.ok) throw new Error(JSON.stringify(v.errors)); return v.record; }), { actor: 'test' });

    // a store whose erasures take 2 ms a record (as on a slow or busy database): a step of ten
    // records takes longer than the 1 ms a transaction may hold the audit log's lock
    const slowly = (tx: Store): Store => new Proxy(tx, {
      get: (target, key) => {
        if (key === 'transaction') return (fn: (inner: Store) => Promise<unknown>) => fn(slowly(target));
        if (key !== 'eraseRecords') return Reflect.get(target, key) as unknown;
        return async (...args: Parameters<Store['eraseRecords']>) => {
          await setTimeout(2 * args[0].length);
          return target.eraseRecords(...args);
        };
      },
    });
    const store = new Proxy(mosaic.store, {
      get: (target, key) => (key !== 'transaction' ? Reflect.get(target, key) : (fn: (tx: Store) => Promise<unknown>) => target.transaction((tx) => fn(slowly(tx)))),
    });
    expect(await sweepRetention({ ...mosaic, store }, { lockMs: 1 })).toMatchObject({ erased: 30 });

    const erasures: string[][] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) if (entry.action === 'erasure' && entry.records.length > 0) erasures.push([...entry.records]);
    expect(erasures).toEqual([0, 10, 20].map((from) => records.slice(from, from + 10).map((v) => (v.ok ? v.record.id : ''))));
  });

  it('reads the alerts on the records it erases, through what each record names, not every alert held', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-06-01T12:00:00Z') });
    const { mosaic } = world;
    const due = await put(world, 'due', '2030-05-01');
    const kept = await put(world, 'kept', '2031-01-01');
    const alerts = [['alert-due', due], ['alert-kept', kept]].map(([id, subject]) => {
      const v = validateRecord(mosaic.registry, { id, schema: 'Alert', properties: { subject: [subject], category: ['arrest'], desk: ['intel-liaison'], deskContact: ['+3220000003'], status: ['active'] }, provenance: testProvenance('intel', { reviewDate: '2031-01-01' }) });
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.record;
    });
    await mosaic.store.putRecords(alerts, { actor: 'test' });
    const [onDue, onKept] = alerts.map((alert) => alert.id);

    // every record any read answers, in the sweep's transactions too
    const read = new Set<string>();
    expect(await sweepRetention({ ...mosaic, store: readingInto(mosaic.store, read) })).toMatchObject({ erased: 2 });
    expect(await mosaic.store.getRecord(onDue!)).toBeUndefined();
    expect(await mosaic.store.getRecord(onKept!)).toBeDefined();
    expect(read.has(onKept!)).toBe(false);
  });

  it('names each erased record and document in one entry when two sweeps run at once (two nodes on one store)', async () => {
    world = await openTestMosaic({ now: () => new Date('2030-03-01T12:00:00Z') });
    const { mosaic } = world;
    const officer = (await mosaic.store.findUserByName('zoneCheckpoint'))!;
    const records = [await put(world, 'due-1', '2030-02-01'), await put(world, 'due-2', '2030-02-02')];
    const notes = ['n1', 'n2', 'n3'];
    await mosaic.store.putDocuments(notes.map((id) => notificationDocument({ id, at: '2029-01-15T08:00:00Z', to: { agency: officer.agency } as never, kind: 'test', title: 'Test notice', body: {} })));

    // each node lists the first page of notifications before either erases any (the race)
    let listed = 0;
    const bothListed = Promise.withResolvers<void>();
    const node = (): typeof mosaic => {
      let first = true;
      const store = new Proxy(mosaic.store, {
        get: (target, key) => (key !== 'listDocuments' ? Reflect.get(target, key) : async (...args: Parameters<typeof target.listDocuments>) => {
          const page = await target.listDocuments(...args);
          if (args[0] === NOTIFICATION_KIND && first) {
            first = false;
            if (++listed === 2) bothListed.resolve();
            await bothListed.promise;
          }
          return page;
        }),
      });
      return { ...mosaic, store };
    };
    const [a, b] = await Promise.all([sweepRetention(node()), sweepRetention(node())]);
    expect(a.erased + b.erased).toBe(2);
    expect(a.notificationsErased + b.notificationsErased).toBe(3);
    const named: string[] = [];
    for await (const entry of createStoreAuditStorage(mosaic.store).entries()) {
      if (entry.action === 'erasure') named.push(...entry.records, ...((entry.query as { notifications?: string[] }).notifications ?? []));
    }
    expect(named.sort()).toEqual([...records, ...notes].sort());
  });
});
