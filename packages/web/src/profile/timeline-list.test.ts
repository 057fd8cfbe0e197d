import { describe, expect, it } from 'vitest';
import { routeWords } from './timeline-list.tsx';

describe('a journey on the timeline', () => {
  it('reads from, to and the way it was made', () => {
    expect(routeWords({ from: 'Belgium', to: 'Turkey', by: 'air' })).toBe('Belgium → Turkey, by air');
    expect(routeWords({ to: 'Turkey' })).toBe('to Turkey');
    expect(routeWords({ from: 'Belgium', by: 'road' })).toBe('from Belgium, by road');
    expect(routeWords(undefined)).toBe('');
  });
});
