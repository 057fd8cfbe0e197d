/**
 * What the navigation offers to whom. The server decides what each call may do; this only keeps
 * out of sight the screens a role has no use for.
 */
export interface NavigationItem {
  readonly id: string;
  readonly label: string;
  readonly roles: readonly string[];
}

const INVESTIGATORS = ['analyst', 'officer'];

export const NAVIGATION: readonly NavigationItem[] = [
  { id: 'search', label: 'Search', roles: INVESTIGATORS },
  { id: 'graph', label: 'Graph', roles: INVESTIGATORS },
  { id: 'checkpoint', label: 'Checkpoint', roles: ['checkpoint_officer'] },
  { id: 'inbox', label: 'Alerts inbox', roles: [...INVESTIGATORS, 'checkpoint_officer'] },
  // the queue is there to be judged, and only analysts judge (the server refuses the queue to others)
  { id: 'review', label: 'Review', roles: ['analyst'] },
  { id: 'reports', label: 'Reports', roles: INVESTIGATORS },
  // records are written by investigators (the server refuses an upload from any other role)
  { id: 'ingest', label: 'Ingest', roles: INVESTIGATORS },
  { id: 'audit', label: 'Audit', roles: ['auditor'] },
  { id: 'admin', label: 'Administration', roles: ['agency_admin', 'sysadmin'] },
  { id: 'retention', label: 'Retention review', roles: ['agency_admin'] },
];

export const navigationItems = (roles: readonly string[]): readonly NavigationItem[] =>
  NAVIGATION.filter((item) => item.roles.some((role) => roles.includes(role)));
