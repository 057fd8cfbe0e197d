/**
 * Search names, aliases and identifiers across everything the user may see. Results show the
 * matched names (and the identifier the query was found as), the owning agency, the subject
 * category and the grading; the records of one resolved subject follow its best one, marked,
 * with a link to the subject's profile; pointers to what others hold are listed apart, as
 * contacts, never as content.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SearchResponse } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { FieldRefusal } from '../common/field-refusal.tsx';
import { GradingBadge } from '../common/grading-badge.tsx';
import { HighlightText, markedWords } from '../common/highlight-text.tsx';
import { levelLabel } from '../common/match-levels.ts';
import { PointerCard } from '../common/pointer-card.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { refusalId, saidRefusals, type FieldWords } from '../common/said-refusals.ts';
import { schemaLabel } from '../common/schema-words.ts';
import { TlpBadge } from '../common/tlp-badge.tsx';
import { useAction } from '../common/use-action.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { useSchemata } from '../common/use-schemata.ts';
import { pushEntryState, useEntryState } from '../routing/entry-state.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';

const SCHEMATA = ['', 'Person', 'Organization', 'Vehicle', 'Address', 'Phone'];

/** A search as it is asked, and kept with the history entry it was run in. */
export interface AskedSearch {
  readonly query: string;
  readonly schema: string;
  readonly born: string;
}

const NO_SEARCH: AskedSearch = { query: '', schema: '', born: '' };

/** The search a history entry keeps: anything else an entry holds asks none. */
export function askedSearchOf(kept: unknown): AskedSearch {
  if (typeof kept !== 'object' || kept === null) return NO_SEARCH;
  const { query, schema, born } = kept as Partial<Record<keyof AskedSearch, unknown>>;
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { query: text(query), schema: text(schema), born: text(born) };
}

export function SearchScreen() {
  const asked = useEntryState('search', askedSearchOf);
  return <PurposeGate><SearchForm {...asked} /></PurposeGate>;
}

/**
 * A search is run through the history, never the address (which the browser lists in its history,
 * where the next user of a shared workstation would read the names searched): submitting the form
 * makes a history entry that keeps the search, and the search an entry keeps is run, when the page
 * opens on it (a reload) and when Back or Forward return to it, so the results come back with it.
 * It is run only here, past the purpose gate, under the purpose and case the session holds, as a
 * search typed in is.
 */
/**
 * A field the server refuses, said by its label as the checkpoint says it (checkpoint-screen.tsx):
 * the date of birth with what it takes (record-search.ts reads it as a record's date is: YYYY,
 * YYYY-MM, YYYY-MM-DD or DD.MM.YYYY), the query with the server's reason, already in words
 * ("needs at least two letters or digits").
 */
const REFUSED: Readonly<Record<string, FieldWords>> = {
  q: { label: 'Name, alias or identifier' },
  birthDate: { label: 'Date of birth', refused: 'not a date of birth — write it as 1985-03-14, 14.03.1985, 1985-03 or a year' },
};
const REFUSAL_PREFIX = 'search';

function SearchForm({ query, schema: askedSchema, born: askedBorn }: AskedSearch) {
  const { api } = useSession();
  const schemata = useSchemata(api);
  const [q, setQ] = useState(query);
  const [schema, setSchema] = useState(askedSchema);
  const [born, setBorn] = useState(askedBorn);
  const [asked, setAsked] = useState('');
  const { busy, error, run, clearError } = useAction();
  const refusals = saidRefusals(error, REFUSED);
  const refused = useRefusedFields<HTMLFormElement>(error, (field) => refusalId(REFUSAL_PREFIX, field));
  const [answer, setAnswer] = useState<SearchResponse>();

  // Back and Forward can ask a search before the last one answered: the latest one asked is shown
  const latest = useRef(0);
  const search = (wanted: AskedSearch): Promise<void> => {
    const mine = ++latest.current;
    return run(async () => {
      const found = await api.search(wanted.query, { limit: 50, ...(wanted.schema ? { schema: wanted.schema } : {}), ...(wanted.born ? { birthDate: wanted.born } : {}) });
      if (mine !== latest.current) return;
      setAnswer(found);
      setAsked(wanted.query);
    }, () => {
      if (mine === latest.current) setAnswer(undefined);
    });
  };

  useEffect(() => {
    setQ(query);
    setSchema(askedSchema);
    setBorn(askedBorn);
    if (query.trim()) void search({ query: query.trim(), schema: askedSchema, born: askedBorn.trim() });
    else {
      latest.current++;
      setAnswer(undefined);
    }
    // run again only when the history entry asks another search
  }, [api, query, askedSchema, askedBorn]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const wanted = { query: q.trim(), schema, born: born.trim() };
    // the same search again makes no new entry: run it here
    if (wanted.query === query.trim() && wanted.schema === askedSchema && wanted.born === askedBorn.trim()) void search(wanted);
    else pushEntryState('search', wanted, href('search'));
  };

  return (
    <section aria-labelledby="search-title" className="screen">
      <h1 id="search-title">Search</h1>
      <form ref={refused.ref} className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="search-q" className="visually-hidden">Name, alias or identifier</label>
        {/* a search the browser refuses (no name) runs nothing: the last one's error is no longer about the form */}
        <input id="search-q" type="search" placeholder="Name, alias or identifier" required minLength={2} maxLength={200} autoFocus value={q} onChange={(e) => setQ(e.target.value)} onInvalid={clearError} {...refused.field('q')} />
        <label htmlFor="search-born" className="visually-hidden">Date of birth (optional)</label>
        <input id="search-born" className="search-born" placeholder="Born (optional)" maxLength={10} value={born} onChange={(e) => setBorn(e.target.value)} {...refused.field('birthDate')} />
        <label htmlFor="search-schema" className="visually-hidden">Kind</label>
        <select id="search-schema" value={schema} onChange={(e) => setSchema(e.target.value)}>
          {SCHEMATA.map((s) => <option key={s} value={s}>{s ? schemaLabel(schemata, s) : 'Any kind'}</option>)}
        </select>
        <button type="submit" className="primary" disabled={busy}>Search</button>
      </form>
      {busy ? <ProgressBar label="Searching" /> : null}
      <FieldRefusal refusals={refusals} field="q" prefix={REFUSAL_PREFIX} />
      <FieldRefusal refusals={refusals} field="birthDate" prefix={REFUSAL_PREFIX} />
      {refusals.unsaid ? <ErrorMessage error={error} /> : null}
      {answer ? <SearchResults answer={answer} query={asked} /> : null}
    </section>
  );
}

function SearchResults({ answer, query }: { readonly answer: SearchResponse; readonly query: string }) {
  const { results, pointers, truncated } = answer;
  const { api } = useSession();
  const schemata = useSchemata(api);
  const agencies = useAgencyNames(api);
  return (
    <>
      <p className="summary" role="status">{truncated ? 'The first ' : ''}{results.length} result{results.length === 1 ? '' : 's'}{pointers.length ? `, ${pointers.length} pointer${pointers.length === 1 ? '' : 's'} to other agencies` : ''} for “{query}”</p>
      {truncated ? <p className="muted" data-testid="search-truncated">More records match than are shown: add a given name, a surname or an identifier, or choose a kind.</p> : null}
      {pointers.length ? (
        <section aria-label="Pointers to information held elsewhere">
          <h2 className="section-title">Held by other agencies</h2>
          <ul className="pointer-list">{pointers.map((p, i) => <PointerCard key={`${p.agency}-${i}`} pointer={p} />)}</ul>
        </section>
      ) : null}
      {results.length ? (
        <div className="table-scroll" role="region" aria-label="Search results, scrollable" tabIndex={0}>
          <table className="data results">
            <caption className="visually-hidden">Search results</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Matched names</th><th scope="col">Kind</th><th scope="col">Born</th><th scope="col">Agency</th><th scope="col">Category</th><th scope="col">Grading</th><th scope="col">Marking</th><th scope="col">Updated</th></tr>
            </thead>
            <tbody>
              {results.map((r) => {
                const matched = r.matched;
                const names = [...(r.properties['name'] ?? []), ...(r.properties['alias'] ?? [])].filter((n) => n !== r.caption && n !== matched?.name);
                // other names of the record: the words the matched name's marks cover, and the words the full text looked up
                const words = [...answer.words, ...(matched ? markedWords(matched.name, matched.marks) : [])];
                return (
                  <tr key={r.id} className={r.subject && r.subject.lead !== r.id ? 'same-subject' : undefined}>
                    <td>
                      {r.subject && r.subject.lead !== r.id ? <><span className="muted" aria-hidden="true">↳ </span><span className="visually-hidden">Same subject: </span></> : null}
                      <a href={href('profile', 'record', r.id)} className="strong">{matched && matched.name === r.caption ? <HighlightText text={r.caption} marks={matched.marks} /> : <HighlightText text={r.caption} words={words} />}</a>
                      {r.subject?.lead === r.id ? <> <a className="subject-link" href={href('profile', 'entity', r.subject.entity)} title="Its profile shows every record of it you may see">one subject, {subjectSize(results, r.subject.lead)} records found</a></> : null}
                    </td>
                    <td className="names">
                      {r.identifier ? <span className="name-chip matched-identifier">{r.identifier.kind}{r.identifier.how === 'confusable' ? ' · read alike' : ''}</span> : null}
                      {matched ? <MatchedName matched={matched} caption={r.caption} /> : null}
                      {names.slice(0, 4).map((n, i) => <span key={i} className="name-chip"><HighlightText text={n} words={words} /></span>)}{names.length > 4 ? <span className="muted"> +{names.length - 4}</span> : null}
                    </td>
                    <td>{schemaLabel(schemata, r.schema)}</td>
                    <td className="nowrap">{(r.properties['birthDate'] ?? []).join(', ')}{r.born && r.born !== 'missing' ? <span className={`muted born-${r.born}`}> · {r.born === 'exact' ? 'as asked' : levelLabel('birthDate', r.born)}</span> : null}</td>
                    <td>{agencyName(agencies, r.provenance.agency)}</td>
                    <td><span className={`badge category category-${r.provenance.category}`}>{r.provenance.category}</span></td>
                    <td><GradingBadge reliability={r.provenance.reliability} credibility={r.provenance.credibility} /></td>
                    <td><TlpBadge tlp={r.provenance.marking.tlp} /></td>
                    <td className="nowrap muted">{r.updatedAt.slice(0, 10)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : <p className="muted">Nothing you may see matches. {pointers.length ? 'See the pointers above.' : ''}</p>}
    </>
  );
}

/** How many of the results are records of the subject led by `lead`. */
const subjectSize = (results: SearchResponse['results'], lead: string): number => results.filter((r) => r.subject?.lead === lead).length;

/** A name's words in any order and case: "BENALI, MEHDI" is the caption "Mehdi Benali" written otherwise. */
const wordsOf = (name: string): string => name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).sort().join(' ');

/**
 * The name that matched and how: "same name, other spelling", "close spelling"… tells the
 * analyst that a spelling or a script variant was found, not the words typed; the name itself
 * is shown when it is not the caption. The matcher's own level name is in the tooltip.
 */
function MatchedName({ matched, caption }: { readonly matched: NonNullable<SearchResponse['results'][number]['matched']>; readonly caption: string }) {
  const shown = wordsOf(matched.name) !== wordsOf(caption);
  if (!shown && matched.level === 'exact') return null;
  return (
    <span className="name-chip matched-name" title={`${matched.level}, matched ${Math.round(matched.score * 100)}%`}>
      {shown ? <HighlightText text={matched.name} marks={matched.marks} /> : null}
      <span className="muted">{shown ? ' · ' : ''}{levelLabel('name', matched.level)}</span>
    </span>
  );
}
