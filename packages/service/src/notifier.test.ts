import { describe, expect, it } from 'vitest';
import { AgencyId } from '@mosaic/model';
import { createNotifier, SEEN_LIMIT, type Notification } from './notifier.ts';

const note = (id: string): Notification => ({ id, at: '2026-01-01T00:00:00.000Z', to: { agency: AgencyId('agency.a') }, kind: 'test', title: id, body: {} });

describe('notifier', () => {
  it('delivers a notification once however many nodes publish it', () => {
    const heard: string[] = [];
    const notifier = createNotifier();
    notifier.subscribe((n) => heard.push(n.id));
    notifier.publish(note('n1'));
    notifier.receive(note('n1'));
    notifier.receive(note('n2'));
    notifier.publish(note('n2'));
    expect(heard).toEqual(['n1', 'n2']);
  });

  it('forgets the oldest ids past its limit, and only those', () => {
    const heard: string[] = [];
    const notifier = createNotifier();
    notifier.subscribe((n) => heard.push(n.id));
    for (let i = 0; i < SEEN_LIMIT + 2; i++) notifier.publish(note(`n${i}`));
    heard.length = 0;
    // n0 and n1 were forgotten, n2 and the newest are still remembered (asked first: an id
    // delivered again is remembered again, and pushes out the oldest)
    for (const id of [`n${SEEN_LIMIT + 1}`, 'n2', 'n0', 'n1']) notifier.receive(note(id));
    expect(heard).toEqual(['n0', 'n1']);
  });

  it('says which ids it has heard, published here or received', () => {
    const notifier = createNotifier();
    notifier.publish(note('mine'));
    notifier.receive(note('theirs'));
    expect(['mine', 'theirs', 'other'].map((id) => notifier.heard(id))).toEqual([true, true, false]);
  });

  it('keeps local-only listeners from hearing other nodes', () => {
    const local: string[] = [];
    const notifier = createNotifier();
    notifier.subscribe((n) => local.push(n.id), { localOnly: true });
    notifier.publish(note('mine'));
    notifier.receive(note('theirs'));
    expect(local).toEqual(['mine']);
  });
});
