import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../api/api-types.ts';
import { auditActionWords, auditOutcomeWords, auditReasonWords } from './audit-code-words.ts';

describe('an audit entry\'s codes in words', () => {
  it('says every action of the log in words, none as its code', () => {
    for (const action of AUDIT_ACTIONS) expect(auditActionWords(action)).not.toBe(action);
    expect(auditActionWords('combination')).toBe('Who is whom');
    expect(auditActionWords('consultation')).toBe('Read');
    expect(auditActionWords('someNewAction')).toBe('Some new action');
  });

  it('tells a judgement from the undo of one, makes a bare code readable, and leaves a reason in words as written', () => {
    expect(auditReasonWords('judgement:same')).toBe('judged the same');
    expect(auditReasonWords('judgement:unsure')).toBe('judged unsure');
    expect(auditReasonWords('judgement undone:not_same')).toBe('judgement “not the same” undone');
    expect(auditReasonWords('audit_verify')).toBe('Audit verify');
    expect(auditReasonWords('alert withdrawn: Arrested at Zaventem T1, warrant BE-2025.0412 lifted'))
      .toBe('alert withdrawn: Arrested at Zaventem T1, warrant BE-2025.0412 lifted');
    expect(auditReasonWords('record taken out')).toBe('record taken out');
  });

  it('says the outcome in words', () => {
    expect(['ok', 'denied', 'error'].map(auditOutcomeWords)).toEqual(['done', 'refused', 'failed']);
  });
});
