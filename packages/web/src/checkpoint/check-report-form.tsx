/**
 * What a discreet or specific check reports to the owner (SIS Art. 37 (1)): place, time, route
 * and destination, companions, vehicle, identity used and objects carried.
 */
import { useState, type FormEvent } from 'react';
import type { CheckReport } from '../api/api-types.ts';

const FIELDS: readonly { key: keyof CheckReport; label: string; multiline?: boolean }[] = [
  { key: 'place', label: 'Place' },
  { key: 'time', label: 'Time' },
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
  const [report, setReport] = useState<Record<string, string>>(() => ({ time: new Date().toISOString().slice(0, 16).replace('T', ' ') }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(report).filter(([, v]) => v.trim())) as CheckReport;
    onSubmit(filled);
  };
  return (
    <form className="check-report" onSubmit={submit} aria-label="Encounter report for the owner" onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <h3>Encounter report</h3>
      <div className="report-grid">
        {FIELDS.map((f, i) => {
          const id = `${idPrefix}-${f.key}`;
          const common = { id, value: report[f.key] ?? '', onChange: (e: { target: { value: string } }) => setReport((r) => ({ ...r, [f.key]: e.target.value })), autoFocus: i === 0 };
          return (
            <div key={f.key} className={f.multiline ? 'span-2' : undefined}>
              <label htmlFor={id}>{f.label}</label>
              {f.multiline ? <textarea rows={2} {...common} /> : <input {...common} />}
            </div>
          );
        })}
      </div>
      <div className="row"><button type="submit" className="primary" disabled={busy}>Send report and confirm</button><button type="button" onClick={onCancel}>Back</button></div>
    </form>
  );
}
