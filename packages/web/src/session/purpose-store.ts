/**
 * The purpose and case reference of the consultations, remembered for the browser session
 * (sessionStorage: gone when the tab closes, never shared with another tab's session).
 */
import type { Purpose } from '../api/api-types.ts';

const KEY = 'mosaic.purpose';

export function loadPurpose(): Purpose | undefined {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Purpose> | null;
    return parsed?.purpose && parsed.caseRef ? { purpose: parsed.purpose, caseRef: parsed.caseRef } : undefined;
  } catch {
    return undefined;
  }
}

export function savePurpose(purpose: Purpose | undefined): void {
  if (purpose) sessionStorage.setItem(KEY, JSON.stringify(purpose));
  else sessionStorage.removeItem(KEY);
}
