/**
 * What a discreet or specific check reports to the owner (SIS Art. 37 (1)): place, time, route
 * and destination, companions, vehicle, identity used and objects carried. The time is shown and
 * written in local time, and sent with its offset; one the form cannot read is said, on its
 * field, before anything is sent. A field takes no more than the server keeps of it (the decision
 * route's report: a place 200 characters, the identity used 300, the others 2,000); a field the
 * server refuses all the same is said beside it by its label.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { CheckReport } from '../api/api-types.ts';
import { FieldRefusal } from '../common/field-refusal.tsx';
import { refusalId, saidRefusals, type FieldWords } from '../common/said-refusals.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { localTimeText, REPORT_TIME_FORMAT, reportTimeOf } from './report-time.ts';

/** The most a report's text is kept to, and a desk's notes on a pointer's call (report.notes). */
export const REPORT_TEXT_LENGTH = 2000;

const FIELDS: readonly { key: keyof CheckReport; label: string; multiline?: boolean; hint?: string; maxLength?: number }[] = [
  { key: 'place', label: 'Place', maxLength: 200 },
  { key: 'time', label: 'Time', hint: `${REPORT_TIME_FORMAT}, local time` },
  { key: 'route', label: 'Route and destination', multiline: true, maxLength: REPORT_TEXT_LENGTH },
  { key: 'companions', label: 'Companions', multiline: true, maxLength: REPORT_TEXT_LENGTH },
  { key: 'vehicle', label: 'Vehicle', maxLength: REPORT_TEXT_LENGTH },
  { key: 'identityUsed', label: 'Identity used', maxLength: 300 },
  { key: 'objects', label: 'Objects carried', multiline: true, maxLength: REPORT_TEXT_LENGTH },
];

/** The report's fields as the API names them in a refusal ("report.place"), by their labels. */
export const REPORT_WORDS: Readonly<Record<string, FieldWords>> = Object.fromEntries(FIELDS.map((f) => [`report.${f.key}`, { label: f.label }]));

export function CheckReportForm({ idPrefix, onSubmit, onCancel, busy, error }: {
  readonly idPrefix: string;
  readonly onSubmit: (report: CheckReport) => void;
  readonly onCancel: () => void;
  readonly busy: boolean;
  /** The last decision's failure: the fields of the report it refuses are marked and said beside them. */
  readonly error?: unknown;
}) {
  const [report, setReport] = useState<Record<string, string>>(() => ({ time: localTimeText(new Date()) }));
  const [badTime, setBadTime] = useState(false);
  const timeRef = useRef<HTMLInputElement>(null);
  const badTimeId = `${idPrefix}-time-error`;
  const refusals = saidRefusals(error, REPORT_WORDS);
  const refused = useRefusedFields<HTMLFormElement>(error, (field) => refusalId(idPrefix, field));
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
    <form ref={refused.ref} className="check-report" onSubmit={submit} aria-label="Encounter report for the owner" onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <h3>Encounter report</h3>
      <div className="report-grid">
        {FIELDS.map((f, i) => {
          const id = `${idPrefix}-${f.key}`;
          const common = {
            id, value: report[f.key] ?? '', onChange: (e: { target: { value: string } }) => setReport((r) => ({ ...r, [f.key]: e.target.value })), autoFocus: i === 0,
            ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...refused.field(`report.${f.key}`),
          };
          const invalid = f.key === 'time' && badTime;
          return (
            <div key={f.key} className={f.multiline ? 'span-2' : undefined}>
              <label htmlFor={id}>{f.label}</label>
              {f.multiline ? <textarea rows={2} {...common} /> : (
                <input {...common} placeholder={f.hint} ref={f.key === 'time' ? timeRef : undefined}
                  {...(invalid ? { 'aria-invalid': true, 'aria-describedby': badTimeId } : {})} />
              )}
              {invalid ? <p id={badTimeId} role="alert" className="notice notice-error">Time: write it as {REPORT_TIME_FORMAT} in local time, e.g. {localTimeText(new Date())}.</p> : null}
              <FieldRefusal refusals={refusals} field={`report.${f.key}`} prefix={idPrefix} />
            </div>
          );
        })}
      </div>
      <div className="row"><button type="submit" className="primary" disabled={busy}>Send report and confirm</button><button type="button" onClick={onCancel}>Back</button></div>
    </form>
  );
}
