/**
 * Long work made visible: a determinate bar when the total is known, an indeterminate one
 * otherwise, with the label read out by assistive technology.
 */
export function ProgressBar({ label, value, max }: { readonly label: string; readonly value?: number; readonly max?: number }) {
  const known = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0}
      {...(known ? { 'aria-valuemax': max, 'aria-valuenow': value } : {})}>
      <div className={known ? 'progress-fill' : 'progress-fill progress-indeterminate'} style={known ? { width: `${Math.min(100, (100 * value) / max)}%` } : undefined} />
      <span className="progress-label">{label}{known ? ` — ${value} / ${max}` : '…'}</span>
    </div>
  );
}
