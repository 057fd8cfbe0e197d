import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '@mosaic/model';
import type { FieldHabits } from './agency-profiles.ts';
import { dayOfIso } from './calendar.ts';
import { renderBirthDate } from './render-person.ts';
import { createRng } from './rng.ts';

describe('renderBirthDate', () => {
  it('writes only dates that exist, for a birthday on 29 February too', () => {
    const habits = { birthDate: 1, partialBirthDate: 0 } as FieldHabits;
    const rng = createRng(11);
    const written = Array.from({ length: 3000 }, () => renderBirthDate(dayOfIso('1984-02-29'), habits, rng) as string);
    expect(written.filter((d) => parsePartialDate(d) === undefined)).toEqual([]);
    // the other clerical errors still occur
    expect(written).toContain('1984-01-01');
    expect(written.filter((d) => d === '1984-02-29').length).toBeLessThan(3000);
  });
});
