import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS, ROLES, type UserRow } from './admin-types.ts';
import { draftOf, offered, userChange } from './user-change.ts';

const analyst: UserRow = { id: 'intel.ana', name: 'ana', agency: 'intel', desk: 'intel-liaison', roles: ['analyst'], clearance: 'TOP_SECRET', groups: [], disabled: false };

describe('userChange', () => {
  it('sends nothing when nothing changed', () => {
    expect(userChange(analyst, draftOf(analyst))).toEqual({});
    expect(userChange({ ...analyst, roles: ['analyst', 'officer'] }, { ...draftOf(analyst), roles: ['officer', 'analyst'] })).toEqual({});
  });

  it('sends only the fields changed: a clearance above the administrator\'s own is not sent again with a new role', () => {
    expect(userChange(analyst, { ...draftOf(analyst), roles: ['analyst', 'officer'] })).toEqual({ roles: ['analyst', 'officer'] });
    expect(userChange(analyst, { ...draftOf(analyst), clearance: 'SECRET', desk: 'intel-ops' })).toEqual({ desk: 'intel-ops', clearance: 'SECRET' });
    expect(userChange(analyst, { ...draftOf(analyst), roles: [] })).toEqual({ roles: [] });
  });
});

describe('offered', () => {
  it('offers what the administrator may grant and what the user holds, in the catalogue\'s order', () => {
    expect(offered(CLASSIFICATIONS, ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'], ['TOP_SECRET'])).toEqual([...CLASSIFICATIONS]);
    expect(offered(CLASSIFICATIONS, ['UNCLASSIFIED', 'RESTRICTED'], ['RESTRICTED'])).toEqual(['UNCLASSIFIED', 'RESTRICTED']);
    expect(offered(ROLES, ROLES.filter((r) => r !== 'sysadmin'), ['analyst'])).not.toContain('sysadmin');
  });
});
