import { describe, expect, it } from 'vitest';
import type { HitDecision, ScreeningHit } from '../api/api-types.ts';
import { contraryAnswer, contraryDecision, contraryQuestion } from './same-person-decisions.ts';

const at = '2025-11-03T13:05:00Z';
const card = (n: number, { same, decided }: { same?: number; decided?: HitDecision } = {}): ScreeningHit => ({
  n, ref: `h${n}`, kind: 'match', band: 'strong',
  ...(same === undefined ? {} : { sameSubjectAs: same }),
  ...(decided ? { decision: { decision: decided, by: 'zone.checkpoint2', at } } : {}),
});

describe('a decision contrary to one on a card of the same person', () => {
  it('is found whichever card names the other, and on cards naming the same first one', () => {
    const hits = [card(0, { decided: 'reject' }), card(1, { same: 0 }), card(2, { same: 0, decided: 'confirm' })];
    expect(contraryDecision(hits, 1, 'confirm')).toEqual({ position: 1, decision: 'reject' });
    expect(contraryDecision(hits, 1, 'reject')).toEqual({ position: 3, decision: 'confirm' });
    expect(contraryDecision([card(0), card(1, { same: 0, decided: 'confirm' })], 0, 'reject')).toEqual({ position: 2, decision: 'confirm' });
  });

  it('is none for the same decision, a desk called, another person, or the card\'s own decision', () => {
    const hits = [card(0, { decided: 'reject' }), card(1, { same: 0 }), card(2, { decided: 'confirm' }), card(3, { decided: 'called' }), card(4, { same: 3 })];
    expect(contraryDecision(hits, 1, 'reject')).toBeUndefined();
    expect(contraryDecision(hits, 1, 'called')).toBeUndefined();
    expect(contraryDecision(hits, 4, 'confirm')).toBeUndefined();
    expect(contraryDecision(hits, 4, 'reject')).toBeUndefined();
    expect(contraryDecision(hits, 2, 'reject')).toBeUndefined();
    expect(contraryDecision([card(0, { decided: 'reject' })], 0, 'confirm')).toBeUndefined();
  });

  it('is asked in words naming the card and what it holds', () => {
    expect(contraryQuestion({ position: 1, decision: 'reject' })).toBe('Card 1, the same person, was rejected as a different person. Confirm this one all the same?');
    expect(contraryQuestion({ position: 2, decision: 'confirm' })).toBe('Card 2, the same person, was confirmed as the person checked. Reject this one all the same?');
    expect(contraryAnswer({ position: 1, decision: 'reject' })).toBe('Confirm all the same');
    expect(contraryAnswer({ position: 2, decision: 'confirm' })).toBe('Reject all the same');
  });
});
