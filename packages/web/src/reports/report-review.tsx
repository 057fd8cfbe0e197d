/**
 * One report: its text with the mentions marked, its provenance, and what extraction found.
 * Reviewers (analysts of the owning agency) confirm each entity — as found, edited, or linked
 * to an existing record the matcher proposes (score, the features that made it and the words of
 * the name that agreed, the report's beside the record's); for a
 * phone, an e-mail address, a document or a plate, a record holding the same one (how it
 * matched, which of the record's properties holds it, and whether confirming names that record
 * as the holder or keeps it as a lead) — or reject it; relations become records once both ends
 * are confirmed. Others read the text only. Where the proposals met records the reviewer may not
 * see but whose owner allows a pointer, the review lists each such agency and whom to call: a
 * pointer says no more (not which record, nor which name of the report it concerns).
 */
import { countryName } from '@mosaic/model';
import { useEffect, useRef, useState } from 'react';
import type { IdentifierLink, LinkProposal, ReportDetail, ReportEntity, ReportRelation } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { featureLabel, levelLabel } from '../common/match-levels.ts';
import { PointerCard } from '../common/pointer-card.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { ProvenanceLine } from '../common/provenance-line.tsx';
import { schemaLabel } from '../common/schema-words.ts';
import { useAction } from '../common/use-action.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useAsync } from '../common/use-async.ts';
import { useSchemata, type SchemaInfo } from '../common/use-schemata.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';
import { ReportText } from './report-text.tsx';
import { suggestedLink } from './suggested-link.ts';

/** A name's agreeing tokens as the answer names them: the report's words (`wordsA`) beside the record's (`wordsB`). */
interface AgreedWords { readonly wordsA?: readonly string[]; readonly wordsB?: readonly string[] }

/** The words of the name that agreed, "Moreau ~ MOREAU, Tomas ~ Tomas"; empty when the answer names none. */
function agreedWordsOf(tokens: unknown): string {
  if (!Array.isArray(tokens)) return '';
  return (tokens as readonly AgreedWords[]).flatMap((t) => (t.wordsA && t.wordsB ? [`${t.wordsA.join(' ')} ~ ${t.wordsB.join(' ')}`] : [])).join(', ');
}

/** The matcher's explanation in words: each feature, its level and weight in bits; for the name, the words that agreed. */
function explanationOf(explain: unknown): string {
  if (!Array.isArray(explain)) return '';
  return explain
    .filter((e): e is { feature: string; level: string; weight: number; tokens?: unknown } => typeof e === 'object' && e !== null && 'feature' in e && 'weight' in e)
    .filter((e) => e.level !== 'missing')
    .map((e) => {
      const words = e.feature === 'name' ? agreedWordsOf(e.tokens) : '';
      return `${featureLabel(e.feature)}: ${levelLabel(e.feature, e.level)} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(1)}${words ? ` (${words})` : ''}`;
    })
    .join(' · ');
}

/**
 * What tells a candidate from another of the same name: its dates of birth, nationalities and
 * record id, the id a link to its profile (a new tab, so the review stays as it is).
 */
function ProposalDetails({ proposal }: { readonly proposal: LinkProposal }) {
  const facts = [
    proposal.birthDate?.length ? `born ${proposal.birthDate.join(' or ')}` : '',
    proposal.nationality?.length ? `nationality ${proposal.nationality.map(countryName).join(', ')}` : '',
  ].filter((fact) => fact.length > 0);
  return (
    <span className="proposal-details muted">
      {' '}{facts.length ? `${facts.join(' · ')} · ` : 'no date of birth or nationality recorded · '}
      <a href={href('profile', 'record', proposal.record)} target="_blank" rel="noopener noreferrer">{proposal.record}<span className="visually-hidden"> (opens in a new tab)</span></a>
    </span>
  );
}

/** The relation's state in words: why it is not recorded, or what it waits for. */
function relationWaiting(relation: ReportRelation, entities: readonly ReportEntity[], reviewable: boolean): string {
  if (relation.status !== 'proposed') return '';
  if (relation.note) return relation.note;
  const kinds = entities.filter((e) => e.id === relation.source || e.id === relation.target);
  if (!relation.recordable) {
    const [source, target] = [relation.source, relation.target].map((id) => {
      const kind = kinds.find((e) => e.id === id)?.schema.toLowerCase() ?? 'something';
      return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
    });
    return `The records have no form for “${relation.kind ?? relation.type.replace('_', ' ')}” between ${source} and ${target}: it stays in the report's text.`;
  }
  const open = kinds.filter((e) => e.recordable && e.status === 'proposed' && !e.erased).map((e) => e.name);
  if (open.length === 0 || !reviewable) return '';
  return `Confirm or reject ${open.join(' and ')} above to record it.`;
}

/** What confirming with each kind of link makes, as the reviewer reads it before choosing. */
const LINK_LEAD: Readonly<Record<IdentifierLink['link'], string>> = { holder: 'Held by', lead: 'Also held on' };

/** An identifier proposal: the record holding it, how it matched, and in which property. */
function IdentifierProposalText({ proposal, identifier, schemata }: { readonly proposal: LinkProposal; readonly identifier: IdentifierLink; readonly schemata: ReadonlyMap<string, SchemaInfo> | undefined }) {
  const schema = schemata?.get(proposal.schema);
  const property = schema?.properties.find((p) => p.name === identifier.property)?.label ?? identifier.property;
  const agencies = useAgencyNames(useSession().api);
  return (
    <>
      {LINK_LEAD[identifier.link]} <strong>{proposal.caption}</strong> <span className="muted">({schema?.label ?? proposal.schema}, {agencyName(agencies, proposal.agency)})</span>{' '}
      <span className={`badge identifier-${identifier.how}`}>{levelLabel('identifier', identifier.how)}</span>
      <span className="explain muted"> {property}: {identifier.value}{identifier.link === 'lead' ? ' · kept as a lead in the review, no record linked' : ''}</span>
    </>
  );
}

export function ReportReview({ id }: { readonly id: string }) {
  const { api } = useSession();
  const found = useAsync(() => api.report(id), [api, id]);
  const [selected, setSelected] = useState<string>();
  if (found.loading && !found.value) return <ProgressBar label="Opening the report" />;
  if (found.error) return <ErrorMessage error={found.error} />;
  const { report, pointer } = found.value ?? {};
  if (pointer) return <section className="screen"><h1>Report held by another agency</h1><ul className="pointer-list"><PointerCard pointer={pointer} /></ul></section>;
  if (!report) return null;
  return <ReportDetailView detail={report} selected={selected} onSelect={setSelected} reload={found.reload} />;
}

function ReportDetailView({ detail, selected, onSelect, reload }: { readonly detail: ReportDetail; readonly selected: string | undefined; readonly onSelect: (id: string) => void; readonly reload: () => void }) {
  const { report, text, entities, relations, reviewable, pointers, warnings } = detail;
  const nameOf = (id: string): string => entities.find((e) => e.id === id)?.name ?? id;
  const recordable = entities.filter((e) => e.recordable);
  const agencies = useAgencyNames(useSession().api);
  return (
    <article className="screen report" aria-labelledby="report-title">
      <header className="profile-head">
        <div>
          <h1 id="report-title">{report.caption}</h1>
          <div className="profile-sub"><span className="badge schema">Report</span> <span className="muted">{report.properties['collection']?.[0]}</span> <ProvenanceLine provenance={report.provenance} /></div>
        </div>
        <div className="actions"><a className="button" href={href('reports')}>All reports</a></div>
      </header>
      <div className="report-grid">
        <section className="panel" aria-labelledby="text-title">
          <h2 id="text-title">Text</h2>
          <ReportText text={text} entities={entities} {...(selected ? { selected } : {})} onSelect={onSelect} />
        </section>
        <section className="panel" aria-labelledby="found-title">
          <h2 id="found-title">Found in the text</h2>
          {!reviewable ? <p className="muted">Only analysts of {agencyName(agencies, report.provenance.agency)} review this report.</p> : null}
          {warnings?.length ? <ExtractionWarnings warnings={warnings} /> : null}
          {pointers.length ? (
            <section aria-label="Pointers to information held elsewhere">
              <h3>Held by other agencies</h3>
              <p className="muted">These agencies hold records you may not see that may concern someone or something named here; contact them to learn more.</p>
              <ul className="pointer-list">{pointers.map((p) => <PointerCard key={p.agency} pointer={p} />)}</ul>
            </section>
          ) : null}
          <ul className="report-entities">
            {recordable.map((e) => <EntityItem key={e.id} reportId={report.id} entity={e} reviewable={reviewable} selected={selected === e.id} onDone={reload} />)}
          </ul>
          <h2>Relations</h2>
          {relations.length ? (
            <ul className="report-relations">
              {relations.map((r) => (
                <li key={r.index} className={`status-${r.status}`}>
                  <strong>{nameOf(r.source)}</strong> <span className="badge">{r.kind ?? r.type.replace('_', ' ')}</span> <strong>{nameOf(r.target)}</strong>{' '}
                  <span className={`badge review-${r.status}`}>{r.status}</span>{r.recordErased ? <span className="muted"> its record erased since</span> : null}
                  {r.record ? <> <a href={href('profile', 'record', r.record)}>record</a></> : null}
                  {relationWaiting(r, entities, reviewable) ? <span className="muted"> {relationWaiting(r, entities, reviewable)}</span> : null}
                  <div className="evidence muted">“{r.evidence.sentence}”</div>
                </li>
              ))}
            </ul>
          ) : <p className="muted">No relations found.</p>}
        </section>
      </div>
    </article>
  );
}

/** What extraction could not read of the report, so that a reviewer does not take its silence for the text's. */
function ExtractionWarnings({ warnings }: { readonly warnings: readonly string[] }) {
  return (
    <div role="status" className="notice notice-pending">
      <p>Not everything in this report was read for what it names:</p>
      <ul>{warnings.map((w) => <li key={w}>{sentence(w)}</li>)}</ul>
    </div>
  );
}

/** A warning as the API words it ("text is mostly …") as a sentence. */
const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

function EntityItem({ reportId, entity, reviewable, selected, onDone }: { readonly reportId: string; readonly entity: ReportEntity; readonly reviewable: boolean; readonly selected: boolean; readonly onDone: () => void }) {
  const { api } = useSession();
  const schemata = useSchemata(api);
  const agencies = useAgencyNames(api);
  const [name, setName] = useState(entity.name);
  // The strongest proposal the matcher calls a match is chosen for the reviewer to weigh, else a
  // new entity: linking stays their judgement, and nothing is written until they confirm.
  const suggested = suggestedLink(entity.proposals);
  const [link, setLink] = useState<string>(suggested ?? '');
  const { busy, error, run } = useAction();
  // The report is read again after a refusal too: a conflict (409) means another reviewer decided
  // this entity meanwhile, and the list must show their decision, not offer buttons that can only
  // be refused again.
  const act = async (change: () => Promise<unknown>): Promise<void> => {
    await run(async () => {
      try {
        await change();
      } finally {
        onDone();
      }
    });
  };
  // an entity a person's erasure took is shown as erased, with nothing to decide (the API refuses it)
  const open = entity.status === 'proposed' && reviewable && !entity.erased;
  // The decision takes away the buttons that made it, and the browser drops the focus to the
  // page's body: it is kept on the entity instead, whose line now says what became of it.
  const head = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open && document.activeElement === document.body) head.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <li className={`report-entity status-${entity.status}${selected ? ' selected' : ''}`} data-entity={entity.id} aria-label={`${entity.schema} ${entity.name}`}>
      <div className="entity-head" ref={head} tabIndex={-1}>
        <span className={`badge mention-${entity.schema}`}>{schemaLabel(schemata, entity.schema)}</span> <strong>{entity.name}</strong>{' '}
        <span className="muted">{entity.mentions.length} mention{entity.mentions.length === 1 ? '' : 's'}</span>{' '}
        {entity.erased && entity.status === 'proposed' ? <span className="badge review-erased">erased</span> : <span className={`badge review-${entity.status}`}>{entity.status}</span>}
        {entity.entity ? <> <a href={href('profile', 'entity', entity.entity)}>profile</a></> : entity.record ? <> <a href={href('profile', 'record', entity.record)}>record</a></> : entity.recordErased ? <> <span className="muted">its record erased since</span></> : null}
        {entity.linkedTo && entity.linkedAs && entity.linkedAs !== 'same' ? <> <span className="muted">{entity.linkedAs === 'holder' ? 'held by' : 'lead'}</span> <a href={href('profile', 'record', entity.linkedTo)}>{entity.linkedTo}</a></> : null}
      </div>
      {open ? (
        <div className="entity-review">
          <label>Name <input value={name} maxLength={500} onChange={(e) => setName(e.target.value)} aria-label={`Name of ${entity.name}`} /></label>
          <fieldset>
            <legend className="visually-hidden">Link {entity.name} to</legend>
            <label className="proposal"><input type="radio" name={`link-${entity.id}`} checked={link === ''} onChange={() => setLink('')} /> A new {schemaLabel(schemata, entity.schema).toLowerCase()}</label>
            {entity.proposals.map((p: LinkProposal) => (
              <label key={p.record} className="proposal">
                <input type="radio" name={`link-${entity.id}`} checked={link === p.record} onChange={() => setLink(p.record)} />{' '}
                {p.identifier ? <IdentifierProposalText proposal={p} identifier={p.identifier} schemata={schemata} /> : (
                  <>
                    Same as <strong>{p.caption}</strong> <span className="muted">({agencyName(agencies, p.agency)})</span> <span className="score">{Math.round(p.score * 100)}%</span>
                    {p.record === suggested ? <span className="badge suggested"> suggested: a match by the matcher&apos;s threshold</span> : null}
                    <ProposalDetails proposal={p} />
                    <span className="explain muted"> {explanationOf(p.explain)}</span>
                  </>
                )}
              </label>
            ))}
          </fieldset>
          {/* said with the entity's name, heard from button to button down the list */}
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void act(() => api.confirmReportEntity(reportId, entity.id, { ...(name.trim() !== entity.name ? { name: name.trim() } : {}), ...(link ? { link } : {}) }))}>Confirm<span className="visually-hidden"> {entity.name}</span></button>
            <button type="button" disabled={busy} onClick={() => void act(() => api.rejectReportEntity(reportId, entity.id))}>Reject<span className="visually-hidden"> {entity.name}</span></button>
          </div>
        </div>
      ) : null}
      {/* said while the decision is saved (it writes records and their relations), heard by a screen reader */}
      <div className="muted busy-text" role="status" aria-live="polite">{busy ? `Saving the decision on ${entity.name}…` : ''}</div>
      {/* kept once the entity is decided: why this reviewer's action was refused */}
      <ErrorMessage error={error} />
    </li>
  );
}
