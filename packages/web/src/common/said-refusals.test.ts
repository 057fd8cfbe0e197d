import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { refusalId, saidRefusals } from './said-refusals.ts';

const WORDS = {
  name: { label: 'Name' },
  birthDate: { label: 'Date of birth', refused: 'not a date of birth — write it as 1985-03-14, 14.03.1985 or a year' },
  'marking.releasability': { label: 'Releasable to' },
};

const refusal = (details: unknown): ApiError => new ApiError(400, 'MOSAIC_QUERY_REJECTED', 'birthDate: not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)', details);

describe('saidRefusals', () => {
  it('says a refused field by its label, with the form\'s words for what it takes instead of the API\'s notation', () => {
    const said = saidRefusals(refusal([{ field: 'birthDate', reason: 'not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)' }]), WORDS);
    expect(said).toEqual({ fields: [{ field: 'birthDate', said: 'Date of birth: not a date of birth — write it as 1985-03-14, 14.03.1985 or a year' }], unsaid: false });
    expect(said.fields[0]?.said).not.toMatch(/birthDate|MOSAIC_|YYYY/);
  });

  it('says the server\'s reason after the label where the form gives no words of its own', () => {
    expect(saidRefusals(refusal([{ field: 'name', reason: 'too short to identify anyone' }]), WORDS).fields).toEqual([{ field: 'name', said: 'Name: too short to identify anyone' }]);
  });

  it('says a refusal of a part of a field on that field, once', () => {
    const said = saidRefusals(refusal([{ field: 'marking.releasability.0', reason: 'no agency x' }, { field: 'marking.releasability.1', reason: 'no agency y' }]), WORDS);
    expect(said).toEqual({ fields: [{ field: 'marking.releasability', said: 'Releasable to: no agency x' }], unsaid: false });
  });

  it('leaves unsaid a refusal of a field the form does not hold, and an error naming no field', () => {
    expect(saidRefusals(refusal([{ field: 'gender', reason: 'not a gender (m, f, x)' }]), WORDS)).toEqual({ fields: [], unsaid: true });
    expect(saidRefusals(refusal([{ field: 'gender', reason: 'x' }, { field: 'name', reason: 'too short to identify anyone' }]), WORDS))
      .toEqual({ fields: [{ field: 'name', said: 'Name: too short to identify anyone' }], unsaid: true });
    expect(saidRefusals(new ApiError(403, 'MOSAIC_FORBIDDEN', 'no'), WORDS)).toEqual({ fields: [], unsaid: true });
    expect(saidRefusals(new Error('offline'), WORDS)).toEqual({ fields: [], unsaid: true });
    // a field whose name only starts like one of the form's is another field
    expect(saidRefusals(refusal([{ field: 'names', reason: 'x' }]), WORDS).unsaid).toBe(true);
  });

  it('gives each field\'s message an id an attribute can point to', () => {
    expect(refusalId('check', 'birthDate')).toBe('check-birthDate-error');
    expect(refusalId('upload', 'provenance.reviewDate')).toBe('upload-provenance-reviewDate-error');
  });
});
