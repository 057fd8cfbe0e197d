/**
 * The profile of a record (GET /records/:id) or of a resolved entity (GET /entities/:id): every
 * value with its provenance, names across agencies, alerts, pointers, timeline, map and related
 * entities, and for an entity who decided about it (judgements and merges). A record the user may
 * not see comes back as a pointer and is shown as one; so is a subject of which the user may read
 * pointers only. An entity id split since lists its parts.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { AlertSummary, ClaimedValue, EntityProfile, Place, RecordView, TimelineEvent } from '../api/api-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { PointerCard } from '../common/pointer-card.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { ProvenanceLine } from '../common/provenance-line.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { schemaLabel } from '../common/schema-words.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useAsync } from '../common/use-async.ts';
import { useSchemata, type SchemaInfo } from '../common/use-schemata.ts';
import { versionWords } from '../common/version-words.ts';
import { AlertList } from '../profile/alert-list.tsx';
import { IssueAlert } from '../profile/issue-alert.tsx';
import { ClaimsTable, recordLink, type ClaimRow } from '../profile/claims-table.tsx';
import { EntityDecisions } from '../profile/entity-decisions.tsx';
import { HeldElsewhere } from '../profile/held-elsewhere.tsx';
import { MergedInto } from '../profile/merged-into.tsx';
import { NamesAcrossAgencies } from '../profile/names-across-agencies.tsx';
import { RelatedList } from '../profile/related-list.tsx';
import { SplitSubject } from '../profile/split-subject.tsx';
import { TimelineList } from '../profile/timeline-list.tsx';
import { href, navigate } from '../routing/use-hash-route.ts';
import { hasRole, useSession } from '../session/session-context.tsx';
import { WatchButton } from '../watch/watch-button.tsx';

/** The schema of an alert (the server's screening-projection.ts). */
const ALERT_SCHEMA = 'Alert';

const OfflineMap = lazy(() => import('../profile/offline-map.tsx'));

/** "X also holds" / "X, Y also hold": the agencies a pointer names, with the verb agreeing. */
function holders(pointers: readonly { readonly agencyName: string }[]): string {
  const names = [...new Set(pointers.map((p) => p.agencyName))];
  return `${names.join(', ')} also ${names.length === 1 ? 'holds' : 'hold'}`;
}

export function ProfileScreen({ kind, id }: { readonly kind: 'record' | 'entity'; readonly id: string }) {
  return <PurposeGate>{kind === 'entity' ? <EntityProfileView id={id} /> : <RecordProfileView id={id} />}</PurposeGate>;
}

/** A record's values as claims of its one provenance. */
export function profileOfRecord(record: RecordView): EntityProfile {
  const properties: Record<string, ClaimedValue[]> = {};
  for (const [name, values] of Object.entries(record.properties)) properties[name] = values.map((value) => ({ value, record: record.id, provenance: record.provenance }));
  return { id: record.id, schema: record.schema, caption: record.caption, properties, records: [record], pointers: [], alerts: [] };
}

function rowsOf(profile: EntityProfile, schema: SchemaInfo | undefined, linkOf: (value: string) => string): ClaimRow[] {
  const defs = new Map(schema?.properties.map((p) => [p.name, p]) ?? []);
  const order = schema ? schema.properties.map((p) => p.name) : [];
  const names = Object.keys(profile.properties).sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  return names.flatMap((name) => (profile.properties[name] ?? []).map((claim) => {
    const def = defs.get(name);
    // A source report opens as a report (text and mentions), not as a bare record.
    const link = def?.type !== 'entity' ? undefined : def.range === 'Report' ? href('reports', claim.value) : linkOf(claim.value);
    return { property: name, label: def?.label ?? name, type: def?.type, claim, ...(link ? { link } : {}) };
  }));
}

/** Located values of a record (Address latitude/longitude), for the map before /places exists. */
function placesOfRecord(record: RecordView): Place[] {
  const lat = Number(record.properties['latitude']?.[0]);
  const lon = Number(record.properties['longitude']?.[0]);
  return Number.isFinite(lat) && Number.isFinite(lon) && record.properties['latitude'] ? [{ id: record.id, lat, lon, kind: record.schema, label: record.caption }] : [];
}

/**
 * The alert last issued from a profile, said on it once the profile is read again: kept here, above
 * the layout that a subject's reading again replaces for a while, and forgotten for another profile.
 */
function useIssuedAlert(id: string): readonly [AlertSummary | undefined, (alert: AlertSummary) => void] {
  const [issued, setIssued] = useState<{ readonly on: string; readonly alert: AlertSummary }>();
  return [issued?.on === id ? issued.alert : undefined, (alert) => setIssued({ on: id, alert })];
}

function RecordProfileView({ id }: { readonly id: string }) {
  const { api } = useSession();
  const [issued, setIssued] = useIssuedAlert(id);
  const schemata = useSchemata(api);
  const found = useAsync(() => api.record(id), [api, id]);
  const history = useAsync(() => api.recordHistory(id), [api, id]);
  // The subject the record is part of: what other agencies hold on it, its alerts and its ties.
  // A record written a moment ago may not be resolved yet: then there is no subject to show.
  const subject = useAsync(async () => {
    try {
      return await api.entity((await api.recordEntity(id)).entity, id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }, [api, id]);
  if (found.loading) return <ProgressBar label="Opening the record" />;
  if (found.error) return <ErrorMessage error={found.error} notFound={`No record ${id} that you may read.`} />;
  const { record, pointer } = found.value ?? {};
  if (pointer) {
    return (
      <section className="screen" aria-labelledby="profile-title">
        <h1 id="profile-title">Record held by another agency</h1>
        <ul className="pointer-list"><PointerCard pointer={pointer} /></ul>
      </section>
    );
  }
  if (!record) return null;
  const profile = { ...profileOfRecord(record), alerts: subject.value?.alerts ?? [] };
  const events: TimelineEvent[] = (history.value?.versions ?? []).map((v) => ({
    id: `v${v.version}`, date: v.at, kind: versionWords(v.op, v.version), summary: `version ${v.version} by ${v.actor}${v.reason ? ` — ${v.reason}` : ''}${v.withheld ? ' (content withheld: marked above your access)' : ''}`, provenance: [],
  }));
  return (
    <ProfileLayout api={api} profile={profile} schema={schemata?.get(record.schema)} events={events} places={placesOfRecord(record)}
      timelineTitle="Versions" subtitle={<ProvenanceLine provenance={record.provenance} />} subject={subject.value?.id} subjectRecords={subject.value?.records.map((r) => r.id)}
      issued={issued} onAlertIssued={(alert) => { setIssued(alert); subject.reload(); }}
      banner={<><ErrorMessage error={subject.error} what="find the subject of this record" />{subject.value ? <SubjectBanner subject={subject.value} record={record.id} /> : null}</>} />
  );
}

const countOf = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Where a record's subject is known to more than this record: how many records, whose, and the way to the whole picture. */
function SubjectBanner({ subject, record }: { readonly subject: EntityProfile; readonly record: string }) {
  const names = useAgencyNames(useSession().api);
  const others = subject.records.filter((r) => r.id !== record);
  if (others.length === 0 && subject.pointers.length === 0) return null;
  const agencies = [...new Set(subject.records.map((r) => agencyName(names, r.provenance.agency)))];
  return (
    <p className="subject-banner" data-testid="subject-banner">
      {others.length > 0 ? <>One of {subject.records.length} records on this subject, held by {agencies.join(', ')}{subject.pointers.length ? `; ${holders(subject.pointers)} information` : ''}. </>
        : <>{holders(subject.pointers)} information on this subject. </>}
      <a href={href('profile', 'entity', subject.id)}>Open the subject's profile</a>
    </p>
  );
}

function EntityProfileView({ id }: { readonly id: string }) {
  const { api } = useSession();
  const [issued, setIssued] = useIssuedAlert(id);
  const schemata = useSchemata(api);
  const found = useAsync(() => api.entity(id), [api, id]);
  // The timeline and map are those of the entity answered: an id a merge absorbed is unknown to
  // the graph. An id split since, or a subject known only by pointers, has neither.
  const live = found.value && !found.value.split && found.value.records.length > 0 ? found.value.id : undefined;
  const timeline = useAsync(live ? () => api.entityTimeline(live) : undefined, [api, live]);
  const places = useAsync(live ? () => api.entityPlaces(live) : undefined, [api, live]);
  const redirectedTo = found.value?.redirectedFrom === id ? found.value.id : undefined;
  // what became of a merge undone or a record taken out from the profile's decisions, said once
  // the profile (of the subject the other records make up, after a record is taken out) is read again
  const [undone, setUndone] = useState<{ readonly entity: string; readonly notice: React.ReactNode }>();
  useEffect(() => {
    // The address names the entity shown, in place of the absorbed id (no new step back). The
    // route keeps the id it was opened by, so the profile is not read a second time.
    if (redirectedTo) window.history.replaceState(window.history.state, '', href('profile', 'entity', redirectedTo));
  }, [redirectedTo]);
  if (found.loading) return <ProgressBar label="Opening the profile" />;
  if (found.error) return <ErrorMessage error={found.error} what="open the profile" />;
  if (!found.value) return null;
  const profile = found.value;
  if (profile.split) return <SplitSubject id={id} parts={profile.split} />;
  if (profile.records.length === 0) return <HeldElsewhere profile={profile} />;
  return (
    <ProfileLayout api={api} profile={profile} schema={schemata?.get(profile.schema)} events={(timeline.value ?? []).map((e) => ({ ...e, kind: schemaLabel(schemata, e.kind) }))} places={places.value ?? []}
      timelineTitle="Timeline" timelineError={timeline.error} subject={profile.id} issued={issued} onAlertIssued={(alert) => { setIssued(alert); found.reload(); }}
      decisions={<EntityDecisions entity={profile.id} name={profile.caption} records={profile.records} notice={undone?.entity === profile.id ? undone.notice : undefined}
        onDecided={(notice, next) => { setUndone({ entity: next ?? profile.id, notice }); if (next && next !== profile.id) navigate(href('profile', 'entity', next)); else found.reload(); }} />}
      banner={profile.redirectedFrom ? <MergedInto from={profile.redirectedFrom} into={profile.id} /> : null}
      subtitle={<span className="muted">{countOf(profile.records.length, 'record')} from {countOf(new Set(profile.records.map((r) => r.provenance.agency)).size, 'agency', 'agencies')}</span>} />
  );
}

interface ProfileLayoutProps {
  readonly api: ApiClient;
  readonly profile: EntityProfile;
  readonly schema: SchemaInfo | undefined;
  readonly events: readonly TimelineEvent[];
  readonly places: readonly Place[];
  readonly timelineTitle: string;
  readonly timelineError?: unknown;
  readonly subtitle: React.ReactNode;
  /** The resolved entity whose ties are listed (none until it is known). */
  readonly subject: string | undefined;
  /** The records of that entity shown with a record's own profile: a watch on any of them watches it. */
  readonly subjectRecords?: readonly string[] | undefined;
  readonly banner?: React.ReactNode;
  /** Who decided about the subject (an entity's profile only). */
  readonly decisions?: React.ReactNode;
  /** The alert last issued from this profile, said beside the button that issues one. */
  readonly issued: AlertSummary | undefined;
  /** Keeps the alert issued and reloads what shows the subject's alerts. */
  readonly onAlertIssued: (alert: AlertSummary) => void;
}

function ProfileLayout({ api, profile, schema, events, places, timelineTitle, timelineError, subtitle, subject, subjectRecords, banner, decisions, issued, onAlertIssued }: ProfileLayoutProps) {
  const { user } = useSession();
  const rows = useMemo(() => rowsOf(profile, schema, recordLink), [profile, schema]);
  // An alert goes on a record: the agency's own if it holds one on the subject. A watch names a
  // record of it too, and follows the subject: one on any of its records shown is a watch of it.
  const alertOn = (profile.records.find((r) => r.provenance.agency === user.agency) ?? profile.records[0])?.id;
  const watchOn = profile.records[0]?.id;
  const watched = useMemo(() => [...new Set([...profile.records.map((r) => r.id), ...(subjectRecords ?? [])])], [profile.records, subjectRecords]);
  // An alert's own profile (older notices open it) is about an alert, not a subject: an alert is
  // neither watched nor alerted on. The way on is to the subject it names (its `subject`, a record id).
  const isAlert = profile.schema === ALERT_SCHEMA;
  const alertSubject = isAlert ? profile.properties['subject']?.[0]?.value : undefined;
  // where the watch and alert forms open: below the header, so that the header keeps its layout
  const [formHost, setFormHost] = useState<HTMLDivElement | null>(null);
  return (
    <article className="screen profile" aria-labelledby="profile-title">
      <header className="profile-head">
        <div>
          <h1 id="profile-title">{profile.caption}</h1>
          <div className="profile-sub"><span className="badge schema">{schema?.label ?? profile.schema}</span> {subtitle}</div>
        </div>
        <div className="actions">
          <a className="button" href={`${href('graph')}?seed=${encodeURIComponent(profile.id)}`}>Open in graph</a>
          {alertSubject ? <a className="button" href={href('profile', 'record', alertSubject)}>Open the alert's subject</a> : null}
          {watchOn && !isAlert ? <WatchButton record={watchOn} records={watched} formHost={formHost} /> : null}
          {alertOn && !isAlert && hasRole(user, 'analyst', 'officer') ? <IssueAlert record={alertOn} issued={issued} onIssued={onAlertIssued} formHost={formHost} /> : null}
        </div>
      </header>
      <div ref={setFormHost} className="profile-forms" />
      {banner}
      {profile.alerts.length ? <AlertList alerts={profile.alerts} /> : null}
      {profile.pointers.length ? (
        <section aria-label="Held by other agencies"><ul className="pointer-list">{profile.pointers.map((p, i) => <PointerCard key={i} pointer={p} />)}</ul></section>
      ) : null}
      <div className="profile-grid">
        <section aria-labelledby="values-title" className="panel span-2">
          <h2 id="values-title">Values and provenance</h2>
          <ClaimsTable rows={rows} />
        </section>
        <section aria-labelledby="names-title" className="panel">
          <h2 id="names-title">Names across agencies</h2>
          <NamesAcrossAgencies profile={profile} schema={schema} />
          <h2>Related</h2>
          <RelatedList api={api} subject={subject} />
        </section>
        <section aria-labelledby="timeline-title" className="panel">
          <h2 id="timeline-title">{timelineTitle}</h2>
          <ErrorMessage error={timelineError} what="load the timeline" />
          <TimelineList events={events} />
        </section>
        <section aria-labelledby="map-title" className="panel span-2">
          <h2 id="map-title">Map</h2>
          <Suspense fallback={<ProgressBar label="Loading the map" />}><OfflineMap places={places} /></Suspense>
        </section>
        {decisions}
      </div>
    </article>
  );
}
