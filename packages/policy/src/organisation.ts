/**
 * Who is who: agencies, their desks (the 24/7 contact points a pointer sends people to), users
 * with roles, clearance and need-to-know groups. Plain read-only data: the server loads it from
 * the store and passes it in; policy never fetches anything.
 */
import type { AgencyId, Brand, Classification, DeskId, UserId } from '@mosaic/model';

/** A need-to-know group or case team (e.g. a joint investigation team across agencies). */
export type GroupId = Brand<string, 'GroupId'>;
export const GroupId = (value: string): GroupId => value as GroupId;

/**
 * A group and the agency that owns it. Its members may come from any agency, but a group opens
 * only its own agency's records: the owner alone decides who sees what it holds.
 */
export interface NeedToKnowGroup {
  readonly id: GroupId;
  readonly agency: AgencyId;
}

export interface Agency {
  readonly id: AgencyId;
  readonly name: string;
  /** ISO 3166-1 alpha-2, upper case; releasability markings may name countries. */
  readonly country: string;
  /** The desk a pointer names when no agreement names another. */
  readonly contactDesk: DeskId;
}

export interface Desk {
  readonly id: DeskId;
  readonly agency: AgencyId;
  readonly name: string;
  /** A 24/7 phone number or functional mailbox: never a person's own details. */
  readonly contact: string;
}

/**
 * analyst: reads, searches and exports records. officer: reads and searches. checkpoint_officer:
 * screens (hit/no-hit with the action to take) but does not browse. agency_admin: manages its
 * agency's users, desks and agreements, and erases its records. auditor: reads the audit log,
 * never records. sysadmin: runs the platform, reads neither records nor the audit log.
 */
export const ROLES = ['analyst', 'officer', 'checkpoint_officer', 'agency_admin', 'auditor', 'sysadmin'] as const;
export type Role = (typeof ROLES)[number];

export interface PolicyUser {
  readonly id: UserId;
  readonly agency: AgencyId;
  readonly desk: DeskId | null;
  readonly roles: readonly Role[];
  /** Highest classification the user is vetted for (same scale as markings). */
  readonly clearance: Classification;
  readonly groups: readonly GroupId[];
}

export interface Organisation {
  readonly agencies: readonly Agency[];
  readonly desks: readonly Desk[];
  /** Every need-to-know group with its owning agency; a group named nowhere here belongs to no one and admits no one. */
  readonly groups: readonly NeedToKnowGroup[];
  /** Supervisory bodies (e.g. the data-protection authority) whose auditors may audit every agency. */
  readonly oversight?: readonly AgencyId[];
}
