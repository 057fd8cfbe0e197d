/** decisionKey holds all a decision reads of a record: records of one key are decided alike, whatever else they say. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AgencyId, CREDIBILITY, NATURE, RELIABILITY, RecordId, type Provenance } from '@mosaic/model';
import { decide } from './decide.ts';
import { ACTIONS } from './decision.ts';
import { decisionKey } from './decision-key.ts';
import { arbPolicyScenario } from './testing.ts';

describe('decisionKey', () => {
  it('gives one decision to records of one key, however their id and the rest of their provenance differ', () => {
    const other = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      source: fc.string({ maxLength: 8 }),
      sourceRecordId: fc.string({ maxLength: 8 }),
      reliability: fc.constantFrom(...RELIABILITY),
      credibility: fc.constantFrom(...CREDIBILITY),
      nature: fc.constantFrom(...NATURE),
      legalBasis: fc.string({ maxLength: 8 }),
      reviewDate: fc.constantFrom('2020-01-01', '2031-12-31'),
    });
    fc.assert(
      fc.property(arbPolicyScenario(), other, (s, { id, ...rest }) => {
        for (const record of s.records) {
          const twin = { ...record.provenance, ...rest };
          expect(decisionKey(twin)).toBe(decisionKey(record.provenance));
          for (const action of ACTIONS) {
            expect(decide(s.user, action, { kind: 'record', id: RecordId(`${record.provenance.agency}:${id}`), provenance: twin }, s.context)).toEqual(decide(s.user, action, { kind: 'record', id: record.id, provenance: record.provenance }, s.context));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart what a decision reads: the owner, each marking, handling and category', () => {
    const base: Provenance = { agency: AgencyId('fedpol'), source: 's', sourceRecordId: 'r', reliability: 'B', credibility: 2, nature: 'fact', legalBasis: 'l', reviewDate: '2030-01-01', marking: { tlp: 'GREEN', classification: 'RESTRICTED', releasability: ['be'] }, handling: 'H1', category: 'suspect' };
    const variants: Provenance[] = [
      { ...base, agency: AgencyId('intel') },
      { ...base, marking: { ...base.marking, tlp: 'AMBER' } },
      { ...base, marking: { ...base.marking, classification: 'SECRET' } },
      { ...base, marking: { ...base.marking, releasability: ['ALL'] } },
      { ...base, marking: { ...base.marking, needToKnow: ['g0'] } },
      { ...base, handling: 'H2' },
      { ...base, category: 'victim' },
    ];
    expect(new Set([base, ...variants].map(decisionKey)).size).toBe(variants.length + 1);
    expect(decisionKey({ ...base, marking: { ...base.marking, needToKnow: [] } })).toBe(decisionKey(base));
  });
});
