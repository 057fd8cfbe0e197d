import { ALERT_CATEGORY_WORDS } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { ACTION_CODES, ALERT_ACTIONS, ALERT_CATEGORIES, activeAlerts, isAlertActive, validateAlert, type Alert } from './alert.ts';

const valid = {
  id: 'al-1',
  category: 'discreet_check',
  subject: { kind: 'entity', id: 'e-1' },
  ownerAgency: 'agency-a',
  ownerDesk: { id: 'desk-1', name: 'Duty desk', phone24x7: '+3225550100' },
  validFrom: '2024-01-01',
  validUntil: '2024-12-31',
  reviewDate: '2024-06-30',
};

describe('alert actions', () => {
  it('gives every category its own action code and an instruction', () => {
    const codes = ALERT_CATEGORIES.map((c) => ALERT_ACTIONS[c].code);
    expect(new Set(codes).size).toBe(ALERT_CATEGORIES.length);
    expect([...codes].sort()).toEqual([...ACTION_CODES].sort());
    for (const c of ALERT_CATEGORIES) expect(ALERT_ACTIONS[c].instruction.length).toBeGreaterThan(20);
  });

  it('has words for every category, those a person reads (model\'s ALERT_CATEGORY_WORDS), in the same order', () => {
    expect(Object.keys(ALERT_CATEGORY_WORDS)).toEqual([...ALERT_CATEGORIES]);
  });

  it('never tells the person about a discreet check', () => {
    expect(ALERT_ACTIONS.discreet_check.disclose).toBe(false);
    expect(ALERT_ACTIONS.arrest.disclose).toBe(true);
  });
});

describe('validateAlert', () => {
  it('accepts a complete alert and drops unknown fields', () => {
    const r = validateAlert({ ...valid, extra: 'x' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.alert.category).toBe('discreet_check');
      expect('extra' in r.alert).toBe(false);
    }
  });

  it('returns every problem instead of throwing', () => {
    const r = validateAlert({ ...valid, category: 'shoot', ownerDesk: { id: 'd', name: 'n', phone24x7: '555' }, validUntil: '2023-01-01', reviewDate: 'soon' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => e.startsWith('category'))).toBe(true);
      expect(r.errors.some((e) => e.startsWith('ownerDesk.phone24x7'))).toBe(true);
      expect(r.errors.some((e) => e.includes('before validFrom'))).toBe(true);
      expect(r.errors.some((e) => e.startsWith('reviewDate'))).toBe(true);
    }
    expect(validateAlert(null).ok).toBe(false);
    expect(validateAlert({ ...valid, validFrom: '2024-02-30' }).ok).toBe(false);
  });
});

describe('activeAlerts', () => {
  const alert = (category: Alert['category'], validFrom: string, validUntil?: string): Alert => {
    const r = validateAlert({ ...valid, id: `${category}-${validFrom}`, category, validFrom, ...(validUntil ? { validUntil } : { validUntil: undefined }) });
    if (!r.ok) throw new Error(r.errors.join('; '));
    return r.alert;
  };

  it('keeps alerts in force, the most binding first, whole days included', () => {
    const list = [alert('inform_owner_only', '2024-01-01'), alert('arrest', '2024-03-01', '2024-03-31'), alert('inquiry_check', '2025-01-01')];
    const at = new Date('2024-03-31T23:59:00Z');
    expect(activeAlerts(list, at).map((a) => a.category)).toEqual(['arrest', 'inform_owner_only']);
    expect(isAlertActive(list[1] as Alert, new Date('2024-04-01T00:00:00Z'))).toBe(false);
  });
});
