import { describe, expect, it } from 'vitest';
import { notificationKindWords } from './notification-kind-words.ts';

describe("a notification's kind in words", () => {
  it('says the kinds of notice in words', () => {
    expect(['deconfliction.encounter', 'pointer.called', 'alert.hit', 'watch.lost-track'].map(notificationKindWords))
      .toEqual(['Encounter', 'Desk called', 'Alert hit', 'Watch: not seen']);
  });

  it('reads a kind this version does not know as its code made readable', () => {
    expect(notificationKindWords('watch.case-closed')).toBe('Watch case closed');
  });
});
