import { CLASSIFICATION, HANDLING, SUBJECT_CATEGORY, TLP } from '@mosaic/model';
import { describe, expect, it } from 'vitest';
import { demoOrg, ROLES, SHARING_EFFECTS } from './org.ts';

describe('demoOrg', () => {
  const org = demoOrg(42);
  const agencyIds = new Set(org.agencies.map((a) => a.id as string));

  it('has about ten agencies of the expected kinds, each with a 24/7 desk', () => {
    expect(org.agencies.length).toBeGreaterThanOrEqual(9);
    expect(org.agencies.length).toBeLessThanOrEqual(12);
    const kinds = org.agencies.map((a) => a.kind);
    for (const kind of ['federal_police', 'intelligence', 'threat_coordination', 'border_police', 'foreign_partner', 'prosecutor'] as const) expect(kinds).toContain(kind);
    expect(kinds.filter((k) => k === 'local_police').length).toBeGreaterThanOrEqual(3);
    for (const agency of org.agencies) {
      expect(agency.country).toMatch(/^[a-z]{2}$/);
      expect(agency.desks.length).toBeGreaterThan(0);
      for (const desk of agency.desks) {
        expect(desk.phone).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(desk.email).toMatch(/^[^@\s]+@[^@\s]+\.example$/);
        expect(desk.hours).toBe('24/7');
        expect(desk.id.startsWith(`${agency.id}:`)).toBe(true);
      }
    }
  });

  it('gives every agency users with valid roles, one password, and desks of their own agency', () => {
    expect(org.demoPassword.length).toBeGreaterThan(0);
    const ids = new Set(org.users.map((u) => u.id));
    expect(ids.size).toBe(org.users.length);
    for (const agency of org.agencies) {
      const users = org.users.filter((u) => u.agency === agency.id);
      expect(users.some((u) => u.roles.includes('agency_admin'))).toBe(true);
      expect(users.some((u) => u.roles.includes('auditor'))).toBe(true);
    }
    const roles = new Set(org.users.flatMap((u) => u.roles));
    for (const role of ROLES) expect(roles).toContain(role);
    for (const user of org.users) {
      expect(CLASSIFICATION).toContain(user.clearance);
      expect(user.desk.startsWith(`${user.agency}:`)).toBe(true);
    }
  });

  it('clears each agency\'s administrator as high as the users they administer, so that they can', () => {
    // an administrator administers no one cleared above them (nor auditors or system administrators)
    const rank = (c: string): number => CLASSIFICATION.indexOf(c as (typeof CLASSIFICATION)[number]);
    for (const agency of org.agencies) {
      const users = org.users.filter((u) => u.agency === agency.id);
      const admins = users.filter((u) => u.roles.includes('agency_admin'));
      const administered = users.filter((u) => !u.roles.some((r) => r === 'agency_admin' || r === 'auditor' || r === 'sysadmin'));
      for (const admin of admins) for (const user of administered) expect(rank(admin.clearance), `${admin.id} administers ${user.id}`).toBeGreaterThanOrEqual(rank(user.clearance));
    }
  });

  it('has well-formed agreements over known agencies with a mix of effects', () => {
    const ids = new Set(org.agreements.map((a) => a.id));
    expect(ids.size).toBe(org.agreements.length);
    for (const a of org.agreements) {
      expect(agencyIds.has(a.owner)).toBe(true);
      expect(a.recipient === 'ALL' || agencyIds.has(a.recipient)).toBe(true);
      expect(a.recipient).not.toBe(a.owner);
      expect(TLP).toContain(a.maxTlp);
      expect(CLASSIFICATION).toContain(a.maxClassification);
      for (const h of a.handling) expect(HANDLING).toContain(h);
      for (const c of a.categories) expect(SUBJECT_CATEGORY).toContain(c);
      expect(SHARING_EFFECTS).toContain(a.effect);
    }
    expect(new Set(org.agreements.map((a) => a.effect))).toEqual(new Set(SHARING_EFFECTS));
  });

  it('shows intelligence to local police as a pointer only', () => {
    const local = org.agencies.filter((a) => a.kind === 'local_police').map((a) => a.id as string);
    const intel = org.agencies.find((a) => a.kind === 'intelligence')?.id;
    const toLocal = org.agreements.filter((a) => a.owner === intel && (a.recipient === 'ALL' || local.includes(a.recipient)));
    expect(toLocal.length).toBeGreaterThan(0);
    for (const a of toLocal) expect(a.effect).toBe('pointer');
  });

  it('depends on the seed only for display names', () => {
    const other = demoOrg(43);
    expect(other.agreements).toEqual(org.agreements);
    expect(other.agencies).toEqual(org.agencies);
    expect(other.users.map((u) => u.displayName)).not.toEqual(org.users.map((u) => u.displayName));
    expect(demoOrg(42)).toEqual(org);
  });
});
