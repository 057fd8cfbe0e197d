/** Shapes of the administration API (docs/API.md, /admin and /retention). */
export interface AgencyRow { readonly id: string; readonly name: string; readonly country: string; readonly contactDesk: string; readonly oversight?: boolean }
export interface DeskRow { readonly id: string; readonly agency: string; readonly name: string; readonly contact: string }
export interface AgreementRow {
  readonly id: string; readonly owner: string; readonly recipient: string; readonly effect: string;
  readonly conditions: { readonly tlp: readonly string[]; readonly maxClassification: string; readonly handling: readonly string[]; readonly categories: readonly string[] };
  readonly notifyOwnerOnConsult: boolean; readonly notifyOwnerOnEncounter: boolean; readonly contactDesk?: string;
  /** Whether the reader may withdraw it, as the server judges it (its owner's data administrator, a system administrator). */
  readonly withdrawable: boolean;
}
export interface Organisation { readonly agencies: readonly AgencyRow[]; readonly desks: readonly DeskRow[]; readonly agreements: readonly AgreementRow[] }
export interface UserRow { readonly id: string; readonly name: string; readonly agency: string; readonly desk: string; readonly roles: readonly string[]; readonly clearance: string; readonly groups: readonly string[]; readonly disabled: boolean }
/**
 * A user as GET /admin/users lists them: whether the reader may administer them (change the
 * account, add them to a group) and, when not, why — a system administrator, an auditor, or cleared
 * above the reader.
 */
export interface ListedUser extends UserRow { readonly administrable: boolean; readonly notAdministrable?: 'sysadmin' | 'auditor' | 'clearance' }
export interface GroupRow { readonly id: string; readonly agency: string; readonly name: string; readonly description: string; readonly members: readonly string[] }
export interface Period { readonly years?: number; readonly months?: number; readonly days?: number }
/** How long the audit log is kept (GET /admin/audit/retention); null when no period is set: the whole log is kept. */
export interface AuditRetention { readonly years: number; readonly months: number; readonly days: number; readonly endOfYear: boolean }
export interface QueueItem { readonly id: string; readonly schema: string; readonly caption: string | null; readonly category: string; readonly nature: string; readonly reviewDate: string; readonly overdueDays: number; readonly holds: readonly string[]; readonly erasable: boolean }

export const ROLES = ['analyst', 'officer', 'checkpoint_officer', 'agency_admin', 'auditor', 'sysadmin'] as const;
export const CLASSIFICATIONS = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'] as const;
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const HANDLINGS = ['H0', 'H1', 'H2', 'H3'] as const;
export const CATEGORIES = ['suspect', 'convicted', 'victim', 'witness', 'contact', 'other'] as const;
export const EFFECTS = ['full', 'pointer', 'none'] as const;
