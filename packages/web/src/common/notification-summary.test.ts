import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationContact, notificationDetails, notificationRecord, notificationSummary } from './notification-summary.ts';

// the reader's zone, as a browser in Brussels has it: the times said are in it, named
const zone = process.env['TZ'];
beforeAll(() => { process.env['TZ'] = 'Europe/Brussels'; });
afterAll(() => { if (zone === undefined) delete process.env['TZ']; else process.env['TZ'] = zone; });

describe('notificationSummary', () => {
  it('says an encounter\'s check time and the officer\'s report time in the reader\'s zone, the zone named: one encounter, one time', () => {
    // the officer in Brussels sent the report with its default time, written with its offset; the check's time is UTC
    const body = { check: 'c1', subjectName: 'Karim Rachidi', category: 'arrest', time: '2026-12-07T16:56:54Z', place: 'Zaventem T1', agency: 'border', decision: 'confirm', report: { time: '2026-12-07T17:56:00+01:00' } };
    expect(notificationSummary({ kind: 'alert.hit.confirmed', body }))
      .toBe('border confirmed an encounter with Karim Rachidi, the subject of your alert (arrest), at a check at Zaventem T1 on 2026-12-07 17:56:54 CET. The officer\'s report — time: 2026-12-07 17:56:00 CET.');
  });

  it('tells an encounter at a check by the checking agency and its desk', () => {
    const body = { check: 'c1', record: 'intel:I-1', records: ['intel:I-1'], names: ['Jean David'], time: '2025-03-01T10:20:00Z', place: 'Basel', requester: 'border', desk: 'border:duty' };
    expect(notificationSummary({ kind: 'deconfliction.encounter', body })).toBe('border (desk border:duty) encountered your record Jean David (intel:I-1) at a check at Basel on 2025-03-01 11:20:00 CET.');
  });

  it('names the agency and its desk by their names, once read, and one it has no name for by its id', () => {
    const body = { record: 'intel:I-1', records: ['intel:I-1'], names: ['Jean David'], requester: 'border', desk: 'border:duty' };
    const names = { agencies: new Map([['border', 'Border Police']]), desks: new Map([['border:duty', 'Duty desk']]) };
    expect(notificationSummary({ kind: 'deconfliction.encounter', body }, names)).toBe('Border Police (desk Duty desk) encountered your record Jean David (intel:I-1) at a check.');
    const called = { records: ['intel:I-1'], agency: 'customs', desk: 'border:duty' };
    expect(notificationSummary({ kind: 'pointer.called', body: called }, names)).toMatch(/^customs \(desk Duty desk\) called your desk/);
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
    expect(notificationSummary({ kind: 'pointer.called', body })).toBe('border (desk border:duty) called your desk about a likely match on your record intel:I-1 and 2 more of your records at Basel on 2025-03-01 11:20:00 CET: “desk says hold him”');
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

describe('notificationSummary of what a watch turned up', () => {
  const watch = { subscription: 'a3a8d311-0000', label: 'Roadblock list', subscriptions: ['a3a8d311-0000'], labels: ['Roadblock list'], agency: 'fedpol' };
  const alert = { ...watch, reason: 'alert', record: 'fedpol:alert-4da42c34', version: 1, schema: 'Alert', caption: 'discreet_check', category: 'discreet_check', status: 'active', subject: 'fedpol:p-1', subjectName: 'Jonas Verbeke' };
  const noIds = (summary: string): void => {
    for (const id of ['a3a8d311', 'fedpol:', 'subscription:', 'record:', 'discreet_check']) expect(summary).not.toContain(id);
  };

  it('says an alert issued, changed or withdrawn on the subject by name, its category in words and the watch', () => {
    const issued = notificationSummary({ kind: 'watch.alert', body: alert });
    expect(issued).toBe('An alert was issued on Jonas Verbeke: discreet check (your watch “Roadblock list”).');
    noIds(issued);
    expect(notificationSummary({ kind: 'watch.alert', body: { ...alert, version: 2, category: 'arrest', caption: 'arrest' } })).toBe('The alert on Jonas Verbeke was changed: arrest (your watch “Roadblock list”).');
    expect(notificationSummary({ kind: 'watch.alert-withdrawn', body: { ...alert, version: 3, status: 'withdrawn' } })).toBe('The alert on Jonas Verbeke was withdrawn: discreet check (your watch “Roadblock list”).');
  });

  it('names both ends of a link where the reader may read both, and the subject alone where the other end was left out', () => {
    const link = { ...watch, reason: 'link', record: 'fedpol:l-1', version: 1, schema: 'Associate', caption: 'Associate', subject: 'fedpol:p-1', subjectName: 'Jonas Verbeke' };
    const both = notificationSummary({ kind: 'watch.link', body: { ...link, other: 'fedpol:p-2', otherName: 'Anna Peeters' } });
    expect(both).toBe('Jonas Verbeke was linked to Anna Peeters (associate) (your watch “Roadblock list”).');
    noIds(both);
    // the notification view leaves out an other end the reader may not read: nothing of it is said
    const alone = notificationSummary({ kind: 'watch.link', body: link });
    expect(alone).toBe('A new link to Jonas Verbeke (associate) (your watch “Roadblock list”).');
    expect(alone).not.toContain('Anna');
  });

  it('says a sighting, an event, a record added or updated, a saved search, an area and silence in words', () => {
    const on = { ...watch, subject: 'fedpol:p-1', subjectName: 'Jonas Verbeke' };
    expect(notificationSummary({ kind: 'watch.sighting', body: { ...on, record: 'fedpol:s-1', version: 1, schema: 'Sighting', caption: 'Sighting / check' } })).toBe('Jonas Verbeke was sighted (your watch “Roadblock list”).');
    expect(notificationSummary({ kind: 'watch.event', body: { ...on, record: 'fedpol:e-1', version: 1, schema: 'Arrest', caption: 'Arrest' } })).toBe('A new event concerns Jonas Verbeke: Arrest (your watch “Roadblock list”).');
    expect(notificationSummary({ kind: 'watch.record', body: { ...on, record: 'fedpol:p-1', version: 2, schema: 'Person', caption: 'Jonas Verbeke' } })).toBe('A record of Jonas Verbeke was updated (your watch “Roadblock list”).');
    expect(notificationSummary({ kind: 'watch.record', body: { ...on, record: 'fedpol:p-9', version: 1, schema: 'Passport', caption: 'Passport' } })).toBe('A new record of Jonas Verbeke was added: Passport (your watch “Roadblock list”).');
    expect(notificationSummary({ kind: 'watch.search', body: { ...watch, label: 'Verbeke', labels: ['Verbeke', 'Harbour'], record: 'fedpol:p-3', version: 1, schema: 'Person', caption: 'Jonas Verbeke' } })).toBe('Jonas Verbeke matches your saved search (your watch “Verbeke” and 1 more of your watches).');
    expect(notificationSummary({ kind: 'watch.area', body: { ...watch, label: 'Port', labels: ['Port'], record: 'fedpol:a-1', version: 1, schema: 'Address', caption: 'Quai 4' } })).toBe('New information in your watched area: Quai 4 (your watch “Port”).');
    expect(notificationSummary({ kind: 'watch.lost-track', body: { subscription: 'a3a8d311-0000', label: 'Roadblock list', record: 'fedpol:p-1', silentDays: 31, lastSeenAt: '2026-01-01', lostTrackDays: 30 } })).toBe('No sighting of the subject for 31 days (your watch “Roadblock list”).');
  });

  it('falls back to words without a name: a subject erased since, a notice told before names were, a category it does not know', () => {
    const { subjectName: _n, ...erased } = alert;
    expect(notificationSummary({ kind: 'watch.alert', body: { ...erased, erased: ['fedpol:p-1'] } })).toBe('An alert was issued on a watched subject: discreet check (your watch “Roadblock list”).');
    const { subject: _s, subjectName: _sn, category: _c, ...older } = alert;
    const summary = notificationSummary({ kind: 'watch.alert', body: older });
    expect(summary).toBe('An alert was issued on a watched subject: discreet check (your watch “Roadblock list”).');
    noIds(summary);
    expect(notificationSummary({ kind: 'watch.alert', body: { ...alert, category: 'border_watch', label: undefined, labels: [] } })).toBe('An alert was issued on Jonas Verbeke: border watch.');
  });

  it('opens the subject of a watch notice, not the alert or link record; other notices open their record', () => {
    expect(notificationRecord(alert)).toBe('fedpol:p-1');
    const { subject: _s, ...older } = alert;
    expect(notificationRecord(older)).toBe('fedpol:alert-4da42c34');
    // a hit's subject is opened by its own link, after the record
    expect(notificationRecord({ check: 'c1', alert: 'fedpol:a', subject: 'fedpol:p-1', record: 'fedpol:x' })).toBe('fedpol:x');
  });

  it('tells a hit on an alert, its confirmation with the report, and its rejection in words: who, on whom, what the alert asked, where and when', () => {
    const names = { agencies: new Map([['border', 'Border Police']]), desks: new Map([['border:airport', 'Airport']]) };
    const common = { check: '01a25116-0000-4000-8000-000000000000', hit: 'he1020304050a', alert: 'fedpol:FP-00000-A000001', subject: 'fedpol:FP-00000-0000109', subjectName: 'Karim Rachidi', category: 'arrest', action: 'ARREST', time: '2026-12-07T15:19:27.252Z', place: 'Zaventem T1', agency: 'border', desk: 'border:airport' };
    expect(notificationSummary({ kind: 'alert.hit', body: { ...common, band: 'hit' } }, names))
      .toBe('Border Police (desk Airport) had a match on your alert (arrest) on Karim Rachidi at a check at Zaventem T1 on 2026-12-07 16:19:27 CET; the officer is to confirm or reject it.');
    expect(notificationSummary({ kind: 'alert.hit', body: { ...common, band: 'possible' } }, names)).toMatch(/^Border Police \(desk Airport\) had a possible match on your alert \(arrest\) on Karim Rachidi /);
    const report = { place: 'N4 roadblock, km 12', time: '2026-12-07T16:05:00+01:00', route: 'to Lille', vehicle: 'grey Audi A4', notes: 'nervous' };
    expect(notificationSummary({ kind: 'alert.hit.confirmed', body: { ...common, category: 'discreet_check', action: 'REPORT_COVERTLY', decision: 'confirm', sighting: 'border:sighting-1', report } }, names))
      .toBe('Border Police (desk Airport) confirmed an encounter with Karim Rachidi, the subject of your alert (discreet check), at a check at Zaventem T1 on 2026-12-07 16:19:27 CET. The officer\'s report — place: N4 roadblock, km 12; time: 2026-12-07 16:05:00 CET; route and destination: to Lille; vehicle: grey Audi A4; notes: nervous.');
    expect(notificationSummary({ kind: 'alert.hit.confirmed', body: { ...common, decision: 'confirm' } }, names))
      .toBe('Border Police (desk Airport) confirmed an encounter with Karim Rachidi, the subject of your alert (arrest), at a check at Zaventem T1 on 2026-12-07 16:19:27 CET.');
    expect(notificationSummary({ kind: 'alert.hit.rejected', body: { ...common, decision: 'reject' } }, names))
      .toBe('Border Police (desk Airport) rejected a match on your alert (arrest) on Karim Rachidi at a check at Zaventem T1 on 2026-12-07 16:19:27 CET: not the person checked.');
    // no id in any sentence: they are under "Details"
    for (const kind of ['alert.hit', 'alert.hit.confirmed', 'alert.hit.rejected']) {
      expect(notificationSummary({ kind, body: { ...common, band: 'hit', decision: 'confirm' } }, names)).not.toMatch(/fedpol:|01a25116|he1020304050a|border:/);
    }
  });

  it('says a hit\'s notice without a name where it has none (a subject erased since, a notice told before names were)', () => {
    const { subjectName: _name, ...body } = { subject: 'fedpol:P-1', subjectName: 'x', category: 'arrest', agency: 'border', desk: 'border:airport', decision: 'confirm' };
    expect(notificationSummary({ kind: 'alert.hit.confirmed', body })).toBe('border (desk border:airport) confirmed an encounter with the subject of your alert (arrest), at a check.');
    expect(notificationSummary({ kind: 'alert.hit.rejected', body })).toBe('border (desk border:airport) rejected a match on your alert (arrest) at a check: not the person checked.');
  });

  it('keeps the ids for the details, out of the sentence', () => {
    expect(notificationDetails(alert)).toContain('subscription: a3a8d311-0000');
  });
});
