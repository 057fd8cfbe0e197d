/**
 * One screening hit as the officer needs it: the action in large type, what to do, whom to call,
 * whom it lists (name, date of birth, nationality) and why it matched; confirm or reject it.
 * Hits needing a report (discreet, inquiry and specific checks) open the report form on
 * confirmation. A pointer shows nobody to compare, so nothing to confirm: the officer calls its
 * desk and records the call, with what the desk said. A decision contrary to the one held on a
 * card of the same resolved person is asked before it is sent (same-person-decisions.ts).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CheckReport, HitDecision, ScreeningHit } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { GradingBadge } from '../common/grading-badge.tsx';
import { levelLabel } from '../common/match-levels.ts';
import { PropertyValue } from '../common/property-value.tsx';
import { saidRefusals } from '../common/said-refusals.ts';
import { useAction } from '../common/use-action.ts';
import { useSession } from '../session/session-context.tsx';
import { CheckReportForm, REPORT_TEXT_LENGTH, REPORT_WORDS } from './check-report-form.tsx';
import { contraryAnswer, contraryQuestion, type ContraryDecision } from './same-person-decisions.ts';

const REPORTED = new Set(['REPORT_COVERTLY', 'SEARCH', 'INTERVIEW']);

export function actionOf(hit: ScreeningHit): { code: string; instruction: string; disclose: boolean } {
  const first = hit.alerts?.[0];
  if (first) return { code: first.action, instruction: first.instruction, disclose: first.disclose };
  if (hit.kind === 'pointer') return { code: 'CONTACT OWNER', instruction: `${hit.agencyName ?? hit.agency ?? 'Another agency'} holds information on a likely match. Call the desk before letting the person go.`, disclose: false };
  return { code: 'NO ALERT', instruction: 'Known subject without an alert in force. Carry on with the usual check.', disclose: true };
}

/** Whom to call: the owner desk of the most binding alert, or a pointer's desk; nobody for a subject without an alert. */
function ownerOf(hit: ScreeningHit): string {
  const owner = hit.alerts?.[0]?.owner;
  if (owner) return `${owner.agencyName ?? owner.agency} — ${owner.desk} ${owner.contact}`;
  const agency = hit.agencyName ?? hit.agency ?? '';
  return hit.desk ? `${agency} — ${hit.desk.name} ${hit.desk.contact}` : agency;
}

/**
 * Whom the hit is about, as the officer compares them with the person in front of them: the
 * listed name (also when only a document or a plate matched), with the record's reference.
 */
function subjectOf(hit: ScreeningHit) {
  const reference = hit.id ?? hit.subject;
  const name = hit.caption ?? hit.listed?.name ?? hit.explain?.name?.listed;
  if (!name) return reference ?? 'hidden record';
  return <>{name}{reference ? <span className="muted small subject-ref"> {reference}</span> : null}</>;
}

/**
 * The officer's reading of the match, one pattern for every reason ("Name: …", "Date of birth:
 * …"): the listed name and how it compared, then each other fact asked. A date of birth that
 * differs by one keystroke says so, with the two years: the officer asks, rather than lets go.
 */
export function reasonsOf(explain: ScreeningHit['explain']): string[] {
  if (!explain) return [];
  const reasons: string[] = [];
  if (explain.name) reasons.push(`Name: ${explain.name.listed} (${levelLabel('name', explain.name.level)})`);
  const born = explain.birthDate;
  if (born?.slip) reasons.push(`Date of birth: differs — possibly a typing slip (${born.slip.query} given, ${born.slip.listed} listed)`);
  else if (born && born.level !== 'missing') reasons.push(`Date of birth: ${levelLabel('birthDate', born.level)}`);
  for (const [fact, label] of [['nationality', 'Nationality'], ['gender', 'Gender']] as const) {
    const level = explain[fact]?.level;
    if (level && level !== 'missing') reasons.push(`${label}: ${levelLabel(fact, level)}`);
  }
  for (const [fact, label, feature] of [['document', 'Document', 'identifier'], ['plate', 'Plate', 'identifier'], ['phone', 'Phone', 'phone']] as const) {
    const level = explain[fact];
    if (level) reasons.push(`${label}: ${levelLabel(feature, level)}`);
  }
  return reasons;
}

type CardState = 'open' | 'reporting' | 'confirmed' | 'rejected' | 'called';

/** What a card taking the decision says; nothing while it is open. */
const DECIDED = {
  open: '', reporting: '', confirmed: 'Confirmed', rejected: 'Rejected as a different person', called: 'Call to the desk recorded',
} as const;

/**
 * What a card says of the decision taken on it, and who was told of it as the decision's answer
 * names them (`told`): an alert's owner, a pointer's agency, by the name the hit gives it. A hit
 * without an alert tells no one, and the card says no more than what was decided.
 */
export function decidedText(state: CardState, hit: ScreeningHit, told: readonly string[] = hit.decision?.told ?? []): string {
  const said = DECIDED[state];
  if (said === '') return '';
  const names = told.map((agency) => hit.alerts?.find((a) => a.owner.agency === agency)?.owner.agencyName ?? (hit.agency === agency ? hit.agencyName : undefined) ?? agency);
  const agencies = [...new Set(names)];
  if (agencies.length === 0) return `${said}.`;
  return `${said} — ${agencies.length === 1 ? agencies[0] : `${agencies.slice(0, -1).join(', ')} and ${agencies[agencies.length - 1]}`} told.`;
}

const STATE_OF = { confirm: 'confirmed', reject: 'rejected', called: 'called' } as const satisfies Record<HitDecision, CardState>;

/**
 * What a card says of a decision the check already holds, taken before this page showed it (a
 * reload, another tab) or by another officer: who took it, in words, never the hit's ref.
 */
export function keptDecisionText(decision: NonNullable<ScreeningHit['decision']>, me: string): string {
  const who = decision.by === me ? 'you' : 'another officer';
  return decision.decision === 'called' ? `The desk was already called by ${who}.` : `Already ${STATE_OF[decision.decision]} by ${who}.`;
}

export function HitCard({ hit, n, decidedHere = false, told, onDecide, onDecided, sameAs, contraryOf }: {
  readonly hit: ScreeningHit;
  readonly n: number;
  /** Whether the hit's decision was taken on this page (else it is told as one taken before, or elsewhere). */
  readonly decidedHere?: boolean;
  /** The agencies told of the decision taken on this page, as its answer named them. */
  readonly told?: readonly string[] | undefined;
  /** The card (its position, from 1, and its hit) that lists the same resolved person. */
  readonly sameAs?: { readonly position: number; readonly hit: ScreeningHit } | undefined;
  /** Takes the decision; resolved once the card's hit holds the decision in force, its own or another session's. */
  readonly onDecide: (n: number, decision: HitDecision, report?: CheckReport) => Promise<void>;
  /** Once the decision is taken and its buttons gone: where the keyboard goes next. */
  readonly onDecided?: (card: HTMLElement) => void;
  /** The decision on a card of the same person contrary to `decision`, which is asked before it is taken. */
  readonly contraryOf?: (decision: 'confirm' | 'reject') => ContraryDecision | undefined;
}) {
  const { user } = useSession();
  const [step, setStep] = useState<'open' | 'reporting'>('open');
  // the check's decision is the one in force: the card closes on the answer that holds it
  const kept = hit.decision;
  const state: CardState = kept ? STATE_OF[kept.decision] : step;
  const said = kept && !decidedHere ? keptDecisionText(kept, user.id) : decidedText(state, hit, told);
  const [notes, setNotes] = useState('');
  const { busy, error, run } = useAction();
  const cardRef = useRef<HTMLLIElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const rejectRef = useRef<HTMLButtonElement>(null);
  /** The decision asked of the officer, its buttons set aside, and the decision on the same person it goes against. */
  const [asking, setAsking] = useState<{ readonly decision: 'confirm' | 'reject'; readonly contrary: ContraryDecision }>();
  /** The decision button the keyboard goes back to once the question is taken back. */
  const [returnTo, setReturnTo] = useState<'confirm' | 'reject'>();
  const questionRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (!returnTo) return;
    (returnTo === 'confirm' ? confirmRef : rejectRef).current?.focus();
    setReturnTo(undefined);
  }, [returnTo]);
  const previous = useRef(state);
  // The control focused (a decision, the report's Send or Back) is gone: the focus, left on the
  // body, goes on — to the next decision once this one is taken, to Confirm back from the report.
  useEffect(() => {
    const was = previous.current;
    previous.current = state;
    const card = cardRef.current;
    const lost = document.activeElement === document.body || document.activeElement === null || Boolean(card?.contains(document.activeElement));
    if (was === state || !card || !lost) return;
    if (state === 'open') confirmRef.current?.focus();
    else if (state !== 'reporting') onDecided?.(card);
  }, [state, onDecided]);
  const action = actionOf(hit);
  const reasons = reasonsOf(hit.explain);
  // a listed subject without an alert has no desk to call: no empty Owner row
  const owner = ownerOf(hit);
  const decide = async (decision: HitDecision, report?: CheckReport): Promise<void> => {
    await run(async () => {
      await onDecide(n, decision, report);
    });
  };
  /** What the officer asked for, once confirmed against what the same person's cards hold. */
  const proceed = (decision: 'confirm' | 'reject'): void => {
    // a question answered stays until the decision closes the card: a failure leaves it to answer again
    if (decision === 'confirm' && REPORTED.has(action.code)) {
      setAsking(undefined);
      setStep('reporting');
    } else void decide(decision);
  };
  // read when the button is pressed: decisions taken on the other cards since count too
  const ask = (decision: 'confirm' | 'reject'): void => {
    const contrary = contraryOf?.(decision);
    if (contrary) setAsking({ decision, contrary });
    else proceed(decision);
  };
  const takeBack = (): void => {
    if (!asking) return;
    setReturnTo(asking.decision);
    setAsking(undefined);
  };
  // Esc takes the question back, not the check: the screen leaves a key handled here alone
  const onQuestionKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    takeBack();
  };
  const listed = hit.kind === 'match' ? hit.listed : undefined;
  const headingId = `hit-${n}-action`;
  /**
   * A control focused on the card from the keyboard (by Tab, or the focus moved on after a
   * decision) is shown with the card's action heading: the browser brings a control it focuses to
   * the middle of the screen, which on an 800×600 screen left a tall card's heading above it, out
   * of view. Moved down as far as the heading needs, once the browser has scrolled, while the
   * control stays on screen; on a screen wide enough for the top bar to stay at the top (over 1100
   * pixels), what it covers is not in view. The focus a mouse press gives a button is left where
   * it is: moving the page between the press and the release took the button from under the
   * pointer, and the click was lost.
   */
  const keepHeadingInView = (): void => {
    requestAnimationFrame(() => {
      const heading = document.getElementById(headingId);
      const control = document.activeElement;
      if (!heading || !control || !cardRef.current?.contains(control) || !control.matches(':focus-visible')) return;
      const top = heading.getBoundingClientRect().top;
      const covered = Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0);
      if (top >= covered) return;
      const by = Math.min(covered + 8 - top, window.innerHeight - control.getBoundingClientRect().bottom);
      if (by > 0) window.scrollBy(0, -by);
    });
  };
  return (
    <li ref={cardRef} className={`hit-card hit-${action.code.toLowerCase().replace(/[^a-z]+/g, '-')} hit-${state}`} aria-labelledby={headingId} onFocus={keepHeadingInView}>
      <div className="hit-action" id={headingId}>{action.code.replace(/_/g, ' ')}</div>
      {!action.disclose ? <div className="hit-discreet">Do not let the person know</div> : null}
      <p className="hit-instruction">{action.instruction}</p>
      <dl className="hit-facts">
        <div><dt>Subject</dt><dd>{subjectOf(hit)}</dd></div>
        {listed?.birthDates?.length ? <div className="hit-listed-born"><dt>Born</dt><dd>{listed.birthDates.join(', ')}</dd></div> : null}
        {listed?.nationalities?.length ? <div className="hit-listed-nationality"><dt>Nationality</dt><dd>{listed.nationalities.map((code, i) => <span key={code}>{i > 0 ? ', ' : ''}<PropertyValue type="country" value={code} /></span>)}</dd></div> : null}
        {sameAs ? <div className="hit-same-subject"><dt>Same person as</dt><dd>card {sameAs.position}: {subjectOf(sameAs.hit)}</dd></div> : null}
        {hit.category ? <div><dt>Listed as</dt><dd><span className={`badge category category-${hit.category}`}>{hit.category}</span> <span className={hit.nature === 'assessment' ? 'badge nature-assessment' : 'badge nature-fact'}>{hit.nature ?? 'fact'}</span>{hit.reliability !== undefined && hit.credibility !== undefined ? <> <GradingBadge reliability={hit.reliability} credibility={hit.credibility} /></> : null}</dd></div> : null}
        <div><dt>Match</dt><dd>{hit.band}{hit.score !== undefined ? ` (${Math.round(hit.score * 100)}%)` : ''}</dd></div>
        {reasons.length ? <div><dt>Why</dt><dd className="hit-why">{reasons.join(' · ')}</dd></div> : null}
        {owner ? <div><dt>Owner</dt><dd className="owner-contact">{owner}</dd></div> : null}
        {hit.alerts?.[0]?.instructions ? <div><dt>Owner's instructions</dt><dd>{hit.alerts[0].instructions}</dd></div> : null}
      </dl>
      {state === 'open' && hit.kind === 'pointer' ? (
        <div className="row">
          <label htmlFor={`hit-${n}-notes`} className="visually-hidden">What the desk said</label>
          <input id={`hit-${n}-notes`} placeholder="What the desk said (optional)" maxLength={REPORT_TEXT_LENGTH} value={notes} onChange={(e) => setNotes(e.target.value)} />
          <button type="button" className="primary" disabled={busy}
            onClick={() => void decide('called', notes.trim() ? { notes: notes.trim() } : undefined)}>Desk called: record the call</button>
        </div>
      ) : null}
      {state === 'open' && hit.kind !== 'pointer' && !asking ? (
        <div className="row">
          <button type="button" className="primary" ref={confirmRef} disabled={busy} onClick={() => ask('confirm')}>Confirm: same person</button>
          <button type="button" ref={rejectRef} disabled={busy} onClick={() => ask('reject')}>Reject: not this person</button>
        </div>
      ) : null}
      {state === 'open' && asking ? (
        <div className="hit-contrary notice notice-pending" role="alertdialog" aria-labelledby={`hit-${n}-contrary`} tabIndex={-1} ref={questionRef} onKeyDown={onQuestionKey}>
          <p id={`hit-${n}-contrary`}>{contraryQuestion(asking.contrary)}</p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => proceed(asking.decision)}>{contraryAnswer(asking.contrary)}</button>
            <button type="button" disabled={busy} onClick={takeBack}>Cancel</button>
          </div>
        </div>
      ) : null}
      {state === 'reporting' ? <CheckReportForm idPrefix={`hit-${n}`} busy={busy} error={error} onCancel={() => setStep('open')} onSubmit={(report) => void decide('confirm', report)} /> : null}
      {/* mounted empty from the start: a live region inserted already filled is not read out */}
      <p className={state === 'rejected' ? 'decided muted' : 'decided'} role="status">{said}</p>
      {/* a refusal of the report's fields is said on them, while the report is open */}
      {state === 'reporting' && !saidRefusals(error, REPORT_WORDS).unsaid ? null : <ErrorMessage error={error} />}
    </li>
  );
}
