/**
 * Resolution's persistence seam over the store's workflow documents: judgements (kept whole,
 * history included), record → entity membership, redirects of retired entity ids, merge events
 * (for undo) and the entity id sequence. A commit runs in one store transaction, unless it moves
 * more than MEMBERSHIP_PART records (a full pass after a large upload moves tens of thousands:
 * one transaction of them held a serving node's thread for most of a second, and every check
 * waiting on it). Then the sequence, judgements, redirects and merge events are written first and
 * the membership after them, in parts with the event loop's turns between: ids are never handed
 * out twice, and a node stopped half-way holds a membership the next full pass reads as the
 * previous one (whose ids it keeps where it can) and writes again whole.
 *
 * Membership is one small document per record; at national scale it belongs in a table of its
 * own (record_id, entity_id), which the seam allows without touching resolution.
 *
 * A judgement with a note is listed under each of its two records (JUDGEMENT_RECORD_KIND, whose
 * subject is the record): the erasure of a record finds the notes written on it without reading
 * every judgement (erase-from-judgement-notes.ts). The stored judgement is the one place a note
 * is kept: the entities in memory and the outcomes kept for the other nodes hold none (withoutNote).
 */
import { type Judgement, type MergeEvent, type Redirect, type ResolutionSnapshot, type ResolutionStore } from '@mosaic/resolution';
import type { EntityId, RecordId } from '@mosaic/model';
import type { Store } from '@mosaic/store';
import { ERASED_NOTE } from './erase-from-judgement-notes.ts';

const OWNER = 'resolution';
/** Order-free pair key; not resolution's own (it uses a NUL separator, which PostgreSQL text refuses). */
const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const ALL = 100_000_000;
const SEQUENCE_KEY = 'resolution.entitySequence';
/** A judgement with a note, listed under one of its records: id `<record>|<judgement document id>`, subject the record. */
export const JUDGEMENT_RECORD_KIND = 'judgement-record';
/** The kind of a judgement's document. */
export const JUDGEMENT_KIND = 'judgement';

/** Membership documents read at a time (one read holds the thread: a few tens of milliseconds). */
const MEMBERSHIP_PAGE = 2000;
/** Membership documents written in one transaction of a large commit (a few tens of milliseconds on sqlite). */
const MEMBERSHIP_PART = 2000;

export interface StoreResolutionStore extends ResolutionStore {
  /** The merge events alone (not the membership of every record). */
  mergeEvents(): Promise<readonly MergeEvent[]>;
  /** The last number used for a new entity id, as stored (the largest any node committed). */
  entitySequence(): Promise<number>;
}

/**
 * A judgement's document: by pair, time, judge and verdict, so that two judgements of one pair
 * made in the same millisecond (on two nodes) are both kept; only the same judgement twice is one.
 */
const judgementDocumentId = (j: Judgement): string => `${pairKey(j.a, j.b)}|${j.at}|${j.by}|${j.verdict}`;

/** The judgement without its free text: what is kept anywhere but the stored judgement. */
export function withoutNote(j: Judgement): Judgement {
  if (j.note === undefined) return j;
  const { note: _note, ...rest } = j;
  return rest;
}

/** The documents listing a judgement with a note under each of its records (none for one without). */
function judgementRecordDocuments(j: Judgement): { kind: string; id: string; owner: string; subject: string; body: { judgement: string } }[] {
  if (j.note === undefined) return [];
  const judgement = judgementDocumentId(j);
  return [...new Set([j.a, j.b])].map((record) => ({ kind: JUDGEMENT_RECORD_KIND, id: `${record}|${judgement}`, owner: OWNER, subject: record, body: { judgement } }));
}

/**
 * The judgements of `judgements` whose note was written on a record erased by now, read in the
 * commit's transaction under the audit log's lock, which an erasure holds from its start
 * (records.ts eraseRecord, the sweep): an erasure that came between the judge's look at the two
 * records and this write found no note to erase (erase-from-judgement-notes.ts), so the write
 * keeps none (ERASED_NOTE), as the erasure would have left it; one that comes after finds the note
 * listed under its record.
 */
async function notedOnErased(tx: Store, judgements: readonly Judgement[]): Promise<ReadonlySet<Judgement>> {
  const noted = judgements.filter((j) => j.note !== undefined && j.note !== ERASED_NOTE);
  if (noted.length === 0) return new Set();
  await tx.lockAudit();
  const held = await tx.heldRecordIds([...new Set(noted.flatMap((j) => [j.a, j.b]))]);
  return new Set(noted.filter((j) => !held.has(j.a) || !held.has(j.b)));
}

/** `betweenPages`: awaited between two pages of the membership, read or written (an event-loop yielder, on a serving node). */
export function storeResolutionStore(store: Store, { betweenPages }: { readonly betweenPages?: () => Promise<void> } = {}): StoreResolutionStore {
  const followRedirects = (redirects: ReadonlyMap<EntityId, Redirect>, id: EntityId): EntityId[] => {
    const out: EntityId[] = [];
    const visit = (current: EntityId, depth: number): void => {
      const r = redirects.get(current);
      if (!r || depth > 64) {
        if (!out.includes(current)) out.push(current);
        return;
      }
      for (const next of r.to) visit(next, depth + 1);
    };
    visit(id, 0);
    return out;
  };
  const mergeEvents = async (): Promise<MergeEvent[]> => (await store.listDocuments('merge-event', { limit: ALL, oldestFirst: true })).map((d) => d.body as MergeEvent);
  /** Every record's entity, page by page (a store of a million records holds a million). */
  const membership = async (): Promise<Map<RecordId, EntityId>> => {
    const out = new Map<RecordId, EntityId>();
    for (let afterId = ''; ;) {
      const page = await store.listDocuments('entity-member', { afterId, limit: MEMBERSHIP_PAGE });
      for (const d of page) out.set(d.id as RecordId, d.subject as EntityId);
      const last = page.at(-1);
      if (page.length < MEMBERSHIP_PAGE || !last) return out;
      afterId = last.id;
      await betweenPages?.();
    }
  };
  const load = async (): Promise<ResolutionSnapshot> => {
    const [judgements, members, redirects, events, sequence] = await Promise.all([
      store.listDocuments('judgement', { limit: ALL, oldestFirst: true }),
      membership(),
      store.listDocuments('entity-redirect', { limit: ALL }),
      mergeEvents(),
      store.getSetting(SEQUENCE_KEY),
    ]);
    return {
      judgements: judgements.map((d) => d.body as Judgement),
      membership: members,
      redirects: new Map(redirects.map((d) => [d.id as EntityId, d.body as Redirect])),
      mergeEvents: events,
      entitySequence: Number(sequence ?? 0),
    };
  };
  return {
    load,
    mergeEvents,
    entitySequence: async () => Number((await store.getSetting(SEQUENCE_KEY)) ?? 0),
    async commit(change) {
      // a full pass can move most records (a model retrained on a much larger store): one statement per few hundred rows
      const members = [...change.membership].map(([record, entity]) => ({ kind: 'entity-member', id: record, owner: OWNER, subject: entity, body: null }));
      const whole = members.length <= MEMBERSHIP_PART;
      await store.transaction(async (tx) => {
        const onErased = await notedOnErased(tx, change.judgements);
        const current = Number((await tx.getSetting(SEQUENCE_KEY)) ?? 0);
        if (change.entitySequence > current) await tx.putSetting(SEQUENCE_KEY, String(change.entitySequence));
        for (const made of change.judgements) {
          const j = onErased.has(made) ? { ...made, note: ERASED_NOTE } : made;
          await tx.putDocument({ kind: JUDGEMENT_KIND, id: judgementDocumentId(j), owner: j.by, subject: pairKey(j.a, j.b), body: j });
          for (const link of judgementRecordDocuments(j)) await tx.putDocument(link);
        }
        for (const id of change.removedRedirects) await tx.deleteDocument('entity-redirect', id);
        for (const r of change.redirects) await tx.putDocument({ kind: 'entity-redirect', id: r.from, owner: OWNER, body: r });
        for (const e of change.mergeEvents) await tx.putDocument({ kind: 'merge-event', id: e.id, owner: OWNER, subject: e.survivor, body: e });
        if (whole) await tx.putDocuments(members);
        if (change.removedMembers?.length) await tx.deleteDocuments('entity-member', change.removedMembers);
      });
      if (whole) return;
      for (let from = 0; from < members.length; from += MEMBERSHIP_PART) {
        await betweenPages?.();
        await store.transaction(async (tx) => { await tx.putDocuments(members.slice(from, from + MEMBERSHIP_PART)); });
      }
    },
    async resolveEntityId(id) {
      const redirects = await store.listDocuments('entity-redirect', { limit: ALL });
      return followRedirects(new Map(redirects.map((d) => [d.id as EntityId, d.body as Redirect])), id);
    },
    async judgementsOf(a, b) {
      return (await store.listDocuments('judgement', { subject: pairKey(a, b), limit: 1000, oldestFirst: true })).map((d) => d.body as Judgement);
    },
  };
}
