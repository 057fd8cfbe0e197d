import { describe, expect, it } from 'vitest';
import { AgencyId, EntityId, RecordId, UserId } from '@mosaic/model';
import { createAuditLog } from './audit-log.ts';
import { createMemoryAuditStorage } from './memory-audit-storage.ts';
import { generateAuditKeyPair, loadAuditSigner } from './audit-keys.ts';
import { searchAudit, searchStoredAudit } from './search-audit.ts';
import type { AuditEntry } from './audit-entry.ts';

async function sampleLog() {
  const storage = createMemoryAuditStorage();
  const times = ['2025-01-01T08:00:00.000Z', '2025-01-02T08:00:00.000Z', '2025-01-03T08:00:00.000Z', '2025-01-04T08:00:00.000Z'];
  let i = 0;
  const log = createAuditLog({ storage, signer: loadAuditSigner(generateAuditKeyPair()), clock: () => times[i++]! });
  await log.append({ actor: { user: UserId('ana'), agency: AgencyId('fedpol') }, action: 'collection', records: [RecordId('fedpol:1')], subjects: [EntityId('e1')], outcome: 'ok' });
  await log.append({ actor: { user: UserId('ben'), agency: AgencyId('zone5') }, action: 'consultation', purpose: 'p', caseRef: 'Z-1', records: [RecordId('fedpol:1')], subjects: [EntityId('e1')], outcome: 'ok' });
  await log.append({ actor: { user: UserId('ben'), agency: AgencyId('zone5') }, action: 'screening', purpose: 'p', caseRef: 'Z-2', pointers: [AgencyId('intel')], subjects: [EntityId('e2')], outcome: 'ok' });
  await log.append({ actor: { user: UserId('ana'), agency: AgencyId('fedpol') }, action: 'disclosure', recipients: [AgencyId('zone5')], records: [RecordId('intel:9')], outcome: 'denied', reason: 'agreement: none' });
  const entries: AuditEntry[] = [];
  for await (const e of storage.entries()) entries.push(e);
  return { storage, entries };
}

const seqs = (entries: readonly AuditEntry[]) => entries.map((e) => e.seq);

describe('searchAudit', () => {
  it('filters by user, agency, subject, record, owner, recipient, action, outcome and case', async () => {
    const { entries } = await sampleLog();
    expect(seqs(searchAudit(entries, { user: UserId('ben') }))).toEqual([2, 3]);
    expect(seqs(searchAudit(entries, { agency: AgencyId('fedpol') }))).toEqual([1, 4]);
    expect(seqs(searchAudit(entries, { subject: EntityId('e1') }))).toEqual([1, 2]);
    expect(seqs(searchAudit(entries, { record: RecordId('fedpol:1') }))).toEqual([1, 2]);
    expect(seqs(searchAudit(entries, { owner: AgencyId('intel') }))).toEqual([4]);
    expect(seqs(searchAudit(entries, { recipient: AgencyId('zone5') }))).toEqual([4]);
    expect(seqs(searchAudit(entries, { recipient: AgencyId('intel') }))).toEqual([3]);
    expect(seqs(searchAudit(entries, { action: 'screening' }))).toEqual([3]);
    expect(seqs(searchAudit(entries, { action: ['collection', 'disclosure'] }))).toEqual([1, 4]);
    expect(seqs(searchAudit(entries, { outcome: 'denied' }))).toEqual([4]);
    expect(seqs(searchAudit(entries, { caseRef: 'Z-2' }))).toEqual([3]);
  });

  it('finds a record, and its owner, behind a pointer shown (`pointed`)', async () => {
    const storage = createMemoryAuditStorage();
    const log = createAuditLog({ storage, signer: loadAuditSigner(generateAuditKeyPair()) });
    await log.append({ actor: { user: UserId('ben'), agency: AgencyId('zone5') }, action: 'screening', pointers: [AgencyId('intel')], pointed: [{ agency: AgencyId('intel'), records: [RecordId('intel:9'), RecordId('intel:9')] }], outcome: 'ok' });
    await log.append({ actor: { user: UserId('ben'), agency: AgencyId('zone5') }, action: 'screening', pointers: [AgencyId('intel')], pointed: [{ agency: AgencyId('intel'), records: [] }], outcome: 'ok' });
    const entries: AuditEntry[] = [];
    for await (const e of storage.entries()) entries.push(e);
    expect(entries[0]!.pointed).toEqual([{ agency: 'intel', records: ['intel:9'] }]);
    expect(entries[1]!).not.toHaveProperty('pointed');
    expect(seqs(searchAudit(entries, { record: RecordId('intel:9') }))).toEqual([1]);
    expect(seqs(searchAudit(entries, { owner: AgencyId('intel') }))).toEqual([1]);
    expect(seqs(searchAudit(entries, { record: RecordId('intel:8') }))).toEqual([]);
  });

  it('filters by a half-open time range and combines criteria with AND', async () => {
    const { entries } = await sampleLog();
    expect(seqs(searchAudit(entries, { from: '2025-01-02T08:00:00.000Z', to: '2025-01-04T08:00:00.000Z' }))).toEqual([2, 3]);
    expect(seqs(searchAudit(entries, { from: '2025-01-02T00:00:00Z', user: UserId('ana') }))).toEqual([4]);
    expect(seqs(searchAudit(entries, { user: UserId('ana'), action: 'screening' }))).toEqual([]);
    expect(seqs(searchAudit(entries, {}))).toEqual([1, 2, 3, 4]);
  });

  it('stops at the limit, also over a storage', async () => {
    const { storage, entries } = await sampleLog();
    expect(seqs(searchAudit(entries, {}, { limit: 2 }))).toEqual([1, 2]);
    expect(seqs(await searchStoredAudit(storage, { user: UserId('ben') }, { limit: 1 }))).toEqual([2]);
    expect(seqs(await searchStoredAudit(storage, { agency: AgencyId('fedpol') }, { range: { fromSeq: 2 } }))).toEqual([4]);
  });
});
