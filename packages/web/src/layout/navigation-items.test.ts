import { describe, expect, it } from 'vitest';
import { navigationItems } from './navigation-items.ts';

const labels = (roles: readonly string[]): readonly string[] => navigationItems(roles).map((item) => item.label);

describe('navigation', () => {
  it('offers the upload of records only to the roles that write them', () => {
    expect(labels(['analyst'])).toContain('Ingest');
    expect(labels(['officer'])).toContain('Ingest');
    // the server refuses their uploads: no screen that ends in "every line refused"
    for (const role of ['agency_admin', 'sysadmin', 'auditor', 'checkpoint_officer']) expect(labels([role])).not.toContain('Ingest');
    expect(labels(['agency_admin'])).toEqual(['Administration', 'Retention review']);
  });

  it('offers the review of uncertain pairs only to analysts, who alone judge them', () => {
    expect(labels(['analyst'])).toContain('Review');
    for (const role of ['officer', 'checkpoint_officer', 'auditor', 'agency_admin', 'sysadmin']) expect(labels([role])).not.toContain('Review');
    expect(labels(['officer', 'analyst'])).toContain('Review');
  });
});
