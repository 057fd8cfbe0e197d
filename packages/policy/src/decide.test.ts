import { describe, expect, it } from 'vitest';
import { AgencyId, DeskId, RecordId, UserId, type Provenance } from '@mosaic/model';
import { decide, readsRecords } from './decide.ts';
import { GroupId, type Organisation, type PolicyUser, type Role } from './organisation.ts';
import { AgreementId, type SharingAgreement } from './sharing-agreement.ts';
import type { PolicyContext, RecordResource } from './decision.ts';

const FEDPOL = AgencyId('fedpol');
const ZONE5 = AgencyId('zone5');
const INTEL = AgencyId('intel');
const DGSI = AgencyId('dgsi');
const DPA = AgencyId('dpa');

const org: Organisation = {
  agencies: [
    { id: FEDPOL, name: 'Federal Police', country: 'BE', contactDesk: DeskId('fedpol-ops') },
    { id: ZONE5, name: 'Zone 5', country: 'BE', contactDesk: DeskId('zone5-dispatch') },
    { id: INTEL, name: 'Intelligence', country: 'BE', contactDesk: DeskId('intel-duty') },
    { id: DGSI, name: 'DGSI', country: 'FR', contactDesk: DeskId('dgsi-duty') },
    { id: DPA, name: 'Supervisory authority', country: 'BE', contactDesk: DeskId('dpa-desk') },
  ],
  desks: [
    { id: DeskId('fedpol-ops'), agency: FEDPOL, name: 'Operations room', contact: '+32 2 000 00 01' },
    { id: DeskId('fedpol-ct'), agency: FEDPOL, name: 'CT desk', contact: '+32 2 000 00 02' },
    { id: DeskId('intel-duty'), agency: INTEL, name: 'Duty officer', contact: '+32 2 000 00 03' },
    { id: DeskId('zone5-dispatch'), agency: ZONE5, name: 'Dispatch', contact: '+32 2 000 00 04' },
    { id: DeskId('dgsi-duty'), agency: DGSI, name: 'Permanence', contact: '+33 1 000 00 05' },
  ],
  groups: [
    { id: GroupId('jit-1'), agency: FEDPOL },
    { id: GroupId('case-team-7'), agency: FEDPOL },
    { id: GroupId('intel-team'), agency: INTEL },
  ],
  oversight: [DPA],
};

function user(agency: AgencyId, roles: Role[] = ['analyst'], extra: Partial<PolicyUser> = {}): PolicyUser {
  return { id: UserId(`${agency}-user`), agency, desk: null, roles, clearance: 'SECRET', groups: [], ...extra };
}

function record(marking: Partial<Provenance['marking']> = {}, rest: Partial<Provenance> = {}, needToKnow?: GroupId[]): RecordResource {
  const provenance: Provenance = {
    agency: FEDPOL,
    source: 'fedpol/case-mgmt',
    sourceRecordId: '1',
    reliability: 'B',
    credibility: 2,
    marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['BE'], ...marking },
    handling: 'H0',
    category: 'suspect',
    nature: 'fact',
    legalBasis: 'police act art. 44',
    reviewDate: '2027-01-01',
    ...rest,
  };
  const marked: Provenance = needToKnow === undefined ? provenance : { ...provenance, marking: { ...provenance.marking, needToKnow } };
  return { kind: 'record', id: RecordId('fedpol:1'), provenance: marked };
}

function agreement(recipient: AgencyId | 'ALL', effect: SharingAgreement['effect'], extra: Partial<SharingAgreement> = {}): SharingAgreement {
  return {
    id: AgreementId(`fedpol-${recipient}-${effect}`),
    owner: FEDPOL,
    recipient,
    conditions: { tlp: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'], maxClassification: 'SECRET', handling: ['H0', 'H1', 'H2', 'H3'], categories: ['suspect', 'convicted', 'contact', 'victim', 'witness', 'other'] },
    effect,
    notifyOwnerOnConsult: false,
    notifyOwnerOnEncounter: false,
    ...extra,
  };
}

function ctx(agreements: SharingAgreement[] = [], purpose: Partial<PolicyContext> = { purpose: 'CT investigation', caseRef: 'CT-1' }): PolicyContext {
  return { org, agreements, ...purpose };
}

describe('decide: roles and purpose', () => {
  const own = record();
  it.each<[Role, string, 'allow' | 'deny']>([
    ['analyst', 'read', 'allow'],
    ['officer', 'read', 'allow'],
    ['checkpoint_officer', 'read', 'deny'],
    ['checkpoint_officer', 'search', 'deny'],
    ['checkpoint_officer', 'screen', 'allow'],
    ['officer', 'export', 'deny'],
    ['analyst', 'export', 'allow'],
    ['auditor', 'read', 'deny'],
    ['sysadmin', 'read', 'deny'],
    ['sysadmin', 'screen', 'deny'],
    ['agency_admin', 'search', 'deny'],
    ['agency_admin', 'delete', 'allow'],
    ['analyst', 'delete', 'deny'],
    ['officer', 'write', 'allow'],
    ['analyst', 'audit', 'deny'],
  ])('%s may %s records: %s', (role, action, effect) => {
    expect(decide(user(FEDPOL, [role]), action as never, own, ctx()).effect).toBe(effect);
  });

  it('says which users read records at all: no record, not even a CLEAR one of their own agency, reaches the others', () => {
    const open = record({ tlp: 'CLEAR', classification: 'UNCLASSIFIED', releasability: ['ALL'] });
    for (const role of ['analyst', 'officer', 'checkpoint_officer', 'agency_admin', 'auditor', 'sysadmin'] as const) {
      const decision = decide(user(FEDPOL, [role]), 'read', open, ctx());
      expect(readsRecords({ roles: [role] }), role).toBe(decision.effect === 'allow');
    }
    expect(readsRecords({ roles: ['checkpoint_officer', 'officer'] })).toBe(true);
  });

  it('requires a purpose and a case reference to read, search, screen or export', () => {
    for (const action of ['read', 'search', 'screen', 'export'] as const) {
      for (const missing of [{ caseRef: 'CT-1' }, { purpose: 'x' }, { purpose: '  ', caseRef: 'CT-1' }, { purpose: 'x', caseRef: '' }]) {
        expect(decide(user(FEDPOL, ['analyst', 'checkpoint_officer']), action, own, ctx([], missing))).toEqual({ effect: 'deny', reason: 'purpose required' });
      }
    }
    expect(decide(user(FEDPOL, ['officer']), 'write', own, ctx([], {})).effect).toBe('allow');
  });

  it('lets owners write and erase only their own records, and write or erase only what they are cleared for', () => {
    const theirs = record({}, { agency: INTEL });
    expect(decide(user(FEDPOL), 'write', theirs, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'not owner' });
    expect(decide(user(FEDPOL, ['agency_admin']), 'delete', theirs, ctx())).toEqual({ effect: 'deny', reason: 'not owner' });
    expect(decide(user(FEDPOL, ['analyst'], { clearance: 'RESTRICTED' }), 'write', record({ classification: 'SECRET' }), ctx())).toEqual({ effect: 'deny', reason: 'clearance' });
    expect(decide(user(FEDPOL, ['agency_admin'], { clearance: 'RESTRICTED' }), 'delete', record({ classification: 'SECRET' }), ctx())).toEqual({ effect: 'deny', reason: 'clearance' });
  });
});

describe('decide: the owner agency', () => {
  it('sees its own records whatever the TLP, if cleared', () => {
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const) {
      expect(decide(user(FEDPOL), 'read', record({ tlp, releasability: [] }), ctx())).toEqual({ effect: 'allow', reason: 'own agency' });
    }
    expect(decide(user(FEDPOL, ['analyst'], { clearance: 'CONFIDENTIAL' }), 'read', record({ classification: 'SECRET' }), ctx())).toEqual({ effect: 'deny', reason: 'clearance' });
    expect(decide(user(FEDPOL), 'export', record({ tlp: 'RED' }, { handling: 'H3' }), ctx()).effect).toBe('allow');
  });
});

describe('decide: TLP 2.0 for other agencies', () => {
  const zone = user(ZONE5);

  it('CLEAR: anyone, without an agreement', () => {
    expect(decide(zone, 'read', record({ tlp: 'CLEAR' }), ctx())).toEqual({ effect: 'allow', reason: 'tlp:clear' });
  });

  it('GREEN: the owner’s community, agencies sharing something with it, where the owner set no terms for them', () => {
    const green = record({ tlp: 'GREEN' });
    expect(decide(zone, 'read', green, ctx())).toEqual({ effect: 'deny', reason: 'no agreement' });
    // zone5 shares with the federal police: it is of their community, and GREEN goes to it
    const reverse: SharingAgreement = { ...agreement(FEDPOL, 'full'), id: AgreementId('zone5-fedpol'), owner: ZONE5, recipient: FEDPOL };
    expect(decide(zone, 'read', green, ctx([reverse]))).toEqual({ effect: 'allow', reason: 'tlp:green community' });
    const zoneToAll: SharingAgreement = { ...reverse, id: AgreementId('zone5-all'), recipient: 'ALL' };
    expect(decide(zone, 'read', green, ctx([zoneToAll])).effect).toBe('allow');
    expect(decide(user(INTEL), 'read', green, ctx([reverse])).effect).toBe('deny');
    // an agreement that shares nothing makes no community
    expect(decide(zone, 'read', green, ctx([{ ...zoneToAll, effect: 'none' }]))).toEqual({ effect: 'deny', reason: 'no agreement' });
    // The owner's own terms for zone5 (witnesses only; or for ALL, witnesses only) bound what
    // reaches it: a GREEN record they leave out stays out, community or not.
    const witnessesOnly = agreement(ZONE5, 'full', { conditions: { ...agreement(ZONE5, 'full').conditions, categories: ['witness'] } });
    expect(decide(zone, 'read', green, ctx([witnessesOnly]))).toEqual({ effect: 'deny', reason: 'no agreement' });
    expect(decide(zone, 'read', green, ctx([witnessesOnly, reverse]))).toEqual({ effect: 'deny', reason: 'no agreement' });
    const witnessesToAll: SharingAgreement = { ...witnessesOnly, id: AgreementId('fedpol-all'), recipient: 'ALL' };
    expect(decide(zone, 'read', green, ctx([witnessesToAll, reverse]))).toEqual({ effect: 'deny', reason: 'no agreement' });
    expect(decide(zone, 'read', record({ tlp: 'GREEN' }, { category: 'witness' }), ctx([witnessesToAll])).effect).toBe('allow');
  });

  it('AMBER: only through an agreement, and only on need-to-know when the owner names groups', () => {
    const amber = record({ tlp: 'AMBER' });
    expect(decide(zone, 'read', amber, ctx())).toEqual({ effect: 'deny', reason: 'no agreement' });
    expect(decide(zone, 'read', amber, ctx([agreement('ALL', 'full')]))).toEqual({ effect: 'allow', reason: 'agreement: full' });
    const grouped = record({ tlp: 'AMBER' }, {}, [GroupId('jit-1')]);
    expect(decide(zone, 'read', grouped, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'need-to-know' });
    expect(decide(user(ZONE5, ['analyst'], { groups: [GroupId('jit-1')] }), 'read', grouped, ctx([agreement(ZONE5, 'full')])).effect).toBe('allow');
  });

  it('AMBER+STRICT: only the recipient organisation named in an agreement, and no onward sharing', () => {
    const strict = record({ tlp: 'AMBER+STRICT' });
    expect(decide(zone, 'read', strict, ctx([agreement('ALL', 'full')]))).toEqual({ effect: 'deny', reason: 'tlp:amber+strict needs a named recipient' });
    expect(decide(zone, 'read', strict, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'allow', reason: 'agreement: full' });
    expect(decide(zone, 'export', strict, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'no onward sharing' });
  });

  it('RED: only the owner and the need-to-know groups named on the record, whatever the agreements', () => {
    const ungrouped = record({ tlp: 'RED', releasability: [] });
    expect(decide(zone, 'read', ungrouped, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'tlp:red' });
    expect(decide(zone, 'read', ungrouped, ctx())).toEqual({ effect: 'deny', reason: 'tlp:red' });
    expect(decide(zone, 'screen', ungrouped, ctx([agreement(ZONE5, 'pointer')])).effect).toBe('pointer');
    const red = record({ tlp: 'RED', releasability: [] }, {}, [GroupId('jit-1')]);
    expect(decide(zone, 'read', red, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'need-to-know' });
    const member = user(DGSI, ['analyst'], { groups: [GroupId('jit-1')] });
    expect(decide(member, 'read', red, ctx([agreement(DGSI, 'none')]))).toEqual({ effect: 'allow', reason: 'need-to-know group' });
    expect(decide(member, 'export', red, ctx())).toEqual({ effect: 'deny', reason: 'no onward sharing' });
    expect(decide({ ...member, clearance: 'UNCLASSIFIED' }, 'read', red, ctx())).toEqual({ effect: 'deny', reason: 'clearance' });
    // Restricted to a case team: no pointer either, which would tell an outsider the team holds something.
    expect(decide(zone, 'screen', red, ctx([agreement(ZONE5, 'pointer')]))).toEqual({ effect: 'deny', reason: 'need-to-know' });
  });

  it('need-to-know groups bind the owner agency too: its users outside the group see nothing, its data administrator may still erase', () => {
    const restricted = record({ tlp: 'GREEN' }, {}, [GroupId('case-team-7')]);
    const colleague = user(FEDPOL);
    const member = user(FEDPOL, ['analyst'], { groups: [GroupId('case-team-7')] });
    for (const action of ['read', 'search', 'screen', 'export'] as const) {
      expect(decide(colleague, action, restricted, ctx([agreement('ALL', 'full')]))).toEqual({ effect: 'deny', reason: 'need-to-know' });
      expect(decide(member, action, restricted, ctx()).effect).toBe('allow');
    }
    expect(decide(colleague, 'write', restricted, ctx())).toEqual({ effect: 'deny', reason: 'need-to-know' });
    expect(decide(member, 'write', restricted, ctx()).effect).toBe('allow');
    expect(decide(user(FEDPOL, ['agency_admin']), 'delete', restricted, ctx()).effect).toBe('allow');
    expect(decide(user(ZONE5, ['analyst'], { groups: [GroupId('case-team-7')] }), 'read', restricted, ctx([agreement(ZONE5, 'full')])).effect).toBe('allow');
    expect(decide(zone, 'read', restricted, ctx([agreement(ZONE5, 'pointer')]))).toEqual({ effect: 'deny', reason: 'need-to-know' });
  });

  it('counts only the owner agency\'s groups: another agency\'s group, or a name no group has, restricts the record and admits no one', () => {
    const insider = user(INTEL, ['analyst'], { groups: [GroupId('intel-team'), GroupId('op-typo')] });
    for (const tlp of ['RED', 'AMBER', 'GREEN'] as const) {
      const named = record({ tlp, releasability: ['ALL'] }, {}, [GroupId('jit-1'), GroupId('intel-team'), GroupId('op-typo')]);
      for (const action of ['read', 'search', 'screen'] as const) {
        expect(decide(insider, action, named, ctx([agreement('ALL', 'full')])), `${tlp} ${action}`).toEqual({ effect: 'deny', reason: 'need-to-know' });
      }
      // the owner's own users too: membership of a name no group of theirs has is no membership
      expect(decide(user(FEDPOL, ['analyst'], { groups: [GroupId('op-typo')] }), 'read', named, ctx())).toEqual({ effect: 'deny', reason: 'need-to-know' });
      expect(decide(user(FEDPOL, ['analyst'], { groups: [GroupId('op-typo')] }), 'write', named, ctx())).toEqual({ effect: 'deny', reason: 'need-to-know' });
      // a member of the owner's group named on it still reads it
      expect(decide(user(INTEL, ['analyst'], { groups: [GroupId('jit-1')] }), 'read', named, ctx([agreement('ALL', 'full')])).effect, tlp).toBe('allow');
    }
    // ids are compared as stored: JIT-1 is not jit-1
    const upper = record({ tlp: 'RED', releasability: ['ALL'] }, {}, [GroupId('JIT-1')]);
    expect(decide(user(INTEL, ['analyst'], { groups: [GroupId('JIT-1')] }), 'read', upper, ctx())).toEqual({ effect: 'deny', reason: 'need-to-know' });
    // an organisation naming the group under another agency (its owner as the store keeps it) decides
    const claimed = { ...org, groups: [{ id: GroupId('op-typo'), agency: INTEL }] };
    expect(decide(insider, 'read', record({ tlp: 'RED', releasability: ['ALL'] }, {}, [GroupId('op-typo')]), { ...ctx(), org: claimed })).toEqual({ effect: 'deny', reason: 'need-to-know' });
  });
});

describe('decide: agreements, markings and clearance', () => {
  const zone = user(ZONE5);

  it('checks the agreement conditions: TLP, maximum classification, handling code, category', () => {
    const base = agreement(ZONE5, 'full');
    const only = (c: Partial<SharingAgreement['conditions']>) => ctx([{ ...base, conditions: { ...base.conditions, ...c } }]);
    expect(decide(zone, 'read', record(), only({ tlp: ['GREEN'] })).reason).toBe('no agreement');
    expect(decide(zone, 'read', record({ classification: 'CONFIDENTIAL' }), only({ maxClassification: 'RESTRICTED' })).reason).toBe('no agreement');
    expect(decide(zone, 'read', record({ classification: 'RESTRICTED' }), only({ maxClassification: 'RESTRICTED' })).effect).toBe('allow');
    expect(decide(zone, 'read', record({}, { handling: 'H3' }), only({ handling: ['H0', 'H1'] })).reason).toBe('no agreement');
    expect(decide(zone, 'read', record({}, { category: 'victim' }), only({ categories: ['suspect'] })).reason).toBe('no agreement');
    expect(decide(zone, 'read', record(), ctx([{ ...base, owner: INTEL }])).reason).toBe('no agreement');
  });

  it('lets an agreement naming the recipient override one for ALL, and the most restrictive win at one level', () => {
    const amber = record();
    expect(decide(zone, 'read', amber, ctx([agreement('ALL', 'none'), agreement(ZONE5, 'full')])).effect).toBe('allow');
    expect(decide(zone, 'read', amber, ctx([agreement('ALL', 'full'), agreement(ZONE5, 'pointer')])).effect).toBe('pointer');
    expect(decide(zone, 'read', amber, ctx([agreement(ZONE5, 'full'), agreement(ZONE5, 'none')]))).toEqual({ effect: 'deny', reason: 'agreement: none' });
    expect(decide(zone, 'read', amber, ctx([agreement('ALL', 'pointer'), agreement('ALL', 'full')])).effect).toBe('pointer');
    expect(decide(zone, 'read', record({ tlp: 'CLEAR' }), ctx([agreement(ZONE5, 'none')])).reason).toBe('agreement: none');
  });

  it('requires the releasability marking to cover the recipient agency or its country', () => {
    const share = ctx([agreement('ALL', 'full')]);
    expect(decide(user(DGSI), 'read', record({ releasability: ['BE'] }), share)).toEqual({ effect: 'deny', reason: 'releasability' });
    expect(decide(user(DGSI), 'read', record({ releasability: ['BE', 'fr'] }), share).effect).toBe('allow');
    expect(decide(user(DGSI), 'read', record({ releasability: ['dgsi'] }), share).effect).toBe('allow');
    expect(decide(user(DGSI), 'read', record({ releasability: ['ALL'] }), share).effect).toBe('allow');
    expect(decide(user(ZONE5), 'read', record({ releasability: [] }), share)).toEqual({ effect: 'deny', reason: 'releasability' });
    expect(decide(user(ZONE5), 'read', record({ tlp: 'CLEAR', releasability: [] }), ctx())).toEqual({ effect: 'deny', reason: 'releasability' });
  });

  it('requires clearance for content but not for a pointer', () => {
    const low = user(ZONE5, ['officer'], { clearance: 'RESTRICTED' });
    const secret = record({ classification: 'SECRET' });
    expect(decide(low, 'read', secret, ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'clearance' });
    expect(decide(low, 'read', secret, ctx([agreement(ZONE5, 'pointer')])).effect).toBe('pointer');
  });

  it('refuses export of H2/H3 records to non-owners and of pointers to anyone', () => {
    expect(decide(zone, 'export', record({}, { handling: 'H2' }), ctx([agreement(ZONE5, 'full')]))).toEqual({ effect: 'deny', reason: 'handling: owner consent required' });
    expect(decide(zone, 'export', record({}, { handling: 'H1' }), ctx([agreement(ZONE5, 'full')])).effect).toBe('allow');
    expect(decide(zone, 'export', record(), ctx([agreement(ZONE5, 'pointer')])).effect).toBe('deny');
  });
});

describe('decide: pointers and owner notices', () => {
  const checkpoint = user(ZONE5, ['checkpoint_officer'], { clearance: 'UNCLASSIFIED' });

  it('points at the agreement’s desk, else the owner’s contact desk, and says nothing else', () => {
    const viaAgency = decide(checkpoint, 'screen', record({ classification: 'SECRET' }), ctx([agreement(ZONE5, 'pointer')]));
    expect(viaAgency).toEqual({
      effect: 'pointer',
      reason: 'agreement: pointer',
      pointer: { agency: FEDPOL, agencyName: 'Federal Police', desk: { id: 'fedpol-ops', name: 'Operations room', contact: '+32 2 000 00 01' }, message: 'holds information' },
    });
    const viaAgreement = decide(checkpoint, 'screen', record(), ctx([agreement(ZONE5, 'pointer', { contactDesk: DeskId('fedpol-ct') })]));
    expect(viaAgreement.effect === 'pointer' && viaAgreement.pointer.desk?.contact).toBe('+32 2 000 00 02');
    // A desk of another agency is never offered as the owner's contact.
    const foreignDesk = decide(checkpoint, 'screen', record(), ctx([agreement(ZONE5, 'pointer', { contactDesk: DeskId('intel-duty') })]));
    expect(foreignDesk.effect === 'pointer' && foreignDesk.pointer.desk).toBeNull();
  });

  it('notifies the owner per its flags: consultation on read, encounter on screening or pointer', () => {
    const flags = { notifyOwnerOnConsult: true, notifyOwnerOnEncounter: true };
    expect(decide(user(ZONE5), 'read', record(), ctx([agreement(ZONE5, 'full', flags)]))).toMatchObject({ effect: 'allow', notifyOwner: { agency: FEDPOL, kind: 'consult' } });
    expect(decide(user(ZONE5, ['officer']), 'screen', record(), ctx([agreement(ZONE5, 'full', flags)]))).toMatchObject({ effect: 'allow', notifyOwner: { agency: FEDPOL, kind: 'encounter' } });
    expect(decide(checkpoint, 'screen', record(), ctx([agreement(ZONE5, 'pointer', flags)]))).toMatchObject({ effect: 'pointer', notifyOwner: { agency: FEDPOL, kind: 'encounter' } });
    expect(decide(user(ZONE5), 'read', record(), ctx([agreement(ZONE5, 'full', { notifyOwnerOnEncounter: true })]))).not.toHaveProperty('notifyOwner');
    expect(decide(user(ZONE5), 'read', record(), ctx([agreement(ZONE5, 'none', flags)]))).not.toHaveProperty('notifyOwner');
    expect(decide(user(FEDPOL), 'read', record(), ctx([agreement(ZONE5, 'full', flags)]))).not.toHaveProperty('notifyOwner');
  });
});

describe('decide: audit and administration', () => {
  it('lets auditors audit their own agency, oversight bodies audit all, and nobody else', () => {
    expect(decide(user(ZONE5, ['auditor']), 'audit', { kind: 'audit', agency: ZONE5 }, ctx()).effect).toBe('allow');
    expect(decide(user(ZONE5, ['auditor']), 'audit', { kind: 'audit', agency: FEDPOL }, ctx())).toEqual({ effect: 'deny', reason: 'out of scope' });
    expect(decide(user(ZONE5, ['auditor']), 'audit', { kind: 'audit', agency: 'ALL' }, ctx()).effect).toBe('deny');
    expect(decide(user(DPA, ['auditor']), 'audit', { kind: 'audit', agency: 'ALL' }, ctx()).effect).toBe('allow');
    expect(decide(user(DPA, ['analyst']), 'audit', { kind: 'audit', agency: 'ALL' }, ctx())).toEqual({ effect: 'deny', reason: 'role not permitted' });
    expect(decide(user(ZONE5, ['sysadmin', 'agency_admin']), 'audit', { kind: 'audit', agency: ZONE5 }, ctx()).effect).toBe('deny');
    expect(decide(user(ZONE5, ['auditor']), 'delete', { kind: 'audit', agency: ZONE5 }, ctx())).toEqual({ effect: 'deny', reason: 'not applicable' });
  });

  it('separates agency administration from platform administration', () => {
    expect(decide(user(ZONE5, ['agency_admin']), 'admin', { kind: 'agency', agency: ZONE5 }, ctx()).effect).toBe('allow');
    expect(decide(user(ZONE5, ['agency_admin']), 'admin', { kind: 'agency', agency: FEDPOL }, ctx()).effect).toBe('deny');
    expect(decide(user(ZONE5, ['sysadmin']), 'admin', { kind: 'agency', agency: ZONE5 }, ctx()).effect).toBe('deny');
    expect(decide(user(ZONE5, ['sysadmin']), 'admin', { kind: 'platform' }, ctx()).effect).toBe('allow');
    expect(decide(user(ZONE5, ['agency_admin']), 'admin', { kind: 'platform' }, ctx()).effect).toBe('deny');
    expect(decide(user(ZONE5, ['sysadmin']), 'read', { kind: 'platform' }, ctx()).effect).toBe('deny');
    expect(decide(user(FEDPOL, ['sysadmin', 'auditor', 'agency_admin']), 'admin', record(), ctx())).toEqual({ effect: 'deny', reason: 'not applicable' });
  });
});

describe('decide: judging a pair of records', () => {
  // a judgement joins or splits a subject for every user of every agency: a partner abroad that
  // may read two Belgian agencies' records does not decide who is whom among them
  const pair = (a: AgencyId, b: AgencyId) => ({ kind: 'pair', owners: [a, b] }) as const;

  it('lets an analyst judge a pair holding a record of their own agency, wherever the other comes from', () => {
    expect(decide(user(DGSI), 'judge', pair(DGSI, FEDPOL), ctx())).toEqual({ effect: 'allow', reason: 'own agency' });
    expect(decide(user(DGSI), 'judge', pair(ZONE5, DGSI), ctx())).toEqual({ effect: 'allow', reason: 'own agency' });
    expect(decide(user(FEDPOL), 'judge', pair(FEDPOL, DGSI), ctx())).toEqual({ effect: 'allow', reason: 'own agency' });
  });

  it('lets an analyst judge other agencies\' records only where both owners are of the analyst\'s own country', () => {
    expect(decide(user(FEDPOL), 'judge', pair(ZONE5, INTEL), ctx())).toEqual({ effect: 'allow', reason: 'same country' });
    expect(decide(user(DGSI), 'judge', pair(ZONE5, INTEL), ctx())).toEqual({ effect: 'deny', reason: 'other country' });
    expect(decide(user(DGSI), 'judge', pair(FEDPOL, FEDPOL), ctx())).toEqual({ effect: 'deny', reason: 'other country' });
    // a pair across countries belongs to neither country's analysts alone: its owners judge it
    expect(decide(user(ZONE5), 'judge', pair(FEDPOL, DGSI), ctx())).toEqual({ effect: 'deny', reason: 'other country' });
    // an owner the organisation does not list is of no known country
    expect(decide(user(FEDPOL), 'judge', pair(ZONE5, AgencyId('gone')), ctx())).toEqual({ effect: 'deny', reason: 'other country' });
  });

  it('lets only analysts judge, and judges no single record', () => {
    expect(decide(user(FEDPOL, ['officer']), 'judge', pair(FEDPOL, FEDPOL), ctx())).toEqual({ effect: 'deny', reason: 'role not permitted' });
    expect(decide(user(FEDPOL), 'read', pair(FEDPOL, FEDPOL), ctx())).toEqual({ effect: 'deny', reason: 'not applicable' });
    expect(decide(user(FEDPOL), 'judge', record(), ctx())).toEqual({ effect: 'deny', reason: 'not applicable' });
  });
});
