/** The result of the last change: the server's error (naming field and reason) or what was done. */
import { ErrorMessage } from '../common/error-message.tsx';

/** `errorId`: for the fields the error names to be described by it. */
export function Outcome({ error, status, errorId }: { readonly error: unknown; readonly status: string | undefined; readonly errorId?: string }) {
  return (
    <>
      <ErrorMessage error={error} {...(errorId ? { id: errorId } : {})} />
      {status ? <p role="status" className="notice notice-ok">{status}</p> : null}
    </>
  );
}

export function Checks<T extends string>({ legend, options, value, onChange }: { readonly legend: string; readonly options: readonly T[]; readonly value: readonly T[]; readonly onChange: (next: T[]) => void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))} /> {o}
        </label>
      ))}
    </fieldset>
  );
}
