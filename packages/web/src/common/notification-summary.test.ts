import { describe, expect, it } from 'vitest';
import { notificationRecord, notificationSummary } from './notification-summary.ts';

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
