import { describe, expect, it } from 'vitest';
import { isoWithOffset, localTimeText, reportTimeOf } from './report-time.ts';

// the server's check (report.time: z.iso.datetime({ offset: true }))
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

describe('the time of an encounter report', () => {
  it('shows local time and sends the same moment as ISO 8601 with its offset', () => {
    const now = new Date(2026, 11, 6, 6, 22, 41);
    expect(localTimeText(now)).toBe('2026-12-06 06:22');
    const sent = isoWithOffset(now);
    expect(sent).toMatch(ISO_WITH_OFFSET);
    expect(new Date(sent).getTime()).toBe(now.getTime());
  });

  it('takes a time written as shown, with seconds or the ISO T', () => {
    for (const written of ['2026-12-06 06:22', ' 2026-12-06T06:22 ', '2026-12-06 06:22:00']) {
      const sent = reportTimeOf(written);
      expect(sent).toMatch(ISO_WITH_OFFSET);
      expect(new Date(sent ?? '').getTime()).toBe(new Date(2026, 11, 6, 6, 22).getTime());
    }
  });

  it('refuses what is not a time in that format, or not a real one', () => {
    for (const written of ['', 'yesterday', '06/12/2026 06:22', '2026-12-06', '2026-13-06 06:22', '2026-02-30 10:00', '2026-12-06 24:00', '2026-12-06 06:60']) {
      expect(reportTimeOf(written)).toBeUndefined();
    }
  });
});
