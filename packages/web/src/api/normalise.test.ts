import { describe, expect, it } from 'vitest';
import { entityProfileOf, historyOf, ingestJobOf, ingestUploadsOf, reviewQueueOf, timelineOf } from './normalise.ts';

describe('entityProfileOf', () => {
  it('keeps the parts of an id split since, the answer holding nothing else', () => {
    const profile = entityProfileOf({ split: ['e41', 'e42'] });
    expect(profile.split).toEqual(['e41', 'e42']);
    expect(profile.records).toEqual([]);
    expect(profile.redirectedFrom).toBeUndefined();
  });

  it('keeps the id asked for when a merge absorbed it into the entity answered', () => {
    const profile = entityProfileOf({ entity: { id: 'e7', redirectedFrom: 'e5', schema: 'Person', caption: 'Heikki Aho', properties: {}, records: [], pointers: [], alerts: [] } });
    expect(profile).toMatchObject({ id: 'e7', redirectedFrom: 'e5', caption: 'Heikki Aho' });
    expect(profile.split).toBeUndefined();
  });

  it('names no redirect for an entity read by its own id', () => {
    expect('redirectedFrom' in entityProfileOf({ entity: { id: 'e7', schema: 'Person', caption: 'Heikki Aho' } })).toBe(false);
  });
});

describe('historyOf', () => {
  it('keeps an entity\'s judgements, or the parts of an id split since with none', () => {
    const judgement = { a: 'fedpol:a', b: 'fedpol:b', verdict: 'not_same', by: { user: 'fedpol.fedAnalyst', agency: 'fedpol' }, at: '2026-03-01T14:02:11.000Z' };
    expect(historyOf({ judgements: [judgement] }, 'judgements')).toEqual({ items: [judgement] });
    expect(historyOf({ split: ['e41', 'e42'] }, 'judgements')).toEqual({ items: [], split: ['e41', 'e42'] });
  });
});

describe('timelineOf', () => {
  it('keeps where an event happened', () => {
    const [event] = timelineOf({ events: [{ id: 'fedpol:s1', kind: 'Sighting', date: '2014-12-18', place: 'Zaventem', provenance: ['fedpol:s1'] }], undated: [] });
    expect(event?.place).toBe('Zaventem');
  });
});

describe('ingestJobOf', () => {
  it('keeps why a failed job stopped, its file and times', () => {
    const job = ingestJobOf({ job: { id: 'j1', filename: 'big.jsonl', format: 'jsonl', state: 'failed', total: 20, processed: 11, accepted: 10, rejected: 1, created: 10, updated: 0, unchanged: 0, errors: [], startedAt: '2025-11-02T10:00:00.000Z', endedAt: '2025-11-02T10:01:00.000Z', failure: 'the disk is full' } });
    expect(job).toMatchObject({ id: 'j1', filename: 'big.jsonl', state: 'failed', failure: 'the disk is full', startedAt: '2025-11-02T10:00:00.000Z', endedAt: '2025-11-02T10:01:00.000Z' });
  });

  it('keeps how the accepted lines were written and the lines an earlier upload had written', () => {
    const job = ingestJobOf({ job: { id: 'j2', state: 'done', total: 5, processed: 5, accepted: 0, rejected: 0, created: 0, updated: 0, unchanged: 0, resumed: 5, errors: [] } });
    expect(job).toMatchObject({ accepted: 0, created: 0, updated: 0, unchanged: 0, resumed: 5 });
    expect('failure' in job).toBe(false);
  });
});

describe('ingestUploadsOf', () => {
  it('keeps the jobs and the largest upload the server takes, and no limit a server does not give as a whole number of bytes', () => {
    const uploads = ingestUploadsOf({ jobs: [{ id: 'j1', state: 'done', processed: 5, errors: [] }], maxUploadBytes: 67_108_864 });
    expect(uploads.maxUploadBytes).toBe(67_108_864);
    expect(uploads.jobs.map((j) => j.id)).toEqual(['j1']);
    for (const given of [undefined, '64 MB', 0, -1, 1.5]) expect('maxUploadBytes' in ingestUploadsOf({ jobs: [], maxUploadBytes: given })).toBe(false);
  });
});

describe('reviewQueueOf', () => {
  const pair = { a: { id: 'fedpol:a' }, b: { id: 'fedpol:b' }, probability: 0.5, explain: [], prior: 0.001, affected: 2 };
  it('keeps the pairs and the count of those left in the whole queue', () => {
    expect(reviewQueueOf({ pairs: [pair], left: 12, more: false })).toEqual({ pairs: [pair], left: 12, more: false });
    expect(reviewQueueOf({ pairs: [pair], left: 5000, more: true })).toMatchObject({ left: 5000, more: true });
  });
  it('counts the pairs shown when the answer gives no count', () => {
    expect(reviewQueueOf({ pairs: [pair, pair] })).toMatchObject({ left: 2, more: false });
  });
});
