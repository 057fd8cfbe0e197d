import { describe, expect, it } from 'vitest';
import { dateWindowProblem } from './date-window.ts';

describe('a date window from a form', () => {
  it('takes either end left empty, and a window whose ends are in order or the same day', () => {
    expect(dateWindowProblem({ from: '', to: '' })).toBeUndefined();
    expect(dateWindowProblem({ from: '2025-01-01', to: '' })).toBeUndefined();
    expect(dateWindowProblem({ from: '', to: '2025-01-01' })).toBeUndefined();
    expect(dateWindowProblem({ from: '2025-01-01', to: '2025-01-01' })).toBeUndefined();
    expect(dateWindowProblem({ from: '2024-12-31', to: '2025-01-01' })).toBeUndefined();
  });

  it('names the field whose year is not of four digits, in the form\'s words', () => {
    expect(dateWindowProblem({ from: '202611-03-01', to: '' })).toEqual({ fields: ['from'], message: 'From: the year 202611 has 6 digits; give a year of four digits.' });
    expect(dateWindowProblem({ from: '2026-03-01', to: '20261-01-01' })).toMatchObject({ fields: ['to'], message: expect.stringMatching(/^To: the year 20261 /) });
    expect(dateWindowProblem({ from: 'soon', to: '' })?.message).toMatch(/^From: not a date/);
  });

  it('says at once that a window ending before it starts holds nothing, naming both fields', () => {
    expect(dateWindowProblem({ from: '2026-03-01', to: '2025-01-01' })).toEqual({ fields: ['from', 'to'], message: 'From (2026-03-01) is later than To (2025-01-01): no relation falls between them.' });
  });
});
