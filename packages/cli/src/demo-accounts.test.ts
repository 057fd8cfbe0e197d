import { describe, expect, it } from 'vitest';
import { demoAccountLines, type Account } from './demo-accounts.ts';

const users: Account[] = [
  { name: 'fedpol.analyst1', roles: ['analyst'], clearance: 'SECRET' },
  { name: 'intel.analyst1', roles: ['analyst'], clearance: 'TOP_SECRET' },
  { name: 'fedpol.officer1', roles: ['officer'], clearance: 'CONFIDENTIAL' },
  { name: 'border.checkpoint1', roles: ['checkpoint_officer'], clearance: 'RESTRICTED' },
  { name: 'fedpol.auditor', roles: ['auditor'], clearance: 'SECRET' },
  { name: 'fedpol.admin', roles: ['agency_admin'], clearance: 'CONFIDENTIAL' },
  { name: 'fedpol.sysadmin', roles: ['sysadmin'], clearance: 'RESTRICTED' },
];

describe('demoAccountLines', () => {
  it('names one account per role (the one who sees most), the password, and how to list the others', () => {
    expect(demoAccountLines(users, 'npx mosaic users list')).toEqual([
      'Demo accounts, each with the password mosaic-demo:',
      '  analyst               intel.analyst1',
      '  officer               fedpol.officer1',
      '  checkpoint officer    border.checkpoint1',
      '  auditor               fedpol.auditor',
      '  agency administrator  fedpol.admin',
      'The others: npx mosaic users list',
    ]);
  });

  it('leaves out a role nobody has, and says nothing without accounts', () => {
    expect(demoAccountLines(users.filter((u) => !u.roles.includes('auditor')), 'x').join('\n')).not.toContain('auditor');
    expect(demoAccountLines([], 'x')).toEqual([]);
  });
});
