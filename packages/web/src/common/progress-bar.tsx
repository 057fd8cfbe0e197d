/**
 * Long work made visible: a determinate bar when the total is known, an indeterminate one
 * otherwise, with the label read out by assistive technology. `text` says what the value counts
 * ("2,500 of 40,000 lines read"), where a bare "2500 / 40000" could be read against other numbers.
 */
export function ProgressBar({ label, value, max, text }: { readonly label: string; readonly value?: number; readonly max?: number; readonly text?: string }) {
  const known = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0}
      {...(known ? { 'aria-valuemax': max, 'aria-valuenow': value } : {})}>
      <div className={known ? 'progress-fill' : 'progress-fill progress-indeterminate'} style={known ? { width: `${Math.min(100, (100 * value) / max)}%` } : undefined} />
      <span className="progress-label">{label}{known ? ` — ${text ?? `${value} / ${max}`}` : '…'}</span>
    </div>
  );
}
