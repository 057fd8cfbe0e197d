/**
 * Properties of the decision point over generated scenarios (testing.ts): what may never be
 * allowed, where pointers may come from, determinism, and that filterVisible's output carries
 * nothing of a record the user may not see.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLASSIFICATION, rankOf, type Provenance } from '@mosaic/model';
import { decide } from './decide.ts';
import { deconfliction, filterVisible } from './filter-visible.ts';
import type { Action, Decision, PolicyContext, RecordResource } from './decision.ts';
import { GroupId, type Organisation, type PolicyUser, type Role } from './organisation.ts';
import type { SharingAgreement } from './sharing-agreement.ts';
import { arbPolicyScenario, TEST_GROUPS, type TestRecord } from './testing.ts';

const READS = ['read', 'search', 'screen', 'export'] as const;
const RUNS = { numRuns: 300 };

/** Who may attempt what, restated from the brief rather than imported. */
const MAY: Readonly<Record<(typeof READS)[number], readonly Role[]>> = {
  read: ['analyst', 'officer'],
  search: ['analyst', 'officer'],
  screen: ['analyst', 'officer', 'checkpoint_officer'],
  export: ['analyst'],
};

function resource(r: TestRecord): RecordResource {
  return { kind: 'record', provenance: r.provenance };
}

function covers(a: SharingAgreement, p: Provenance): boolean {
  const c = a.conditions;
  return c.tlp.includes(p.marking.tlp) && rankOf(CLASSIFICATION, p.marking.classification) <= rankOf(CLASSIFICATION, c.maxClassification) && c.handling.includes(p.handling) && c.categories.includes(p.category);
}

/** Agreements from the record's owner to the user's agency (named) or to ALL that cover the record. */
function applicable(agreements: readonly SharingAgreement[], user: PolicyUser, p: Provenance) {
  const all = agreements.filter((a) => a.owner === p.agency && covers(a, p));
  return { named: all.filter((a) => a.recipient === user.agency), broadcast: all.filter((a) => a.recipient === 'ALL') };
}

function releasable(p: Provenance, user: PolicyUser, org: Organisation): boolean {
  const country = org.agencies.find((a) => a.id === user.agency)?.country;
  return p.marking.releasability.some((x) => x === 'ALL' || x === user.agency || x === country);
}

/** Whether the user is in one of the record's need-to-know groups that belongs to the record's agency (the only kind that admits). */
function inOwnersGroup(r: TestRecord, user: PolicyUser, org: Organisation): boolean {
  return (r.provenance.marking.needToKnow ?? []).map(GroupId).some((g) => user.groups.includes(g) && org.groups.some((group) => group.id === g && group.agency === r.provenance.agency));
}

function forEachDecision(s: { user: PolicyUser; records: readonly TestRecord[]; context: PolicyContext }, check: (r: TestRecord, action: (typeof READS)[number], d: Decision) => void): void {
  for (const r of s.records) for (const action of READS) check(r, action, decide(s.user, action, resource(r), s.context));
}

describe('decide (properties)', () => {
  it('never allows a role, purpose or clearance the rules forbid', () => {
    fc.assert(
      fc.property(arbPolicyScenario(), (s) => {
        forEachDecision(s, (r, action, d) => {
          if (d.effect === 'deny') return;
          expect(s.user.roles.some((role) => MAY[action].includes(role))).toBe(true);
          expect(s.context.purpose?.trim()).toBeTruthy();
          if (d.effect === 'allow') expect(rankOf(CLASSIFICATION, s.user.clearance)).toBeGreaterThanOrEqual(rankOf(CLASSIFICATION, r.provenance.marking.classification));
        });
      }),
      RUNS,
    );
  });

  it('never allows another agency content that its agreements, TLP or marking forbid', () => {
    fc.assert(
      fc.property(arbPolicyScenario(), (s) => {
        forEachDecision(s, (r, action, d) => {
          const p = r.provenance;
          if (d.effect !== 'allow' || p.agency === s.user.agency) return;
          const tlp = p.marking.tlp;
          const inGroup = inOwnersGroup(r, s.user, s.org);
          if (tlp === 'RED') {
            // Named recipients only: the need-to-know groups on the record, and no onward sharing.
            expect(inGroup).toBe(true);
            expect(action).not.toBe('export');
            return;
          }
          expect(releasable(p, s.user, s.org)).toBe(true);
          const { named, broadcast } = applicable(s.agreements, s.user, p);
          const deciding = named.length > 0 ? named : broadcast;
          if (deciding.length > 0) expect(deciding.every((a) => a.effect === 'full')).toBe(true);
          else expect(tlp === 'CLEAR' || tlp === 'GREEN').toBe(true);
          if (tlp === 'GREEN' && deciding.length === 0) {
            // the owner set no terms for this recipient, and the recipient shares something with the owner
            expect(s.agreements.some((a) => a.owner === p.agency && [s.user.agency, 'ALL'].includes(a.recipient))).toBe(false);
            expect(s.agreements.some((a) => a.effect !== 'none' && a.owner === s.user.agency && [p.agency, 'ALL'].includes(a.recipient))).toBe(true);
          }
          if (tlp === 'AMBER+STRICT') {
            expect(named.length).toBeGreaterThan(0);
            expect(action).not.toBe('export');
          }
          if ((tlp === 'AMBER' || tlp === 'AMBER+STRICT') && (r.provenance.marking.needToKnow ?? []).length > 0) expect(inGroup).toBe(true);
          if (action === 'export') expect(['H0', 'H1']).toContain(p.handling);
        });
      }),
      RUNS,
    );
  });

  it('gives nothing of a need-to-know record to a user outside its groups of its own agency, owner agency included', () => {
    let restricted = 0;
    let elsewhere = 0;
    fc.assert(
      fc.property(arbPolicyScenario(), (s) => {
        forEachDecision(s, (r, _action, d) => {
          const groups = r.provenance.marking.needToKnow ?? [];
          if (groups.length === 0) return;
          restricted += 1;
          if (inOwnersGroup(r, s.user, s.org)) return;
          // a member of a group named on the record, but of another agency's group
          if (groups.map(GroupId).some((g) => s.user.groups.includes(g))) elsewhere += 1;
          expect(d.effect).toBe('deny');
        });
      }),
      RUNS,
    );
    expect(restricted).toBeGreaterThan(100);
    expect(elsewhere).toBeGreaterThan(10);
  });

  it('gives pointers only to other agencies, only where an agreement says pointer, and with no content', () => {
    fc.assert(
      fc.property(arbPolicyScenario(), (s) => {
        forEachDecision(s, (r, _action, d) => {
          if (d.effect !== 'pointer') return;
          expect(r.provenance.agency).not.toBe(s.user.agency);
          const { named, broadcast } = applicable(s.agreements, s.user, r.provenance);
          expect([...named, ...broadcast].some((a) => a.effect === 'pointer')).toBe(true);
          expect(d.pointer.agency).toBe(r.provenance.agency);
          expect(Object.keys(d.pointer).sort()).toEqual(['agency', 'agencyName', 'desk', 'message']);
          const text = JSON.stringify(d);
          expect(text).not.toContain(r.properties['name']![0]!);
          expect(text).not.toContain(`"${r.id}"`);
        });
      }),
      RUNS,
    );
  });

  it('is deterministic and independent of the order of agreements', () => {
    fc.assert(
      fc.property(
        arbPolicyScenario().chain((s) => fc.shuffledSubarray([...s.agreements], { minLength: s.agreements.length, maxLength: s.agreements.length }).map((shuffled) => ({ s, shuffled }))),
        ({ s, shuffled }) => {
          const copy = structuredClone(s);
          const reordered = { ...s.context, agreements: shuffled };
          for (const r of s.records) {
            for (const action of [...READS, 'write', 'delete'] as Action[]) {
              const d = decide(s.user, action, resource(r), s.context);
              expect(decide(copy.user, action, resource(r), copy.context)).toEqual(d);
              expect(decide(s.user, action, resource(r), reordered)).toEqual(d);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('never takes an allow away when clearance or group membership grows', () => {
    fc.assert(
      fc.property(arbPolicyScenario(), (s) => {
        const stronger: PolicyUser = { ...s.user, clearance: 'TOP_SECRET', groups: TEST_GROUPS };
        forEachDecision(s, (r, action, d) => {
          if (d.effect === 'allow') expect(decide(stronger, action, resource(r), s.context).effect).toBe('allow');
        });
      }),
      RUNS,
    );
  });
});

describe('filterVisible and deconfliction (properties)', () => {
  it('outputs exactly the allowed records, and nothing of any other record', () => {
    fc.assert(
      fc.property(arbPolicyScenario({ maxRecords: 16 }), fc.constantFrom('read', 'search', 'screen'), (s, action) => {
        const out = filterVisible(s.user, s.records, s.context, { action });
        const allowed = s.records.filter((r) => decide(s.user, action, resource(r), s.context).effect === 'allow');
        expect(out.visible).toEqual(allowed);
        const text = JSON.stringify(out);
        for (const r of s.records) {
          if (allowed.includes(r)) continue;
          expect(text).not.toContain(r.properties['name']![0]!);
          expect(text).not.toContain(`"${r.id}"`);
        }
        const pointerOwners = new Set(s.records.filter((r) => decide(s.user, action, resource(r), s.context).effect === 'pointer').map((r) => r.provenance.agency));
        expect(out.pointers.map((p) => p.agency)).toEqual([...pointerOwners].sort());
      }),
      RUNS,
    );
  });

  it('does not depend on the order of records', () => {
    fc.assert(
      fc.property(
        arbPolicyScenario().chain((s) => fc.shuffledSubarray([...s.records], { minLength: s.records.length, maxLength: s.records.length }).map((shuffled) => ({ s, shuffled }))),
        ({ s, shuffled }) => {
          const a = filterVisible(s.user, s.records, s.context);
          const b = filterVisible(s.user, shuffled, s.context);
          expect(new Set(b.visible)).toEqual(new Set(a.visible));
          expect(b.pointers).toEqual(a.pointers);
          expect(deconfliction(s.user, shuffled, s.context)).toEqual(deconfliction(s.user, s.records, s.context));
        },
      ),
      RUNS,
    );
  });

  it('notifies only owners of records the user was given, about their own records only', () => {
    fc.assert(
      fc.property(arbPolicyScenario(), fc.constantFrom('read', 'search', 'screen'), (s, action) => {
        for (const notice of deconfliction(s.user, s.records, s.context, { action })) {
          expect(notice.owner).not.toBe(s.user.agency);
          expect(notice.kind).toBe(action === 'screen' ? 'encounter' : notice.kind);
          for (const id of notice.records) {
            const r = s.records.find((x) => x.id === id)!;
            expect(r.provenance.agency).toBe(notice.owner);
            expect(decide(s.user, action, resource(r), s.context).effect).not.toBe('deny');
          }
        }
      }),
      RUNS,
    );
  });
});
