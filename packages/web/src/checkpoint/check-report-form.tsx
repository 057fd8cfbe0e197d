/**
 * What a discreet or specific check reports to the owner (SIS Art. 37 (1)): place, time, route
 * and destination, companions, vehicle, identity used and objects carried. The time is shown and
 * written in local time, and sent with its offset; one the form cannot read is said, on its
 * field, before anything is sent.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { CheckReport } from '../api/api-types.ts';
import { localTimeText, REPORT_TIME_FORMAT, reportTimeOf } from './report-time.ts';

const FIELDS: readonly { key: keyof CheckReport; label: string; multiline?: boolean; hint?: string }[] = [
  { key: 'place', label: 'Place' },
  { key: 'time', label: 'Time', hint: `${REPORT_TIME_FORMAT}, local time` },
  { key: 'route', label: 'Route and destination', multiline: true },
  { key: 'companions', label: 'Companions', multiline: true },
  { key: 'vehicle', label: 'Vehicle' },
  { key: 'identityUsed', label: 'Identity used' },
  { key: 'objects', label: 'Objects carried', multiline: true },
];

export function CheckReportForm({ idPrefix, onSubmit, onCancel, busy }: {
  readonly idPrefix: string;
  readonly onSubmit: (report: CheckReport) => void;
  readonly onCancel: () => void;
  readonly busy: boolean;
}) {
  const [report, setReport] = useState<Record<string, string>>(() => ({ time: localTimeText(new Date()) }));
  const [badTime, setBadTime] = useState(false);
  const timeRef = useRef<HTMLInputElement>(null);
  const badTimeId = `${idPrefix}-time-error`;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const filled: Record<string, string> = Object.fromEntries(Object.entries(report).filter(([, v]) => v.trim()));
    if (filled['time'] !== undefined) {
      const time = reportTimeOf(filled['time']);
      setBadTime(time === undefined);
      if (time === undefined) {
        timeRef.current?.focus();
        return;
      }
      filled['time'] = time;
    }
    onSubmit(filled as CheckReport);
  };
  return (
    <form className="check-report" onSubmit={submit} aria-label="Encounter report for the owner" onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <h3>Encounter report</h3>
      <div className="report-grid">
        {FIELDS.map((f, i) => {
          const id = `${idPrefix}-${f.key}`;
          const common = { id, value: report[f.key] ?? '', onChange: (e: { target: { value: string } }) => setReport((r) => ({ ...r, [f.key]: e.target.value })), autoFocus: i === 0 };
          const invalid = f.key === 'time' && badTime;
          return (
            <div key={f.key} className={f.multiline ? 'span-2' : undefined}>
              <label htmlFor={id}>{f.label}</label>
              {f.multiline ? <textarea rows={2} {...common} /> : (
                <input {...common} placeholder={f.hint} ref={f.key === 'time' ? timeRef : undefined}
                  aria-invalid={invalid || undefined} aria-describedby={invalid ? badTimeId : undefined} />
              )}
              {invalid ? <p id={badTimeId} role="alert" className="notice notice-error">Time: write it as {REPORT_TIME_FORMAT} in local time, e.g. {localTimeText(new Date())}.</p> : null}
            </div>
          );
        })}
      </div>
      <div className="row"><button type="submit" className="primary" disabled={busy}>Send report and confirm</button><button type="button" onClick={onCancel}>Back</button></div>
    </form>
  );
}
