import { describe, expect, it } from 'vitest';
import { auditScopeNote } from './audit-scope-note.ts';

describe('auditScopeNote', () => {
  it('tells an agency\'s auditor what of other agencies\' entries is left out, and that searches match what is shown', () => {
    const note = auditScopeNote('fedpol', false);
    expect(note).toMatch(/^Not shown to you: entries by other agencies' users that do not concern fedpol \(none of its records, /);
    expect(note).toContain('in those that do, what was asked, the subjects, and other agencies\' records and pointers;');
    expect(note).toContain('in every entry, the records behind pointers to other agencies.');
    expect(note).toMatch(/A search finds entries by what you are shown of them\.$/);
  });

  it('tells an oversight body\'s auditor that nothing is left out', () => {
    expect(auditScopeNote('dpa', true)).toBe('dpa is an oversight body: you are shown every entry of the log whole.');
  });
});
