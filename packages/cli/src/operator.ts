/**
 * The command line's operator: administrative commands (agencies add, users add, audit retention, audit prune,
 * audit rotate-key, retention sweep) act as this system administrator, so that they go through
 * the admin API's checks and leave the same audit entries, naming the command line as who.
 */
import { AgencyId, DeskId, UserId } from '@mosaic/model';
import type { User } from '@mosaic/store';

export const OPERATOR: User = {
  id: UserId('system:cli'), agency: AgencyId('system'), desk: DeskId('system:cli'), name: 'system:cli',
  roles: ['sysadmin'], clearance: 'TOP_SECRET', groups: [], passwordHash: '',
};
