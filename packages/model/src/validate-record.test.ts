import { describe, expect, it } from 'vitest';
import { schemata } from './schema.ts';
import { formatFieldError, provenanceDefaultsErrors, validateRecord } from './validate-record.ts';

const provenance = {
  agency: 'fedpol', source: 'case-mgmt', reliability: 'B', credibility: 2,
  marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['BE'] },
  handling: 'H1', category: 'suspect', nature: 'fact', legalBasis: 'Police Act art. 44', reviewDate: '2029-01-01',
};

describe('validateRecord', () => {
  const registry = schemata();

  it('cleans a valid person and gives it an agency-scoped id', () => {
    const result = validateRecord(registry, {
      id: 'r1', schema: 'Person',
      properties: { name: ['  Jan   Peeters '], birthDate: ['1989-09'], nationality: ['BEL'], phone: ['0032 470 12 34 56'], passportNumber: ['ep-123 456'] },
      provenance,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.id).toBe('fedpol:r1');
    expect(result.record.properties).toEqual({
      name: ['Jan Peeters'], birthDate: ['1989-09'], nationality: ['be'], phone: ['+32470123456'], passportNumber: ['EP123456'],
    });
    expect(result.record.provenance.marking).toEqual({ tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] });
    expect(result.record.provenance.credibility).toBe(2);
  });

  it('keeps need-to-know groups in the marking, sorted and unique, and names a bad list', () => {
    const restricted = validateRecord(registry, { id: 'r3', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, marking: { ...provenance.marking, needToKnow: ['jit-2', ' jit-1', 'jit-2'] } } });
    expect(restricted.ok && restricted.record.provenance.marking.needToKnow).toEqual(['jit-1', 'jit-2']);
    const bad = validateRecord(registry, { id: 'r4', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, marking: { ...provenance.marking, needToKnow: 'jit-1' } } });
    expect(bad.ok ? [] : bad.errors).toEqual([{ field: 'provenance.marking.needToKnow', reason: 'must be a list of need-to-know group ids' }]);
  });

  it('refuses, given the deployment\'s groups, a need-to-know group that is not one of the record\'s agency (as stored, case and all)', () => {
    const groups = [{ id: 'jit-1', agency: 'fedpol' }, { id: 'intel-team', agency: 'intel' }];
    const marked = (needToKnow: string[]) => ({ id: 'r5', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, marking: { ...provenance.marking, needToKnow } } });
    expect(validateRecord(registry, marked([' jit-1']), { groups }).ok).toBe(true);
    const refused = validateRecord(registry, marked(['jit-1', 'intel-team', 'JIT-1', 'jit-typo']), { groups });
    expect(refused.ok ? [] : refused.errors).toEqual(['"intel-team"', '"JIT-1"', '"jit-typo"'].map((quoted) => ({
      field: 'provenance.marking.needToKnow', reason: `${quoted} is not a need-to-know group of fedpol`, reasonWithoutValue: 'is not a need-to-know group of fedpol',
    })));
    // an agency with no groups at all has none to name
    expect(validateRecord(registry, marked(['jit-1']), { groups: [] }).ok).toBe(false);
  });

  it('names the field and the reason for every problem', () => {
    const result = validateRecord(registry, {
      id: 'r2', schema: 'Person', properties: { birthDate: ['not-a-date'], colour: ['red'], nationality: ['Atlantis'] }, provenance,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => formatFieldError(e, 'line 2'))).toEqual([
      'line 2: birthDate: is not a date',
      'line 2: colour: is not a property of Person',
      'line 2: nationality: is not an ISO 3166 country',
    ]);
    // The reason for whoever sent the record quotes the value; the formatted line, for a log, never does.
    expect(result.errors.map((e) => e.reason)).toEqual(['"not-a-date" is not a date', 'is not a property of Person', '"Atlantis" is not an ISO 3166 country']);
  });

  it('refuses a field a record, its provenance or its marking does not have, naming the field meant', () => {
    const result = validateRecord(registry, {
      id: 'r7', schema: 'Person', sorceRecordId: 'x', properties: { name: ['Test Person'] },
      provenance: { ...provenance, legal_basis: 'Police Act art. 44', marking: { ...provenance.marking, need_to_know: ['jit-1'], colour: 'red' } },
    });
    expect(result.ok ? [] : result.errors.map((e) => formatFieldError(e, 'line 1'))).toEqual([
      'line 1: sorceRecordId: is not a field of a record (id, schema, properties, provenance)',
      'line 1: provenance.legal_basis: is not a field of provenance: did you mean legalBasis?',
      'line 1: provenance.marking.need_to_know: is not a field of a marking: did you mean needToKnow?',
      'line 1: provenance.marking.colour: is not a field of a marking (tlp, classification, releasability, needToKnow)',
    ]);
    // provenance given for a whole batch is held to the same fields
    expect(provenanceDefaultsErrors({ source: 'rms', marking: { NeedToKnow: ['jit-1'] }, sourceRecordId: 'x' }, '--defaults').map((e) => formatFieldError(e))).toEqual([
      '--defaults.sourceRecordId: is not a field of provenance (agency, source, reliability, credibility, marking, handling, category, nature, legalBasis, reviewDate)',
      '--defaults.marking.NeedToKnow: is not a field of a marking: did you mean needToKnow?',
    ]);
    expect(provenanceDefaultsErrors(provenance, '--defaults')).toEqual([]);
    // and to the values a provenance takes, for the fields given only
    expect(provenanceDefaultsErrors({ reliability: 'Q', credibility: 9, marking: { tlp: 'x' } }, '--defaults').map((e) => formatFieldError(e))).toEqual([
      '--defaults.reliability: is not one of A, B, C, D, E, F',
      '--defaults.credibility: is not one of 1, 2, 3, 4, 5, 6',
      '--defaults.marking.tlp: is not one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED',
    ]);
    expect(provenanceDefaultsErrors({ reliability: 'b', category: null }, '--defaults')).toEqual([]);
    expect(provenanceDefaultsErrors(['rms'], '--defaults')).toEqual([{ field: '--defaults', reason: 'must be an object' }]);
  });

  it('refuses control characters in the record id and in the provenance text, which a store may not keep', () => {
    const result = validateRecord(registry, {
      id: 'bad\u0000id', schema: 'Person', properties: { name: ['Test Person'] },
      provenance: { ...provenance, source: 'rms\u0007bell', legalBasis: 'Police Act\u001b[2J', sourceRecordId: 'src\u0000' },
    });
    expect(result.ok ? [] : result.errors.map((e) => formatFieldError(e, 'line 3'))).toEqual([
      'line 3: id: contains control characters',
      'line 3: provenance.source: contains control characters',
      'line 3: provenance.legalBasis: contains control characters',
      'line 3: provenance.sourceRecordId: contains control characters',
    ]);
    const tidy = validateRecord(registry, { id: 'RMS-0042', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, sourceRecordId: 'RMS-0042' } });
    expect(tidy.ok && tidy.record.id).toBe('fedpol:RMS-0042');
  });

  it('stores a record as agency:sourceRecordId, reading its id as a reference is read, and refuses an id naming another record', () => {
    const stored = (id: string, sourceRecordId?: string, agency = 'fedpol') => {
      const result = validateRecord(registry, { id, schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, agency, ...(sourceRecordId === undefined ? {} : { sourceRecordId }) } });
      return result.ok ? result.record.id : result.errors.map((e) => formatFieldError(e, 'line 4'));
    };
    // the agency's own id, or the id as stored: one record, never prefixed twice
    expect(stored('ABC-1')).toBe('fedpol:ABC-1');
    expect(stored('fedpol:ABC-1')).toBe('fedpol:ABC-1');
    expect(stored('fedpol:ABC-1', 'ABC-1')).toBe('fedpol:ABC-1');
    expect(stored('ABC-1', 'ABC-1')).toBe('fedpol:ABC-1');
    // a source id holding a colon is given in full, the agency first
    expect(stored('fedpol:urn:x', 'urn:x')).toBe('fedpol:urn:x');
    // an id and a sourceRecordId that disagree: other lines refer to the id, the store to the other
    const disagreeing = 'line 4: id: does not name the record this line is stored as (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree';
    expect(stored('fedpol:G7-1', 'FP-0-0000001')).toEqual([disagreeing]);
    expect(stored('r8', 'RMS-0042')).toEqual([disagreeing]);
    expect(stored('fedpol:ABC-1', 'fedpol:ABC-1')).toEqual([disagreeing]);
    expect(stored('urn:x', 'urn:x')).toEqual([disagreeing]);
    // an id prefixed with another agency names that agency's record, not one this line can write
    expect(stored('bka:P1')).toEqual(['line 4: id: names a record of another agency than provenance.agency (an id written agency:x names that agency\'s record x): one of this agency\'s own ids holding a colon is written with this agency first']);
    const refused = validateRecord(registry, { id: 'bka:P1', schema: 'Person', properties: { name: ['Test Person'] }, provenance });
    expect(!refused.ok && refused.errors[0]?.reason).toBe('"bka:P1" names a record of bka, not of this line\'s agency fedpol (an id written agency:x names that agency\'s record x): one of fedpol\'s own ids holding a colon is written fedpol:bka:P1');
    const mismatch = validateRecord(registry, { id: 'fedpol:G7-1', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, sourceRecordId: 'FP-0-0000001' } });
    expect(!mismatch.ok && mismatch.errors[0]?.reason).toBe('"fedpol:G7-1" names the record fedpol:G7-1, but this line is stored as fedpol:FP-0-0000001 (provenance.agency:provenance.sourceRecordId): other lines refer to it by its id, so the two must agree');
  });

  it('refuses a releasability entry that names no one, against the deployment\'s agencies where they are given', () => {
    const marked = (releasability: readonly string[], agencies?: readonly string[]) => {
      const result = validateRecord(registry, { id: 'r9', schema: 'Person', properties: { name: ['Test Person'] }, provenance: { ...provenance, marking: { ...provenance.marking, releasability } } }, agencies ? { agencies } : {});
      return result.ok ? result.record.provenance.marking.releasability : result.errors.map((e) => formatFieldError(e));
    };
    const nobody = 'provenance.marking.releasability: is not ALL, a two-letter ISO country code or an agency of this deployment';
    expect(marked(['ALL', 'BE', 'fedpol'])).toEqual(['ALL', 'be', 'fedpol']);
    expect(marked(['fedpoll', '??'])).toEqual([nobody]);
    expect(marked(['fedpoll', 'be', 'zone-north'], ['fedpol', 'zone-north'])).toEqual([nobody]);
    expect(marked(['fedpol', 'be', 'zone-north'], ['fedpol', 'zone-north'])).toEqual(['fedpol', 'be', 'zone-north']);
  });

  it('says what is wrong with a date that is written as one', () => {
    const result = validateRecord(registry, {
      id: 'r6', schema: 'Person', properties: { name: ['Test Person'], birthDate: ['9999-12-31', '1990-13', '29.02.1987'] }, provenance: { ...provenance, reviewDate: '2031-02-29' },
    });
    expect(result.ok ? [] : result.errors.map((e) => formatFieldError(e, 'line 4'))).toEqual([
      'line 4: provenance.reviewDate: is not a date: its month has no such day',
      'line 4: birthDate: is not a date in the years 1800 to 2200',
      'line 4: birthDate: is not a date: it has no such month',
      'line 4: birthDate: is not a date: its month has no such day',
    ]);
  });

  it('formats every refusal of a value without the value', () => {
    const secret = 'Zq Secret';
    const marking = { tlp: secret, classification: secret };
    const badProvenance = { ...provenance, agency: secret, reliability: secret, credibility: secret, handling: secret, category: secret, nature: secret, reviewDate: secret, marking };
    const record = validateRecord(registry, { id: secret, schema: secret, properties: {}, provenance: badProvenance });
    const person = validateRecord(registry, {
      id: 'r5', schema: 'Person', provenance,
      properties: { birthDate: [secret], nationality: [secret], phone: [secret], email: [secret], gender: [secret], height: [secret], passportNumber: [`${secret}!`], alias: [{ secret }] },
    });
    const errors = [...(record.ok ? [] : record.errors), ...(person.ok ? [] : person.errors)];
    expect(errors).toHaveLength(19);
    for (const error of errors) {
      expect(error.reason).toContain('Zq');
      expect(formatFieldError(error)).not.toContain('Zq');
    }
  });

  it('requires the provenance that makes a record lawful', () => {
    const result = validateRecord(registry, { id: 'r3', schema: 'Person', properties: { name: ['A B'] }, provenance: { agency: 'fedpol' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.errors.map((e) => e.field);
    for (const f of ['provenance.source', 'provenance.reliability', 'provenance.credibility', 'provenance.handling', 'provenance.category', 'provenance.legalBasis', 'provenance.marking.tlp', 'provenance.reviewDate']) {
      expect(fields).toContain(f);
    }
  });

  it('takes batch defaults and a review date from retention rules', () => {
    const { reviewDate: _omit, ...rest } = provenance;
    const result = validateRecord(registry, { id: 'r4', schema: 'Person', properties: { name: ['A B'] } }, {
      defaults: rest as never,
      reviewDateFor: (category) => (category === 'suspect' ? '2030-06-30' : '2027-01-01'),
    });
    expect(result.ok && result.record.provenance.reviewDate).toBe('2030-06-30');
    // a category that is none is said once: the review date its rule would give is not said missing
    const uncategorised = validateRecord(registry, { id: 'r5', schema: 'Person', properties: { name: ['A B'] }, provenance: { ...rest, category: 'villain' } }, { reviewDateFor: () => '2030-06-30' });
    expect(!uncategorised.ok && uncategorised.errors.map((e) => e.field)).toEqual(['provenance.category']);
  });

  it('scopes relationship endpoints to the contributing agency and requires both', () => {
    const ok = validateRecord(registry, { id: 'f1', schema: 'Family', properties: { person: ['r1'], relative: ['r2'], relationship: ['Brother'] }, provenance });
    expect(ok.ok && ok.record.properties).toEqual({ person: ['fedpol:r1'], relative: ['fedpol:r2'], relationship: ['brother'] });
    const missing = validateRecord(registry, { id: 'f2', schema: 'Family', properties: { person: ['r1'] }, provenance });
    expect(!missing.ok && missing.errors).toEqual([{ field: 'relative', reason: 'is required: it is an endpoint of Family' }]);
  });

  it('refuses a record left with no value, an empty string or cell being none, and says so once', () => {
    for (const properties of [{}, { name: [''] }, { name: '', birthDate: [null] }, { name: [] }]) {
      const empty = validateRecord(registry, { id: 'e1', schema: 'Person', properties, provenance });
      expect(!empty.ok && empty.errors, JSON.stringify(properties)).toEqual([{ field: 'properties', reason: 'holds no value (an empty string or an empty CSV cell is no value)' }]);
    }
    // a value refused is the reason given, not the emptiness it leaves
    const refused = validateRecord(registry, { id: 'e2', schema: 'Person', properties: { birthDate: ['not a date'] }, provenance });
    expect(!refused.ok && refused.errors.map((e) => e.field)).toEqual(['birthDate']);
    // one value is enough
    expect(validateRecord(registry, { id: 'e3', schema: 'Person', properties: { name: ['', 'Noor Vandamme'] }, provenance }).ok).toBe(true);
  });

  it('refuses abstract schemata, control characters and absurd value counts', () => {
    const abstract = validateRecord(registry, { id: 'x', schema: 'Thing', properties: {}, provenance });
    expect(!abstract.ok && abstract.errors[0]?.reason).toBe('Thing is abstract');
    const control = validateRecord(registry, { id: 'x', schema: 'Person', properties: { name: ['A\u0007B'] }, provenance });
    expect(!control.ok && control.errors[0]?.field).toBe('name');
    const many = validateRecord(registry, { id: 'x', schema: 'Person', properties: { alias: Array.from({ length: 101 }, (_, i) => `N${i}`) }, provenance });
    expect(!many.ok && many.errors[0]?.reason).toBe('has more than 100 values');
  });

  it('rejects what is not a record', () => {
    expect(validateRecord(registry, [1, 2])).toEqual({ ok: false, errors: [{ field: 'record', reason: 'must be a JSON object' }] });
  });
});
