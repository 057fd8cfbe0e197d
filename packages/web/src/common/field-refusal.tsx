/**
 * The refusal of one field, said beside it (common/said-refusals.ts) under the id its control is
 * described by (common/use-refused-fields.ts, given `refusalId`), announced as it appears.
 */
import { refusalId, type SaidRefusals } from './said-refusals.ts';

/** `prefix`: the form's, as given to `refusalId` for the control's description. */
export function FieldRefusal({ refusals, field, prefix }: { readonly refusals: SaidRefusals; readonly field: string; readonly prefix: string }) {
  const said = refusals.fields.find((r) => r.field === field)?.said;
  return said ? <p id={refusalId(prefix, field)} role="alert" className="notice notice-error field-error">{said}</p> : null;
}
