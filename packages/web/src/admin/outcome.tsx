/** The result of the last change: the server's error (naming field and reason) and the change it refused, or what was done. */
import { ErrorMessage } from '../common/error-message.tsx';
import type { FieldProps } from '../common/use-refused-fields.ts';

/** `what`: the change that failed, in the user's words (AdminAction.failed); `errorId`: for the fields the error names to be described by it. */
export function Outcome({ error, status, what, errorId }: { readonly error: unknown; readonly status: string | undefined; readonly what?: string | undefined; readonly errorId?: string }) {
  return (
    <>
      <ErrorMessage error={error} {...(what ? { what } : {})} {...(errorId ? { id: errorId } : {})} />
      {status ? <p role="status" className="notice notice-ok">{status}</p> : null}
    </>
  );
}

/**
 * `field`: the attributes of the list as a refused field (use-refused-fields.ts), given to each box, the first focused;
 * `wordsOf`: each option as the user reads it (roleWords), the code as it is where none is given (TLP, handling codes).
 */
export function Checks<T extends string>({ legend, options, value, onChange, field, wordsOf = (option) => option }: {
  readonly legend: string; readonly options: readonly T[]; readonly value: readonly T[]; readonly onChange: (next: T[]) => void; readonly field?: FieldProps;
  readonly wordsOf?: (option: T) => string;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input {...field} type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))} /> {wordsOf(o)}
        </label>
      ))}
    </fieldset>
  );
}
