import { describe, expect, it } from 'vitest';
import { auditMore, auditSummary } from './audit-more.ts';

const entries = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ seq: n - i }));

describe('auditMore', () => {
  it('pages on with the cursor a paging server answers', () => {
    expect(auditMore({ entries: entries(500), next: 1234 }, 500)).toEqual({ kind: 'older', before: '1234' });
    expect(auditMore({ entries: entries(500), next: 'c2VxOjEyMzQ' }, 500)).toEqual({ kind: 'older', before: 'c2VxOjEyMzQ' });
  });

  it('says a full answer without a cursor may hide older entries, and a short one or next: null does not', () => {
    expect(auditMore({ entries: entries(500) }, 500)).toEqual({ kind: 'maybe' });
    expect(auditMore({ entries: entries(499) }, 500)).toEqual({ kind: 'none' });
    expect(auditMore({ entries: entries(500), next: null }, 500)).toEqual({ kind: 'none' });
  });
});

describe('auditSummary', () => {
  it('says honestly when only the newest entries are shown', () => {
    expect(auditSummary(500, { kind: 'maybe' })).toBe('Showing the newest 500; older entries may match too: narrow the filters');
    expect(auditSummary(500, { kind: 'older', before: '1' })).toBe('500 entries, newest first; older entries match too (Show older)');
    expect(auditSummary(1, { kind: 'none' })).toBe('1 entry, newest first');
  });
});
