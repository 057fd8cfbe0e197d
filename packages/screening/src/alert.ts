/**
 * Alerts: what an agency asks an officer to do when a watched subject is encountered. The
 * categories follow the Schengen Information System alerts on persons (Regulation (EU)
 * 2018/1862): arrest (Art. 26), missing or vulnerable persons to protect (Art. 32), discreet,
 * inquiry and specific checks (Art. 36-37), and refusal of entry (Regulation (EU) 2018/1861,
 * Art. 24). `inform_owner_only` is Mosaic's own: no action towards the person, tell the owner.
 * Every category implies one action code and one instruction text, so that a checkpoint screen
 * shows the same words for the same situation whichever agency owns the alert.
 */
import type { AgencyId, Brand, DeskId, EntityId, RecordId } from '@mosaic/model';

export const ALERT_CATEGORIES = [
  'arrest', 'protective', 'refusal_of_entry', 'specific_check', 'inquiry_check', 'discreet_check', 'inform_owner_only',
] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

export const ACTION_CODES = ['ARREST', 'PROTECT', 'REFUSE_ENTRY', 'SEARCH', 'INTERVIEW', 'REPORT_COVERTLY', 'INFORM_OWNER'] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

export type AlertId = Brand<string, 'AlertId'>;
export const AlertId = (value: string): AlertId => value as AlertId;

export interface AlertAction {
  readonly code: ActionCode;
  /** What the officer does, in the words shown on the checkpoint screen. */
  readonly instruction: string;
  /** Whether the person may be told that they are of interest. */
  readonly disclose: boolean;
}

/**
 * Order is priority: when a subject carries several alerts the most binding action is shown
 * first (ALERT_CATEGORIES order).
 */
export const ALERT_ACTIONS: Readonly<Record<AlertCategory, AlertAction>> = Object.freeze({
  arrest: {
    code: 'ARREST',
    instruction: 'Arrest the person on the owner\'s warrant. Call the owner desk at once for the warrant details and hand-over.',
    disclose: true,
  },
  protective: {
    code: 'PROTECT',
    instruction: 'Missing or at-risk person: make sure the person is safe and place them in protection if the alert says so. Do not reveal where they are to anyone but the owner desk.',
    disclose: true,
  },
  refusal_of_entry: {
    code: 'REFUSE_ENTRY',
    instruction: 'Refuse entry or stay. Give the person the written refusal decision and record the encounter for the owner.',
    disclose: true,
  },
  specific_check: {
    code: 'SEARCH',
    instruction: 'Search the person, the vehicle and the objects carried as the law allows. Report what was found to the owner desk.',
    disclose: true,
  },
  inquiry_check: {
    code: 'INTERVIEW',
    instruction: 'Interview the person on the owner\'s questions (see instructions). Report the answers to the owner desk.',
    disclose: true,
  },
  discreet_check: {
    code: 'REPORT_COVERTLY',
    instruction: 'Do not let the person know. Let them continue and report the encounter to the owner desk: place, time, route, companions, vehicle and objects carried.',
    disclose: false,
  },
  inform_owner_only: {
    code: 'INFORM_OWNER',
    instruction: 'No action towards the person. The owner is told of the encounter; carry on with the usual check.',
    disclose: false,
  },
});

export type AlertSubject =
  | { readonly kind: 'entity'; readonly id: EntityId }
  | { readonly kind: 'record'; readonly id: RecordId };

/** The desk that answers for the alert, reachable 24 hours a day (SIRENE-bureau style). */
export interface OwnerDesk {
  readonly id: DeskId;
  readonly name: string;
  /** E.164 number answered around the clock. */
  readonly phone24x7: string;
  readonly email?: string;
}

export interface Alert {
  readonly id: AlertId;
  readonly category: AlertCategory;
  readonly subject: AlertSubject;
  readonly ownerAgency: AgencyId;
  readonly ownerDesk: OwnerDesk;
  /** ISO date or date-time from which the alert applies. */
  readonly validFrom: string;
  /** ISO date or date-time after which it no longer applies; open-ended when absent. */
  readonly validUntil?: string;
  /** ISO date by which the owner must review the need for the alert (LED Art. 5). */
  readonly reviewDate: string;
  /** Owner's extra instructions (questions to ask, objects to look for). */
  readonly instructions?: string;
}

export function alertAction(category: AlertCategory): AlertAction {
  return ALERT_ACTIONS[category];
}

export function isAlertCategory(value: unknown): value is AlertCategory {
  return typeof value === 'string' && (ALERT_CATEGORIES as readonly string[]).includes(value);
}

/** Is the alert in force at `at`? Dates without a time cover the whole (UTC) day. */
export function isAlertActive(alert: Alert, at: Date): boolean {
  const t = at.getTime();
  const from = instant(alert.validFrom, 'start');
  const until = alert.validUntil === undefined ? Infinity : instant(alert.validUntil, 'end');
  return from !== undefined && until !== undefined && from <= t && t <= until;
}

/** Alerts in force at `at`, most binding first. */
export function activeAlerts(alerts: readonly Alert[], at: Date): Alert[] {
  return alerts.filter((a) => isAlertActive(a, at)).sort((a, b) => ALERT_CATEGORIES.indexOf(a.category) - ALERT_CATEGORIES.indexOf(b.category));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of an ISO date (start or end of that UTC day) or date-time; undefined when invalid. */
function instant(value: string, edge: 'start' | 'end'): number | undefined {
  if (DATE_ONLY.test(value)) {
    const t = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) return undefined;
    return edge === 'start' ? t : t + 86_400_000 - 1;
  }
  if (!DATE_TIME.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export type AlertValidation = { readonly ok: true; readonly alert: Alert } | { readonly ok: false; readonly errors: readonly string[] };

const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_INSTRUCTIONS = 2000;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function text(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max && !CONTROL.test(value);
}

/**
 * Checks an alert as it arrives on the wire. Errors are returned (a rejected alert is an
 * expected outcome), naming the field and never echoing its content.
 */
export function validateAlert(input: unknown): AlertValidation {
  const errors: string[] = [];
  if (typeof input !== 'object' || input === null) return { ok: false, errors: ['alert must be an object'] };
  const a = input as Record<string, unknown>;
  if (!text(a['id'], 200)) errors.push('id: required, at most 200 characters');
  if (!isAlertCategory(a['category'])) errors.push(`category: one of ${ALERT_CATEGORIES.join(', ')}`);
  const subject = a['subject'] as Record<string, unknown> | undefined;
  if (typeof subject !== 'object' || subject === null || (subject['kind'] !== 'entity' && subject['kind'] !== 'record') || !text(subject['id'], 200)) {
    errors.push('subject: {kind: "entity" | "record", id}');
  }
  if (!text(a['ownerAgency'], 200)) errors.push('ownerAgency: required');
  const desk = a['ownerDesk'] as Record<string, unknown> | undefined;
  if (typeof desk !== 'object' || desk === null) errors.push('ownerDesk: required');
  else {
    if (!text(desk['id'], 200)) errors.push('ownerDesk.id: required');
    if (!text(desk['name'], 200)) errors.push('ownerDesk.name: required');
    if (typeof desk['phone24x7'] !== 'string' || !E164.test(desk['phone24x7'])) errors.push('ownerDesk.phone24x7: an E.164 number (+ and 7 to 15 digits) answered 24/7');
    if (desk['email'] !== undefined && !(text(desk['email'], 254) && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(desk['email']))) errors.push('ownerDesk.email: an e-mail address');
  }
  const from = typeof a['validFrom'] === 'string' ? instant(a['validFrom'], 'start') : undefined;
  if (from === undefined) errors.push('validFrom: an ISO date or date-time');
  let until: number | undefined;
  if (a['validUntil'] !== undefined) {
    until = typeof a['validUntil'] === 'string' ? instant(a['validUntil'], 'end') : undefined;
    if (until === undefined) errors.push('validUntil: an ISO date or date-time');
    else if (from !== undefined && until < from) errors.push('validUntil: before validFrom');
  }
  if (typeof a['reviewDate'] !== 'string' || !DATE_ONLY.test(a['reviewDate']) || instant(a['reviewDate'], 'start') === undefined) errors.push('reviewDate: an ISO date (YYYY-MM-DD)');
  if (a['instructions'] !== undefined && !text(a['instructions'], MAX_INSTRUCTIONS)) errors.push(`instructions: text of at most ${MAX_INSTRUCTIONS} characters`);
  if (errors.length > 0) return { ok: false, errors };
  const d = desk as Record<string, string>;
  const s = subject as Record<string, string>;
  const alert: Alert = {
    id: AlertId(a['id'] as string),
    category: a['category'] as AlertCategory,
    subject: s['kind'] === 'entity' ? { kind: 'entity', id: s['id'] as EntityId } : { kind: 'record', id: s['id'] as RecordId },
    ownerAgency: a['ownerAgency'] as AgencyId,
    ownerDesk: { id: d['id'] as DeskId, name: d['name'] as string, phone24x7: d['phone24x7'] as string, ...(d['email'] !== undefined ? { email: d['email'] } : {}) },
    validFrom: a['validFrom'] as string,
    ...(a['validUntil'] !== undefined ? { validUntil: a['validUntil'] as string } : {}),
    reviewDate: a['reviewDate'] as string,
    ...(a['instructions'] !== undefined ? { instructions: a['instructions'] as string } : {}),
  };
  return { ok: true, alert: Object.freeze(alert) };
}
