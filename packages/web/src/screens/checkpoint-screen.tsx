/**
 * The checkpoint screen, made for the keyboard: type name, date of birth, document or plate and
 * press Enter; the hits arrive with the action in large type and the focus on the answer's
 * summary, read out, where a second Enter records nothing (on the first decision, it recorded a
 * call to a desk never made); Tab goes on to the first decision. Each decision taken moves the
 * focus to the next one still open — a pointer's by what the desk said — then to New check. Escape,
 * wherever the focus is on the screen, starts a new check with the focus back on the name —
 * except in the encounter report and in a dialog, where it means Back. A check with nothing that
 * identifies someone is not sent: the screen says what is missing, and the focus goes to the name.
 *
 * The check answered is kept with the history entry it was made in (its id alone: the names
 * checked stay on the server, whose GET /checks/:id is a read the policy passes and the audit log
 * records), so that a reload, Back or Forward reopens it with its decisions, and the officer goes
 * on deciding rather than checking again, which would tell the alert owners a second time.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ScreenQuery } from '../api/api-client.ts';
import type { CheckReport, HitDecision, ScreeningHit, ScreenResponse } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { FieldRefusal } from '../common/field-refusal.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { refusalId, saidRefusals, type FieldWords } from '../common/said-refusals.ts';
import { useAction } from '../common/use-action.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { HitCard } from '../checkpoint/hit-card.tsx';
import { hitsSummary, type HitsSummary } from '../checkpoint/hits-summary.ts';
import { contraryDecision } from '../checkpoint/same-person-decisions.ts';
import { takeDecision } from '../checkpoint/take-decision.ts';
import { pushEntryState, useEntryState } from '../routing/entry-state.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';

const FIELDS: readonly { key: keyof ScreenQuery; label: string; type?: string; hint?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'birthDate', label: 'Date of birth', type: 'text', hint: 'YYYY-MM-DD' },
  { key: 'document', label: 'Document number' },
  { key: 'plate', label: 'Vehicle plate' },
  { key: 'nationality', label: 'Nationality', hint: 'e.g. be' },
];

/**
 * A field the server refuses, said by its label: the date of birth and the nationality with what
 * they take (screening-query.ts reads a date as a record's is, YYYY, YYYY-MM, YYYY-MM-DD or
 * DD.MM.YYYY, and a country by its ISO 3166 or Doc 9303 code or its English name); the others
 * with the server's reason, already in words ("too short to identify anyone").
 */
const REFUSED: Readonly<Record<string, FieldWords>> = {
  ...Object.fromEntries(FIELDS.map((f) => [f.key, { label: f.label }])),
  birthDate: { label: 'Date of birth', refused: 'not a date of birth — write it as 1985-03-14, 14.03.1985, 1985-03 or a year' },
  nationality: { label: 'Nationality', refused: 'not a country — write its code (be, BEL) or its name in English (Belgium)' },
};
const REFUSAL_PREFIX = 'check';

/** What a check is made on, as the server's screening requires: a date of birth or a nationality only narrows it. */
const IDENTIFYING: ReadonlySet<keyof ScreenQuery> = new Set(['name', 'document', 'plate']);
const MISSING_ID = 'checkpoint-missing';
/** A hit in red, possible matches only in amber, none in green. */
const SUMMARY_CLASS: Readonly<Record<HitsSummary['tone'], string>> = { hit: 'hits-found', possible: 'possible-found', none: 'no-hit' };

/** The card listing the same resolved person as `hit`, when the answer says there is one. */
function sameAsOf(hits: readonly ScreeningHit[], hit: ScreeningHit): { readonly position: number; readonly hit: ScreeningHit } | undefined {
  if (hit.sameSubjectAs === undefined) return undefined;
  const at = hits.findIndex((h, i) => (h.n ?? i) === hit.sameSubjectAs);
  const found = hits[at];
  return found ? { position: at + 1, hit: found } : undefined;
}

/** The check a history entry keeps: its id, anything else keeping none. */
export function keptCheckOf(kept: unknown): string | undefined {
  return typeof kept === 'string' && kept !== '' ? kept : undefined;
}

export function CheckpointScreen() {
  const kept = useEntryState('checkpoint', keptCheckOf);
  return <PurposeGate><CheckpointForm kept={kept} /></PurposeGate>;
}

function CheckpointForm({ kept }: { readonly kept: string | undefined }) {
  const { api } = useSession();
  const [query, setQuery] = useState<Record<string, string>>({});
  const { busy, error, run, clearError } = useAction();
  const refusals = saidRefusals(error, REFUSED);
  const refused = useRefusedFields<HTMLFormElement>(error, (field) => refusalId(REFUSAL_PREFIX, field));
  const [answer, setAnswer] = useState<ScreenResponse>();
  const [missing, setMissing] = useState(false);
  /**
   * The hits (by ref) whose decision this page took, told apart from one another session took,
   * each with the agencies its answer says were told of it: a later decision's answer, the check
   * as kept, names them no more.
   */
  const [decidedHere, setDecidedHere] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const nameRef = useRef<HTMLInputElement>(null);
  const hitsRef = useRef<HTMLOListElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const newCheckRef = useRef<HTMLButtonElement>(null);
  const shownRef = useRef(answer);
  shownRef.current = answer;
  // a reopening answered after another check was made (or asked) is not shown over it
  const latest = useRef(0);

  // the check the history entry keeps, unless it is the one shown: reopened (a reload, Back, Forward)
  useEffect(() => {
    if (kept === shownRef.current?.check.id) return;
    const mine = ++latest.current;
    if (kept === undefined) {
      setAnswer(undefined);
      return;
    }
    void run(async () => {
      const check = await api.check(kept);
      if (mine === latest.current) setAnswer(check);
    }, () => {
      if (mine === latest.current) setAnswer(undefined);
    });
    // reopened only when the history entry keeps another check
  }, [api, kept]);

  const reset = (): void => {
    latest.current++;
    // the next traveller's check starts from an entry keeping none, which a reload keeps empty
    if (shownRef.current) pushEntryState('checkpoint', null, href('checkpoint'));
    setDecidedHere(new Map());
    setQuery({});
    setAnswer(undefined);
    setMissing(false);
    clearError();
    nameRef.current?.focus();
  };
  const resetRef = useRef(reset);
  resetRef.current = reset;
  // on the document, not the screen: after a decision the focus may be nowhere (on the body)
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('textarea, dialog, [role="dialog"], .check-report')) return;
      resetRef.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  // a check answered, or reopened: the keyboard starts on its summary, which records nothing on Enter
  const shownCheck = answer?.check.id;
  useEffect(() => {
    if (shownCheck !== undefined) summaryRef.current?.focus();
  }, [shownCheck]);
  /**
   * After `card`'s decision: the next card still open (after it, else before it), or New check. A
   * pointer's card by what the desk said, before the button that records the call with it.
   */
  const focusNextDecision = (card: HTMLElement): void => {
    const open = [...(hitsRef.current?.querySelectorAll<HTMLElement>('.hit-card.hit-open') ?? [])];
    const next = open.find((c) => Boolean(card.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)) ?? open[0];
    (next?.querySelector<HTMLElement>('input, button.primary') ?? newCheckRef.current)?.focus();
  };
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v)) as ScreenQuery;
    const identifies = Object.keys(given).some((k) => IDENTIFYING.has(k as keyof ScreenQuery));
    setMissing(!identifies);
    if (!identifies) {
      setAnswer(undefined);
      clearError();
      nameRef.current?.focus();
      return;
    }
    const mine = ++latest.current;
    await run(async () => {
      const screened = await api.screen(given);
      if (mine !== latest.current) return;
      setAnswer(screened);
      pushEntryState('checkpoint', screened.check.id, href('checkpoint'));
    }, () => setAnswer(undefined));
  };
  /** `check` on the cards, if it is still the check shown (New check may have been asked meanwhile). */
  const show = (check: ScreenResponse, taken?: { readonly key: string; readonly told: readonly string[] }): void => {
    setAnswer((shown) => (shown?.check.id === check.check.id ? check : shown));
    if (taken !== undefined) setDecidedHere((keys) => new Map(keys).set(taken.key, taken.told));
  };
  /**
   * The cards show the check the decision answers with, as it is now; a decision another session
   * took first closes its card as theirs, and the keyboard goes on to the next decision.
   */
  const decide = async (n: number, decision: HitDecision, report?: CheckReport): Promise<void> => {
    if (!answer) return;
    const ref = answer.hits.find((h, i) => (h.n ?? i) === n)?.ref;
    const { check, taken } = await takeDecision(api, { check: answer.check.id, hit: { ref, n }, decision, report });
    const told = check.hits.find((h, i) => (ref !== undefined ? h.ref === ref : (h.n ?? i) === n))?.decision?.told ?? [];
    show(check, taken ? { key: ref ?? `n${n}`, told } : undefined);
  };

  const summary = answer ? hitsSummary(answer.hits) : undefined;

  return (
    <section className="screen checkpoint" aria-labelledby="checkpoint-title">
      <h1 id="checkpoint-title">Checkpoint</h1>
      <form ref={refused.ref} className="checkpoint-form" onSubmit={(e) => void submit(e)} aria-describedby="checkpoint-help">
        {FIELDS.map((f) => {
          const field = refused.field(f.key);
          return (
            <div key={f.key} className="field">
              <label htmlFor={`check-${f.key}`}>{f.label}</label>
              <input id={`check-${f.key}`} ref={f.key === 'name' ? nameRef : undefined} autoFocus={f.key === 'name'} autoComplete="off" spellCheck={false}
                placeholder={f.hint} value={query[f.key] ?? ''} onChange={(e) => setQuery((q) => ({ ...q, [f.key]: e.target.value }))}
                {...field} aria-describedby={missing && IDENTIFYING.has(f.key) ? MISSING_ID : field['aria-describedby']} />
              <FieldRefusal refusals={refusals} field={f.key} prefix={REFUSAL_PREFIX} />
            </div>
          );
        })}
        <button type="submit" className="primary big" disabled={busy}>Check</button>
      </form>
      <p id="checkpoint-help" className="muted small">Enter checks · Tab moves between hits and decisions · Esc starts a new check</p>
      {missing ? <p id={MISSING_ID} role="alert" className="notice notice-error">Nothing to check: give a name, a document number or a vehicle plate.</p> : null}
      {busy ? <ProgressBar label="Checking" /> : null}
      {refusals.unsaid ? <ErrorMessage error={error} what="run the check" /> : null}
      {/* mounted empty before the first answer: a live region inserted already filled is not read out */}
      {/* the check's id is the reference an officer gives in a report or a call to the desk; how long it took is not the officer's concern */}
      <p role="status" ref={summaryRef} tabIndex={-1} className={summary ? `summary ${SUMMARY_CLASS[summary.tone]}` : 'summary'}>
        {answer && summary ? <>{summary.text} <span className="muted">· Check reference: <span className="check-ref">{answer.check.id}</span></span></> : null}
      </p>
      {answer ? (
        <>
          <ol className="hits" ref={hitsRef}>{answer.hits.map((hit, n) => <HitCard key={`${answer.check.id}-${hit.ref ?? n}`} hit={hit} n={hit.n ?? n} decidedHere={decidedHere.has(hit.ref ?? `n${hit.n ?? n}`)} told={decidedHere.get(hit.ref ?? `n${hit.n ?? n}`)} onDecide={decide} onDecided={focusNextDecision} sameAs={sameAsOf(answer.hits, hit)}
            contraryOf={(decision) => contraryDecision(answer.hits, hit.n ?? n, decision)} />)}</ol>
          <button type="button" ref={newCheckRef} onClick={reset}>New check (Esc)</button>
        </>
      ) : null}
    </section>
  );
}
