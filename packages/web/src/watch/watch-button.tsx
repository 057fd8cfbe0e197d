/**
 * Watch a subject from its profile: be told of new records, links, sightings and alerts on it,
 * and, if asked, warned after a number of days without a sighting ("lost track"). Whether the
 * user watches it already is read from their watches (GET /subscriptions), so a reload shows it,
 * and the watch can be ended here as from the inbox. A watch names one record but follows the
 * subject that record is part of, as the user sees it (the server's watcher tells of every record
 * of the entity shown with it): a watch on any record the profile shows is a watch of this
 * subject, and Stop watching ends it, every such watch if there are several.
 *
 * The watch's label is what the user types, or none (the server names it by its record). It was
 * the profile's caption, the subject's name, which the watch and every notice it told then kept
 * under the user's own text; the server takes a name out of a label when its record is erased
 * (erase-from-watch-labels.ts), but a label need not carry one in the first place.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Subscription } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { useAsync } from '../common/use-async.ts';
import { useSession } from '../session/session-context.tsx';

export function WatchButton({ record, records, formHost }: {
  /** The record a new watch names. */
  readonly record: string;
  /** Every record of the subject the profile shows: a watch on any of them watches the subject. */
  readonly records: readonly string[];
  /**
   * Where the form opens: below the profile's header, the width of the profile, so that opening
   * it leaves the header's title and buttons where they were; beside the button without one.
   */
  readonly formHost?: HTMLElement | null;
}) {
  const { api } = useSession();
  const watches = useAsync(() => api.subscriptions(), [api]);
  // What was changed here since the watches were read: the watch made, or those ended.
  const [made, setMade] = useState<Subscription>();
  const [ended, setEnded] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // Where the keyboard goes once what it pressed is gone: the watch made, or the Watch button again.
  const [focusNext, setFocusNext] = useState<'status' | 'watch'>();
  const formId = useId();
  const status = useRef<HTMLSpanElement>(null);
  const watchButton = useRef<HTMLButtonElement>(null);
  const watching = made && !ended.has(made.id) ? [made] : (watches.value?.subscriptions ?? []).filter((s) => !ended.has(s.id) && s.target.kind === 'entity' && records.includes(s.target.record));
  // the one whose warning is said: one that warns of silence, if any does
  const shown = watching.find((s) => s.lostTrackDays) ?? watching[0];

  useEffect(() => {
    const target = focusNext === 'status' ? status.current : focusNext === 'watch' ? watchButton.current : null;
    if (target) {
      target.focus();
      setFocusNext(undefined);
    }
  });

  const done = (next: 'status' | 'watch'): void => {
    setBusy(false);
    setOpen(false);
    setFocusNext(next);
  };
  const fail = (failure: unknown): void => {
    setBusy(false);
    setError(failure);
  };

  if (watches.error) return <ErrorMessage error={watches.error} what="load your watches" />;
  if (!watches.value) return null;
  if (shown) {
    const stop = (): void => {
      setBusy(true);
      setError(undefined);
      // each ended is kept as ended, should another fail
      Promise.all(watching.map((s) => api.unsubscribe(s.id).then(() => setEnded((before) => new Set([...before, s.id]))))).then(() => {
        setMade(undefined);
        done('watch');
      }, fail);
    };
    return (
      <span className="watching-row">
        <span ref={status} tabIndex={-1} className="badge watching" role="status">Watching{shown.lostTrackDays ? ` · warn after ${shown.lostTrackDays} days unseen` : ''}</span>
        <button type="button" onClick={stop} disabled={busy}>Stop watching</button>
        <ErrorMessage error={error} what="stop watching" />
      </span>
    );
  }
  // a user whose watch could tell them nothing (a role that reads no records) is offered none
  if (!watches.value.mayWatch) return null;
  const cancel = (): void => {
    setOpen(false);
    setFocusNext('watch');
  };
  // the button stays while the form is open, saying so: pressed again, it closes the form
  const button = <button type="button" ref={watchButton} aria-expanded={open} aria-controls={open ? formId : undefined} onClick={() => (open ? cancel() : setOpen(true))}>Watch</button>;
  if (!open) return button;
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const lostTrackDays = days.trim() === '' ? undefined : Number(days);
    setBusy(true);
    setError(undefined);
    api.subscribe({ target: { kind: 'entity', record }, ...(label.trim() === '' ? {} : { label: label.trim() }), ...(lostTrackDays !== undefined ? { lostTrackDays } : {}) }).then((subscription) => {
      setMade(subscription);
      done('status');
    }, fail);
  };
  const form = (
    <form id={formId} className="watch-form watch-subject-form" onSubmit={submit} aria-label="Watch this subject">
      {/* the form opens at the user's request: the keyboard goes to its first field */}
      <label>Warn after days without a sighting <input type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} placeholder="optional" autoFocus /></label>
      <label>Label <input type="text" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="optional, your own words" /></label>
      <button type="submit" disabled={busy}>Start watching</button>
      <button type="button" onClick={cancel}>Cancel</button>
      <ErrorMessage error={error} what="start watching" />
    </form>
  );
  return <>{button}{formHost ? createPortal(form, formHost) : form}</>;
}
