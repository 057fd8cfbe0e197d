/**
 * The checkpoint screen, made for the keyboard: type name, date of birth, document or plate and
 * press Enter; the hits arrive with the action in large type and the focus on the first decision.
 * Each decision taken moves the focus to the next one still open, then to New check. Escape,
 * wherever the focus is on the screen, starts a new check with the focus back on the name —
 * except in the encounter report and in a dialog, where it means Back. A check with nothing that
 * identifies someone is not sent: the screen says what is missing, and the focus goes to the name.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ScreenQuery } from '../api/api-client.ts';
import type { CheckReport, HitDecision, ScreeningHit, ScreenResponse } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { useAction } from '../common/use-action.ts';
import { HitCard } from '../checkpoint/hit-card.tsx';
import { useSession } from '../session/session-context.tsx';

const FIELDS: readonly { key: keyof ScreenQuery; label: string; type?: string; hint?: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'birthDate', label: 'Date of birth', type: 'text', hint: 'YYYY-MM-DD' },
  { key: 'document', label: 'Document number' },
  { key: 'plate', label: 'Vehicle plate' },
  { key: 'nationality', label: 'Nationality', hint: 'e.g. be' },
];

/** What a check is made on, as the server's screening requires: a date of birth or a nationality only narrows it. */
const IDENTIFYING: ReadonlySet<keyof ScreenQuery> = new Set(['name', 'document', 'plate']);
const MISSING_ID = 'checkpoint-missing';

/** The card listing the same resolved person as `hit`, when the answer says there is one. */
function sameAsOf(hits: readonly ScreeningHit[], hit: ScreeningHit): { readonly position: number; readonly hit: ScreeningHit } | undefined {
  if (hit.sameSubjectAs === undefined) return undefined;
  const at = hits.findIndex((h, i) => (h.n ?? i) === hit.sameSubjectAs);
  const found = hits[at];
  return found ? { position: at + 1, hit: found } : undefined;
}

export function CheckpointScreen() {
  return <PurposeGate><CheckpointForm /></PurposeGate>;
}

function CheckpointForm() {
  const { api } = useSession();
  const [query, setQuery] = useState<Record<string, string>>({});
  const { busy, error, run, clearError } = useAction();
  const [answer, setAnswer] = useState<ScreenResponse>();
  const [ms, setMs] = useState<number>();
  const [missing, setMissing] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const hitsRef = useRef<HTMLOListElement>(null);
  const newCheckRef = useRef<HTMLButtonElement>(null);

  const reset = (): void => {
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
  /** After `card`'s decision: the next card still open (after it, else before it), or New check. */
  const focusNextDecision = (card: HTMLElement): void => {
    const open = [...(hitsRef.current?.querySelectorAll<HTMLElement>('.hit-card.hit-open') ?? [])];
    const next = open.find((c) => Boolean(card.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)) ?? open[0];
    (next?.querySelector<HTMLElement>('button.primary') ?? newCheckRef.current)?.focus();
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
    const t0 = performance.now();
    await run(async () => {
      setAnswer(await api.screen(given));
      setMs(Math.round(performance.now() - t0));
    }, () => setAnswer(undefined));
  };
  const decide = async (n: number, decision: HitDecision, report?: CheckReport): Promise<void> => {
    if (!answer) return;
    // named by its ref, which stays the hit's whatever else the check shows by the time it is decided
    const ref = answer.hits.find((h, i) => (h.n ?? i) === n)?.ref;
    await api.decideHit(answer.check.id, ref ?? n, decision, report);
  };

  return (
    <section className="screen checkpoint" aria-labelledby="checkpoint-title">
      <h1 id="checkpoint-title">Checkpoint</h1>
      <form className="checkpoint-form" onSubmit={(e) => void submit(e)} aria-describedby="checkpoint-help">
        {FIELDS.map((f) => (
          <div key={f.key} className="field">
            <label htmlFor={`check-${f.key}`}>{f.label}</label>
            <input id={`check-${f.key}`} ref={f.key === 'name' ? nameRef : undefined} autoFocus={f.key === 'name'} autoComplete="off" spellCheck={false}
              placeholder={f.hint} value={query[f.key] ?? ''} onChange={(e) => setQuery((q) => ({ ...q, [f.key]: e.target.value }))}
              aria-describedby={missing && IDENTIFYING.has(f.key) ? MISSING_ID : undefined} />
          </div>
        ))}
        <button type="submit" className="primary big" disabled={busy}>Check</button>
      </form>
      <p id="checkpoint-help" className="muted small">Enter checks · Tab moves between hits and decisions · Esc starts a new check</p>
      {missing ? <p id={MISSING_ID} role="alert" className="notice notice-error">Nothing to check: give a name, a document number or a vehicle plate.</p> : null}
      {busy ? <ProgressBar label="Checking" /> : null}
      <ErrorMessage error={error} what="screening" />
      {/* mounted empty before the first answer: a live region inserted already filled is not read out */}
      <p role="status" className={!answer ? 'summary' : answer.hits.length ? 'summary hits-found' : 'summary no-hit'}>
        {answer ? <>{answer.hits.length ? `${answer.hits.length} hit${answer.hits.length === 1 ? '' : 's'}` : 'No hit'} <span className="muted">· check {answer.check.id}{ms !== undefined ? ` · ${ms} ms` : ''}</span></> : null}
      </p>
      {answer ? (
        <>
          <ol className="hits" ref={hitsRef}>{answer.hits.map((hit, n) => <HitCard key={`${answer.check.id}-${n}`} hit={hit} n={hit.n ?? n} onDecide={decide} onDecided={focusNextDecision} autoFocus={n === 0} sameAs={sameAsOf(answer.hits, hit)} />)}</ol>
          <button type="button" ref={newCheckRef} onClick={reset}>New check (Esc)</button>
        </>
      ) : null}
    </section>
  );
}
