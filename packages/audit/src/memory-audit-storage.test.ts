import { describe, expect, it } from 'vitest';
import { auditStorageContract, fakeEntries } from './testing.ts';
import { createMemoryAuditStorage } from './memory-audit-storage.ts';

auditStorageContract('memory', () => createMemoryAuditStorage());

describe('createMemoryAuditStorage', () => {
  it('keeps its own frozen copies, so a caller cannot edit the log through a reference', async () => {
    const storage = createMemoryAuditStorage();
    const entries = fakeEntries(1).map((e) => structuredClone(e));
    await storage.append({ after: null, entries });
    (entries[0] as { purpose: string | null }).purpose = 'changed';
    for await (const stored of storage.entries()) {
      expect(stored.purpose).toBe('test');
      expect(Object.isFrozen(stored)).toBe(true);
    }
  });
});
