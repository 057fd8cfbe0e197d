/**
 * Reports: the latest reports the user may see, full-text search over them, upload with
 * provenance, and one report's review (#/reports/<id>).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ReportSearchResponse } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { HighlightText, wordsOfQuery } from '../common/highlight-text.tsx';
import { PointerCard } from '../common/pointer-card.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { TlpBadge } from '../common/tlp-badge.tsx';
import { useAction } from '../common/use-action.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useAsync } from '../common/use-async.ts';
import { ReportReview } from '../reports/report-review.tsx';
import { UploadForm } from '../reports/upload-form.tsx';
import { pushEntryState, useEntryState } from '../routing/entry-state.ts';
import { href, navigate } from '../routing/use-hash-route.ts';
import { hasRole, useSession } from '../session/session-context.tsx';

export function ReportsScreen({ id }: { readonly id?: string }) {
  const query = useEntryState('reports', reportsQueryOf);
  return <PurposeGate>{id ? <ReportReview id={id} /> : <ReportsHome query={query} />}</PurposeGate>;
}

/** The words of the reports search a history entry keeps: anything else asks none. */
export const reportsQueryOf = (kept: unknown): string => (typeof kept === 'string' ? kept : '');

/**
 * The reports, and a search of their words run through the history as the search screen's is,
 * never through the address: when the page opens on it and when Back or Forward return to it,
 * past the purpose gate.
 */
function ReportsHome({ query }: { readonly query: string }) {
  const { api, user } = useSession();
  const [q, setQ] = useState(query);
  const [asked, setAsked] = useState('');
  const { busy, error, run } = useAction();
  const [answer, setAnswer] = useState<ReportSearchResponse>();
  const latest = useAsync(() => api.latestReports(), [api]);
  const last = useRef(0);
  const search = (words: string): Promise<void> => {
    const mine = ++last.current;
    return run(async () => {
      const found = await api.searchReports(words);
      if (mine !== last.current) return;
      setAnswer(found);
      setAsked(words);
    }, () => {
      if (mine === last.current) setAnswer(undefined);
    });
  };
  useEffect(() => {
    setQ(query);
    if (query.trim()) void search(query.trim());
    else {
      last.current++;
      setAnswer(undefined);
    }
    // run again only when the history entry asks another search
  }, [api, query]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    // the same search again makes no new entry: run it here
    if (q.trim() === query.trim()) void search(q.trim());
    else pushEntryState('reports', q.trim(), href('reports'));
  };
  return (
    <section className="screen" aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="reports-q" className="visually-hidden">Words in the reports</label>
        <input id="reports-q" type="search" placeholder="Words in the reports" required minLength={2} maxLength={200} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>Search reports</button>
      </form>
      {busy ? <ProgressBar label="Searching" /> : null}
      <ErrorMessage error={error} />
      {answer ? (
        <>
          <p className="summary" role="status">{answer.results.length} report{answer.results.length === 1 ? '' : 's'} for “{asked}”</p>
          <ReportResults answer={answer} query={asked} />
        </>
      ) : (
        <section aria-labelledby="latest-reports-title">
          <h2 id="latest-reports-title" className="section-title">Latest reports</h2>
          <ErrorMessage error={latest.error} what="load the latest reports" />
          {latest.value ? (latest.value.results.length || latest.value.pointers.length ? <ReportResults answer={latest.value} query="" /> : <p className="muted">No reports you may see yet.</p>) : null}
        </section>
      )}
      {hasRole(user, 'analyst') ? <UploadForm onUploaded={(id) => navigate(href('reports', id))} /> : null}
    </section>
  );
}

function ReportResults({ answer, query }: { readonly answer: ReportSearchResponse; readonly query: string }) {
  const agencies = useAgencyNames(useSession().api);
  return (
    <>
      {answer.pointers.length ? <ul className="pointer-list">{answer.pointers.map((p, i) => <PointerCard key={i} pointer={p} />)}</ul> : null}
      <ul className="report-results">
        {answer.results.map(({ report, snippet }) => (
          <li key={report.id}>
            <a className="strong" href={href('reports', report.id)}>{report.caption}</a> <span className="muted">{report.properties['collection']?.[0]} · {agencyName(agencies, report.provenance.agency)}</span> <TlpBadge tlp={report.provenance.marking.tlp} />
            <div className="snippet"><HighlightText text={snippet} words={wordsOfQuery(query)} /></div>
          </li>
        ))}
      </ul>
    </>
  );
}
