/**
 * A time window as a form gives it (two date fields, From and To, either left empty), checked
 * before it is used: a date field takes a year of up to six digits as it is typed on, where the
 * server takes four; and a window that ends before it starts holds nothing. A problem is said in
 * the form's words, naming the fields at fault.
 */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

export interface DateWindowProblem {
  readonly fields: readonly (keyof DateWindow)[];
  readonly message: string;
}

const LABELS: Readonly<Record<keyof DateWindow, string>> = { from: 'From', to: 'To' };
const DATE = /^(\d+)-\d{2}-\d{2}$/;

/** What is wrong with one field's value: nothing when it is empty or a date of a four-digit year. */
function dateProblem(field: keyof DateWindow, value: string): DateWindowProblem | undefined {
  if (value === '') return undefined;
  const year = DATE.exec(value)?.[1];
  if (year === undefined) return { fields: [field], message: `${LABELS[field]}: not a date; give a day, a month and a year.` };
  if (year.length !== 4) return { fields: [field], message: `${LABELS[field]}: the year ${year} has ${year.length} digits; give a year of four digits.` };
  return undefined;
}

/** What is wrong with the window, or undefined when it may be applied. */
export function dateWindowProblem(window: DateWindow): DateWindowProblem | undefined {
  const problem = dateProblem('from', window.from) ?? dateProblem('to', window.to);
  if (problem) return problem;
  // dates of four-digit years order as their text does
  if (window.from && window.to && window.from > window.to) {
    return { fields: ['from', 'to'], message: `From (${window.from}) is later than To (${window.to}): no relation falls between them.` };
  }
  return undefined;
}
