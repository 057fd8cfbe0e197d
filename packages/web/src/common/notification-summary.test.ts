import { describe, expect, it } from 'vitest';
import { notificationContact, notificationRecord, notificationSummary } from './notification-summary.ts';

describe('notificationSummary', () => {
  it('tells an encounter at a check by the checking agency and its desk', () => {
    const body = { check: 'c1', record: 'intel:I-1', records: ['intel:I-1'], names: ['Jean David'], time: '2025-03-01T10:20:00Z', place: 'Basel', requester: 'border', desk: 'border:duty' };
    expect(notificationSummary({ kind: 'deconfliction.encounter', body })).toBe('border (desk border:duty) encountered your record Jean David (intel:I-1) at a check at Basel on 2025-03-01 10:20.');
  });

  it('tells an encounter in a consultation by the consulting agency, not as a check', () => {
    const body = { records: ['intel:I-1', 'intel:I-2'], requester: { user: 'fedpol.analyst1', agency: 'fedpol', desk: 'fedpol:duty' } };
    const summary = notificationSummary({ kind: 'deconfliction.encounter', body });
    expect(summary).toBe('fedpol (desk fedpol:duty) met your record intel:I-1 and 1 more of your records in a consultation (a search or a record opened), not at a check.');
    expect(summary).not.toContain('another agency');
  });

  it('tells a consultation notice by the consulting agency', () => {
    const body = { records: ['intel:I-1'], requester: { user: 'fedpol.analyst1', agency: 'fedpol', desk: null } };
    expect(notificationSummary({ kind: 'deconfliction.consult', body })).toBe('fedpol consulted your record intel:I-1.');
  });

  it('names the records behind a pointer whose desk was called, the first and how many more', () => {
    const body = { check: 'c1', records: ['intel:I-1', 'intel:I-2', 'intel:I-3'], time: '2025-03-01T10:20:00Z', place: 'Basel', agency: 'border', desk: 'border:duty', report: { notes: 'desk says hold him' } };
    expect(notificationSummary({ kind: 'pointer.called', body })).toBe('border (desk border:duty) called your desk about a likely match on your record intel:I-1 and 2 more of your records at Basel on 2025-03-01 10:20: “desk says hold him”');
  });
});

describe('notificationRecord', () => {
  it('opens a notice\'s record, else the first of the records it lists', () => {
    expect(notificationRecord({ record: 'intel:I-1', records: ['intel:I-1', 'intel:I-2'] })).toBe('intel:I-1');
    expect(notificationRecord({ check: 'c1', records: ['intel:I-2', 'intel:I-3'], agency: 'border' })).toBe('intel:I-2');
    expect(notificationRecord({ subject: 'intel:I-4' })).toBeUndefined();
  });
});

describe('notificationSummary of a watch pointer', () => {
  const pointer = { agency: 'intel', agencyName: 'State Security Intelligence Service', desk: { id: 'intel:duty', name: 'Intel duty desk', contact: '+41 31 000 00 00' } };

  it('names the agency, the watch and the desk to contact, not the raw fields', () => {
    const body = { subscription: '8d38', label: 'zq', reason: 'record', subscriptions: ['8d38'], labels: ['zq'], pointer };
    const summary = notificationSummary({ kind: 'watch.pointer', body });
    expect(summary).toBe('State Security Intelligence Service holds new information that concerns your watch “zq” — contact Intel duty desk (+41 31 000 00 00).');
    expect(summary).not.toContain('[object Object]');
  });

  it('says how many more watches it concerns, and to contact the agency when it named no desk', () => {
    const body = { subscription: '8d38', labels: ['zq', 'harbour'], pointer: { ...pointer, desk: null } };
    expect(notificationSummary({ kind: 'watch.pointer', body })).toBe('State Security Intelligence Service holds new information that concerns your watch “zq” (and 1 more of your watches) — contact the agency.');
  });
});

describe('notificationContact', () => {
  it('gives the telephone of the desk a watch pointer names, and nothing without a desk', () => {
    expect(notificationContact({ pointer: { agency: 'intel', agencyName: 'Intel', desk: { id: 'intel:duty', name: 'Duty', contact: '+41 31 000 00 00' } } })).toBe('+41 31 000 00 00');
    expect(notificationContact({ pointer: { agency: 'intel', agencyName: 'Intel', desk: null } })).toBeUndefined();
    expect(notificationContact({ record: 'intel:I-1' })).toBeUndefined();
  });
});
