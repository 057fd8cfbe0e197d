import { describe, expect, it } from 'vitest';
import { AgencyId, DeskId, RecordId, UserId, type Provenance } from '@mosaic/model';
import { deconfliction, filterVisible, type PolicyRecord } from './filter-visible.ts';
import type { Organisation, PolicyUser } from './organisation.ts';
import { AgreementId, type SharingAgreement } from './sharing-agreement.ts';
import type { PolicyContext } from './decision.ts';

const A = AgencyId('a');
const B = AgencyId('b');
const C = AgencyId('c');
const org: Organisation = {
  agencies: [A, B, C].map((id) => ({ id, name: `Agency ${id}`, country: 'BE', contactDesk: DeskId(`${id}-desk`) })),
  desks: [A, B, C].map((id) => ({ id: DeskId(`${id}-desk`), agency: id, name: 'Duty', contact: `+32 ${id}` })),
  groups: [],
};
const viewer: PolicyUser = { id: UserId('v'), agency: C, desk: DeskId('c-desk'), roles: ['officer'], clearance: 'SECRET', groups: [] };

function rec(owner: AgencyId, n: number, category: Provenance['category'] = 'suspect'): PolicyRecord & { properties: Record<string, string[]> } {
  return {
    id: RecordId(`${owner}:${n}`),
    properties: { name: [`Fictional ${owner}${n}`] },
    provenance: {
      agency: owner, source: 's', sourceRecordId: String(n), reliability: 'C', credibility: 3,
      marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['ALL'] },
      handling: 'H0', category, nature: 'fact', legalBasis: 'x', reviewDate: '2030-01-01',
    },
  };
}

function share(owner: AgencyId, effect: SharingAgreement['effect'], flags: Partial<SharingAgreement> = {}): SharingAgreement {
  return {
    id: AgreementId(`${owner}-${effect}`), owner, recipient: C, effect,
    conditions: { tlp: ['AMBER'], maxClassification: 'SECRET', handling: ['H0'], categories: ['suspect'] },
    notifyOwnerOnConsult: false, notifyOwnerOnEncounter: false, ...flags,
  };
}

const ctx = (agreements: SharingAgreement[]): PolicyContext => ({ org, agreements, purpose: 'p', caseRef: 'c' });

describe('filterVisible', () => {
  it('keeps visible records in order and gives one content-free pointer per owner', () => {
    const records = [rec(A, 1), rec(B, 1), rec(C, 1), rec(B, 2), rec(B, 3), rec(A, 2, 'victim')];
    const { visible, pointers } = filterVisible(viewer, records, ctx([share(A, 'full'), share(B, 'pointer')]));
    expect(visible.map((r) => r.id)).toEqual(['a:1', 'c:1']);
    expect(pointers).toEqual([{ agency: B, agencyName: 'Agency b', desk: { id: 'b-desk', name: 'Duty', contact: '+32 b' }, message: 'holds information' }]);
    const text = JSON.stringify(pointers);
    for (const hidden of ['b:1', 'b:2', 'b:3', 'Fictional b', 'a:2']) expect(text).not.toContain(hidden);
  });

  it('gives the same pointer for one hidden record as for many', () => {
    const one = filterVisible(viewer, [rec(B, 1)], ctx([share(B, 'pointer')]));
    const many = filterVisible(viewer, [rec(B, 1), rec(B, 2), rec(B, 3)], ctx([share(B, 'pointer')]));
    expect(many).toEqual(one);
  });

  it('shows nothing at all without a purpose, or to a role that may not browse', () => {
    const records = [rec(A, 1), rec(C, 1), rec(B, 1)];
    const agreements = [share(A, 'full'), share(B, 'pointer')];
    expect(filterVisible(viewer, records, { org, agreements })).toEqual({ visible: [], pointers: [] });
    const checkpoint = { ...viewer, roles: ['checkpoint_officer' as const] };
    expect(filterVisible(checkpoint, records, ctx(agreements))).toEqual({ visible: [], pointers: [] });
    expect(filterVisible(checkpoint, records, ctx(agreements), { action: 'screen' }).visible.map((r) => r.id)).toEqual(['a:1', 'c:1']);
  });
});

describe('deconfliction', () => {
  it('groups notices per owner and kind, for visible and pointer records only', () => {
    const records = [rec(A, 2), rec(A, 1), rec(B, 1), rec(B, 2, 'victim'), rec(C, 1)];
    const agreements = [share(A, 'full', { notifyOwnerOnConsult: true }), share(B, 'pointer', { notifyOwnerOnEncounter: true })];
    expect(deconfliction(viewer, records, ctx(agreements))).toEqual([
      { owner: A, kind: 'consult', records: ['a:1', 'a:2'], requester: { user: 'v', agency: C, desk: 'c-desk' } },
      { owner: B, kind: 'encounter', records: ['b:1'], requester: { user: 'v', agency: C, desk: 'c-desk' } },
    ]);
  });

  it('notifies encounters, not consultations, on screening', () => {
    const agreements = [share(A, 'full', { notifyOwnerOnConsult: true })];
    expect(deconfliction(viewer, [rec(A, 1)], ctx(agreements), { action: 'screen' })).toEqual([]);
    const both = [share(A, 'full', { notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true })];
    expect(deconfliction(viewer, [rec(A, 1)], ctx(both), { action: 'screen' }).map((n) => n.kind)).toEqual(['encounter']);
  });

  it('never notifies about denied records', () => {
    const agreements = [share(A, 'none', { notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true })];
    expect(deconfliction(viewer, [rec(A, 1)], ctx(agreements))).toEqual([]);
  });
});
