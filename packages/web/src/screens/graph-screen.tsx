/**
 * The graph explorer: start from an entity, expand a node by clicking it (or with its button in
 * the list), filter relations by type, time and the agencies whose records claim them, colour
 * communities, size by centrality, find up to five paths between two entities, export what may be
 * passed on, and save the chart, with its filters, to the case. The filters hide what they leave
 * out of the chart and go with every question asked of the server. Beside the canvas, two tables say the same without it: the entities (community in
 * words, ties shown, centrality with the server's explanation) and the relations shown (type,
 * ends, role, dates, the agencies whose records claim them). Every answer is policy-filtered by
 * the server; the explorer only shows what came back, with the pointers it gives: who holds
 * records of the entities expanded, grouped into communities or scored that the user may not
 * read, as their profiles tell.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { GraphScope } from '../api/api-client.ts';
import { EDGE_TYPES, type Centrality, type CentralityScore, type ChartSummary, type Community, type Pointer, type RecordView, type Subgraph } from '../api/api-types.ts';
import { dateWindowProblem } from '../common/date-window.ts';
import { downloadFile } from '../common/download-file.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { localTime } from '../common/local-time.ts';
import { isEntityId, isRecordId, profileHref } from '../common/ids.ts';
import { PointerCard } from '../common/pointer-card.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { PurposeGate } from '../common/purpose-gate.tsx';
import { relationWords } from '../common/relation-words.ts';
import { schemaLabel } from '../common/schema-words.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useSchemata } from '../common/use-schemata.ts';
import { exportWithheld, withheldNotice } from '../graph/export-withheld.ts';
import { edgeShown, GraphCanvas, type GraphDisplay } from '../graph/graph-canvas.tsx';
import { agenciesIn, COMMUNITY_COLOURS, createGraph, datesOf, inWindow, mergeSubgraph, recordedBy } from '../graph/graph-model.ts';
import { hasRole, useSession } from '../session/session-context.tsx';

const MEASURES = ['degree', 'betweenness', 'pagerank', 'eigenvector'] as const;
/** How many paths may be asked for at once (the API takes up to 10; more than 5 is more than a list can show). */
const PATH_COUNTS = [1, 2, 3, 4, 5] as const;

/** Why the server found no path, in words (docs/API.md, /graph/paths `reason`). */
function noPathNotice(reason: string | undefined): string {
  switch (reason) {
    case 'search-limit': return 'The search stopped at its limit before it found a path: there may be one further out. Try ends nearer each other, or fewer relation types.';
    case 'no-path':
    case undefined: return 'No path between them in what you may see.';
    default: return `No path found (${reason}).`;
  }
}

/** The pointers known with those just answered, one per agency (the first answered stays), in agency order as the server gives them. */
const withPointers = (known: readonly Pointer[], answered: readonly Pointer[]): readonly Pointer[] =>
  [...new Map([...answered, ...known].map((p) => [p.agency, p] as const)).values()].sort((a, b) => (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));

const stepsOf = (path: Subgraph): string => `${path.edges.length} step${path.edges.length === 1 ? '' : 's'}: ${path.nodes.map((n) => n.label).join(' → ')}`;
const WINDOW_PROBLEM = 'graph-window-problem';
const AGENCIES_HELP = 'graph-agencies-help';
const EXPORT_HELP = 'graph-export-help';
/** The most entities an export starts from (the API's seeds). */
const EXPORT_SEEDS = 50;
const EXPORT_FORMATS = { graphml: { name: 'GraphML', type: 'application/graphml+xml' }, json: { name: 'JSON', type: 'application/json' } } as const;
type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Entity ids (e42) and record ids (agency:id) start the graph at once; anything else is a name. */
const looksLikeId = (text: string): boolean => isEntityId(text) || isRecordId(text);

export function GraphScreen({ seed }: { readonly seed: string }) {
  return <PurposeGate><GraphExplorer seed={seed} /></PurposeGate>;
}

function GraphExplorer({ seed }: { readonly seed: string }) {
  const { api, purpose, user } = useSession();
  const schemata = useSchemata(api);
  const agencyNames = useAgencyNames(api);
  // the server refuses an export to any other role (403): it is not offered to them
  const mayExport = hasRole(user, 'analyst');
  const [exportFormat, setExportFormat] = useState<ExportFormat>('graphml');
  const graph = useMemo(createGraph, []);
  const [version, setVersion] = useState(0);
  const [start, setStart] = useState(seed);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [hiddenTypes, setHiddenTypes] = useState<ReadonlySet<string>>(new Set());
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // a window the form finds wrong is said at once and not applied, to the chart or to the
  // server: dated relations do not vanish under it, nor does the server answer in its own words
  const windowProblem = dateWindowProblem({ from, to });
  const since = windowProblem ? '' : from;
  const until = windowProblem ? '' : to;
  // none chosen: every agency's relations, as the API's filter
  const [agencies, setAgencies] = useState<ReadonlySet<string>>(new Set());
  const scope: GraphScope = useMemo(() => ({
    ...(since ? { since } : {}), ...(until ? { until } : {}),
    ...(hiddenTypes.size ? { types: EDGE_TYPES.filter((t) => !hiddenTypes.has(t)) } : {}),
    ...(agencies.size ? { agencies: [...agencies].sort() } : {}),
  }), [since, until, hiddenTypes, agencies]);
  const [communities, setCommunities] = useState<readonly Community[]>([]);
  const [centrality, setCentrality] = useState<Centrality>();
  const scores = useMemo(() => centrality?.scores ?? [], [centrality]);
  const [measure, setMeasure] = useState<(typeof MEASURES)[number]>('degree');
  const [paths, setPaths] = useState<readonly Subgraph[]>([]);
  const [shownPath, setShownPath] = useState(0);
  const [pathCount, setPathCount] = useState<number>(1);
  const path: ReadonlySet<string> = useMemo(() => new Set(paths[shownPath]?.nodes.map((n) => n.id) ?? []), [paths, shownPath]);
  const [pathEnds, setPathEnds] = useState({ a: '', b: '' });
  const started = useRef(false);
  const [chartTitle, setChartTitle] = useState('');
  const [charts, setCharts] = useState<readonly ChartSummary[]>([]);
  const [choices, setChoices] = useState<readonly RecordView[]>();
  // who holds records the user may not read of the entities expanded (grouped, scored), as their profiles tell: an
  // entity seen through pointers alone draws nothing and is told of here alone
  const [pointers, setPointers] = useState<readonly Pointer[]>([]);

  useEffect(() => {
    if (!purpose) return;
    api.listCharts(purpose.caseRef).then(setCharts, () => setCharts([]));
  }, [api, purpose]);

  const run = useCallback(async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(undefined);
    setNotice(undefined);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  }, []);

  const load = useCallback(async (node: string, hops: number) => {
    const sub = await api.graphExpand([node], hops, scope);
    const added = mergeSubgraph(graph, sub, node);
    setPointers((known) => withPointers(known, sub.pointers ?? []));
    setSelected(node);
    setVersion((v) => v + 1);
    setNotice(`${added} new entit${added === 1 ? 'y' : 'ies'}${sub.truncated ? ' (cut at the node budget)' : ''}`);
  }, [api, graph, scope]);
  const expand = useCallback((node: string, hops = 1) => run(`Expanding ${graph.hasNode(node) ? String(graph.getNodeAttribute(node, 'label')) : node}`, () => load(node, hops)), [graph, load, run]);

  useEffect(() => {
    if (seed && !started.current) {
      started.current = true;
      void expand(seed, 1);
    }
  }, [seed, expand]);

  const nodes = graph.nodes();
  const colourByCommunity = useMemo(() => {
    const map = new Map<string, string>();
    communities.forEach((c, i) => c.members.forEach((m) => map.set(m, COMMUNITY_COLOURS[i % COMMUNITY_COLOURS.length] ?? '#555')));
    return map;
  }, [communities]);
  // the colour says it on the canvas, the words in the table: "Community 2", largest first as the server answers
  const communityOf = useMemo(() => {
    const map = new Map<string, number>();
    communities.forEach((c, i) => c.members.forEach((m) => map.set(m, i + 1)));
    return map;
  }, [communities]);
  const sizeByScore = useMemo(() => {
    const max = Math.max(1e-9, ...scores.map((s) => s.score));
    return new Map(scores.map((s) => [s.node.id, 5 + 15 * (s.score / max)]));
  }, [scores]);
  const display: GraphDisplay = useMemo(() => ({
    selected, highlighted: path, hiddenEdgeTypes: hiddenTypes,
    colourOf: (node) => colourByCommunity.get(node), sizeOf: (node) => sizeByScore.get(node),
    edgeVisible: (attributes) => inWindow(attributes, since, until) && recordedBy(attributes, agencies),
  }), [selected, path, hiddenTypes, colourByCommunity, sizeByScore, since, until, agencies]);

  const windowInvalid = (field: 'from' | 'to') => (windowProblem?.fields.includes(field) ? { 'aria-invalid': true, 'aria-describedby': WINDOW_PROBLEM } : {});

  const presentTypes = EDGE_TYPES.filter((t) => graph.someEdge((_e, a) => a['relation'] === t));
  // types a filter leaves out of which nothing is drawn (a chart reopened with its filters): said, and to be shown again
  const hiddenAbsent = EDGE_TYPES.filter((t) => hiddenTypes.has(t) && !presentTypes.includes(t));
  // a ticked agency stays listed, to be unticked, when no relation drawn is claimed by it any more (a chart reopened); by name
  const presentAgencies = [...new Set([...agenciesIn(graph), ...agencies])].sort((a, b) => agencyName(agencyNames, a).localeCompare(agencyName(agencyNames, b)));
  const label = (node: string): string => (graph.hasNode(node) ? String(graph.getNodeAttribute(node, 'label')) : node);
  // a node's ties are those drawn, as the canvas counts its relations: what the filters leave
  const tiesShown = (node: string): number => graph.filterEdges(node, (_edge, attributes) => edgeShown(display, attributes)).length;
  const shownTies = graph.filterEdges((_edge, attributes) => edgeShown(display, attributes));

  // An id starts at once; a name is looked up first (one match starts there, several are offered).
  const startFrom = (event: FormEvent): void => {
    event.preventDefault();
    const text = start.trim();
    setChoices(undefined);
    if (!text) return;
    if (looksLikeId(text)) {
      void expand(text, 1);
      return;
    }
    void run(`Looking up ${text}`, async () => {
      const { results } = await api.search(text, { limit: 10 });
      const [only] = results;
      if (results.length === 1 && only) await load(only.id, 1);
      else if (results.length === 0) setNotice('Nobody you may see by that name.');
      else setChoices(results);
    });
  };
  /** A path end as typed: an id, or the label of one node of the chart ("Katiba al-Nour"). */
  const nodeOf = (text: string): string | undefined => {
    const typed = text.trim();
    if (looksLikeId(typed) || graph.hasNode(typed)) return typed;
    const named = graph.filterNodes((_, attributes) => String(attributes['label']).toLowerCase() === typed.toLowerCase());
    return named.length === 1 ? named[0] : undefined;
  };
  const findPath = (event: FormEvent): void => {
    event.preventDefault();
    const a = nodeOf(pathEnds.a);
    const b = nodeOf(pathEnds.b);
    if (!a || !b) {
      setNotice(`Pick ${a ? 'the second' : 'the first'} end from the list: no single entity of the chart is called “${(a ? pathEnds.b : pathEnds.a).trim()}”.`);
      return;
    }
    const k = pathCount;
    void run(k === 1 ? 'Finding a path' : `Finding up to ${k} paths`, async () => {
      const answer = await api.graphPaths(a, b, k, scope);
      setShownPath(0);
      setPaths(answer.paths);
      const [first] = answer.paths;
      if (!first) {
        setNotice(noPathNotice(answer.reason));
        return;
      }
      for (const found of answer.paths) mergeSubgraph(graph, found);
      setVersion((v) => v + 1);
      const n = answer.paths.length;
      setNotice(n === 1 ? `Path of ${stepsOf(first)}` : `${n} paths found${n < k ? ` of the ${k} asked` : ''}, shortest first.`);
    });
  };

  return (
    <section className="screen graph-screen" aria-labelledby="graph-title">
      <div className="graph-side">
        <h1 id="graph-title">Graph</h1>
        <form onSubmit={startFrom} className="stack">
          <label htmlFor="graph-seed">Start from a name, or an entity or record id</label>
          <div className="row"><input id="graph-seed" value={start} onChange={(e) => setStart(e.target.value)} placeholder="e.g. a surname and given name" required /><button type="submit">Expand</button></div>
        </form>
        {choices ? (
          <ul className="graph-choices" aria-label="Whom to start from">
            {choices.map((r) => (
              <li key={r.id}>
                <button type="button" className="small" onClick={() => { setChoices(undefined); void expand(r.id, 1); }}>{r.caption}</button>
                {' '}<span className="muted">{agencyName(agencyNames, r.provenance.agency)}{r.properties['birthDate']?.[0] ? ` · born ${r.properties['birthDate'][0]}` : ''}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {/* next to where the user started: an entity seen through pointers alone draws nothing else */}
        {pointers.length > 0 ? (
          <section aria-labelledby="graph-pointers-title">
            <h2 id="graph-pointers-title">Information held by {pointers.length > 1 ? 'other agencies' : 'another agency'}</h2>
            <ul className="pointer-list">{pointers.map((p) => <PointerCard key={p.agency} pointer={p} />)}</ul>
          </section>
        ) : null}
        <fieldset>
          <legend>Relations shown</legend>
          {presentTypes.length === 0 ? <p className="muted small">None yet.</p> : presentTypes.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked={!hiddenTypes.has(t)} onChange={(e) => setHiddenTypes((s) => { const n = new Set(s); if (e.target.checked) n.delete(t); else n.add(t); return n; })} /> {relationWords(t)}
            </label>
          ))}
          {hiddenAbsent.length ? (
            <p className="small">Left out too: {hiddenAbsent.map(relationWords).join(', ')}.{' '}
              <button type="button" className="link" onClick={() => setHiddenTypes(new Set())}>Show every relation type</button>
            </p>
          ) : null}
          <div className="row">
            <label>From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} {...windowInvalid('from')} /></label>
            <label>To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} {...windowInvalid('to')} /></label>
          </div>
          {windowProblem ? <p id={WINDOW_PROBLEM} role="alert" className="notice notice-error">{windowProblem.message} Until the dates are put right, relations are shown and expanded whatever their dates.</p> : null}
        </fieldset>
        <fieldset>
          <legend>Recorded by</legend>
          {presentAgencies.length === 0 ? <p className="muted small">None yet.</p> : (
            <>
              <p id={AGENCIES_HELP} className="muted small">Tick agencies to keep only the relations their records claim; none ticked keeps every agency&rsquo;s.</p>
              {presentAgencies.map((a) => (
                <label key={a} className="check">
                  <input type="checkbox" checked={agencies.has(a)} aria-describedby={AGENCIES_HELP} onChange={(e) => setAgencies((s) => { const n = new Set(s); if (e.target.checked) n.add(a); else n.delete(a); return n; })} /> {agencyName(agencyNames, a)}
                </label>
              ))}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Analysis</legend>
          <div className="row">
            <button type="button" disabled={nodes.length === 0} onClick={() => void run('Finding communities', async () => {
              const found = await api.graphCommunities(graph.nodes(), scope);
              setCommunities(found.communities);
              setPointers((known) => withPointers(known, found.pointers));
              setVersion((v) => v + 1);
            })}>Communities</button>
            <label className="visually-hidden" htmlFor="graph-measure">Centrality measure</label>
            <select id="graph-measure" value={measure} onChange={(e) => setMeasure(e.target.value as (typeof MEASURES)[number])}>{MEASURES.map((m) => <option key={m}>{m}</option>)}</select>
            <button type="button" disabled={nodes.length === 0} onClick={() => void run('Scoring centrality', async () => {
              const scored = await api.graphCentrality(graph.nodes(), measure, scope);
              setCentrality(scored);
              setPointers((known) => withPointers(known, scored.pointers));
              setVersion((v) => v + 1);
            })}>Centrality</button>
          </div>
          {communities.length ? <p className="small">{communities.length === 1 ? '1 community' : `${communities.length} communities`}</p> : null}
          {centrality ? <p className="small">{centrality.description}{centrality.reason ? ` No scores: ${centrality.reason}.` : ''}</p> : null}
        </fieldset>
        <form onSubmit={findPath}>
          <fieldset>
            <legend>Path between two entities</legend>
            <label htmlFor="path-a">From</label>
            <input id="path-a" list="graph-nodes" value={pathEnds.a} onChange={(e) => setPathEnds((p) => ({ ...p, a: e.target.value }))} required />
            <label htmlFor="path-b">To</label>
            <input id="path-b" list="graph-nodes" value={pathEnds.b} onChange={(e) => setPathEnds((p) => ({ ...p, b: e.target.value }))} required />
            <datalist id="graph-nodes">{nodes.map((n) => <option key={n} value={n}>{label(n)}</option>)}</datalist>
            <label htmlFor="path-count">How many paths</label>
            <select id="path-count" value={pathCount} onChange={(e) => setPathCount(Number(e.target.value))}>{PATH_COUNTS.map((count) => <option key={count} value={count}>{count}</option>)}</select>
            <div className="row"><button type="submit">{pathCount === 1 ? 'Find path' : 'Find paths'}</button>{paths.length ? <button type="button" className="link" onClick={() => setPaths([])}>Clear</button> : null}</div>
            {paths.length > 1 ? (
              // each path a toggle: the one pressed is drawn in red on the canvas
              <ol className="graph-paths" aria-label="Paths found">
                {paths.map((found, i) => (
                  <li key={found.edges.map((e) => e.id).join(' ')}>
                    <button type="button" className="link" aria-pressed={i === shownPath} onClick={() => setShownPath(i)}>{stepsOf(found)}</button>
                  </li>
                ))}
              </ol>
            ) : null}
          </fieldset>
        </form>
        <fieldset>
          <legend>Charts of case {purpose?.caseRef ?? ''}</legend>
          <label htmlFor="chart-title">Chart title</label>
          <div className="row">
            <input id="chart-title" value={chartTitle} onChange={(e) => setChartTitle(e.target.value)} placeholder="Network of…" />
            <button type="button" disabled={nodes.length === 0 || !purpose || !chartTitle.trim()} onClick={() => void run('Saving the chart', async () => {
              // Only ids and layout are stored: reopening asks the server again, through the policy.
              const positions = Object.fromEntries(graph.nodes().map((n) => [n, { x: Number(graph.getNodeAttribute(n, 'x')), y: Number(graph.getNodeAttribute(n, 'y')) }]));
              // the filters go with it, so that it reopens as it was shown
              const saved = await api.saveChart(purpose!.caseRef, { title: chartTitle.trim(), nodes: graph.nodes(), positions, ...(Object.keys(scope).length ? { filters: scope } : {}) });
              setCharts((list) => [saved, ...list.filter((c) => c.id !== saved.id)]);
              setNotice(`Chart “${saved.title}” saved to case ${saved.caseRef}.`);
            })}>Save chart to case</button>
          </div>
          {charts.length === 0 ? <p className="muted small">No saved chart yet.</p> : (
            <ul className="charts">
              {charts.map((c) => (
                <li key={c.id}>
                  <span>{c.title}</span> <span className="muted small">{localTime(c.createdAt)}</span>{' '}
                  <button type="button" className="small" aria-label={`Open chart ${c.title}`} onClick={() => void run(`Opening ${c.title}`, async () => {
                    const { chart, subgraph } = await api.openChart(c.caseRef, c.id);
                    const filters = chart.filters ?? {};
                    setHiddenTypes(new Set(filters.types ? EDGE_TYPES.filter((t) => !filters.types?.includes(t)) : []));
                    setFrom(filters.since ?? '');
                    setTo(filters.until ?? '');
                    setAgencies(new Set(filters.agencies ?? []));
                    graph.clear();
                    setPointers([]);
                    mergeSubgraph(graph, subgraph);
                    for (const [node, at] of Object.entries(chart.positions ?? {})) if (graph.hasNode(node)) graph.mergeNodeAttributes(node, at);
                    setCommunities([]);
                    setCentrality(undefined);
                    setPaths([]);
                    setVersion((v) => v + 1);
                    setNotice(`Chart “${chart.title}” reopened: ${graph.order} entities you may see.`);
                  })}>Open</button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        {mayExport ? (
          <fieldset>
            <legend>Export</legend>
            <p id={EXPORT_HELP} className="muted small">The entities of the chart and the relations among them that the filters show and you may pass on, marked; what you may read but not pass on is left out, and counted.</p>
            <div className="row">
              <label htmlFor="export-format">Format</label>
              <select id="export-format" value={exportFormat} onChange={(e) => setExportFormat(e.target.value as ExportFormat)}>
                {Object.entries(EXPORT_FORMATS).map(([format, { name }]) => <option key={format} value={format}>{name}</option>)}
              </select>
              <button type="button" aria-describedby={EXPORT_HELP} disabled={nodes.length === 0 || nodes.length > EXPORT_SEEDS} onClick={() => void run('Exporting the chart', async () => {
                const format = exportFormat;
                // the chart's entities and the ties among them (no hop further), as the filters show them
                const text = await api.graphExport(graph.nodes(), format, { hops: 0, scope });
                const file = `graph-${(purpose?.caseRef ?? 'chart').replace(/[^A-Za-z0-9-]+/g, '-')}.${format}`;
                downloadFile(text, file, EXPORT_FORMATS[format].type);
                setNotice(`Exported ${file}. ${withheldNotice(exportWithheld(format, text))}`);
              })}>Export</button>
            </div>
            {nodes.length > EXPORT_SEEDS ? <p className="muted small">An export starts from at most {EXPORT_SEEDS} entities: this chart has {nodes.length}.</p> : null}
          </fieldset>
        ) : null}
        {busy ? <ProgressBar label={busy} /> : null}
        <ErrorMessage error={error} what="update the network" />
        {notice ? <p role="status" className="notice">{notice}</p> : null}
      </div>
      <div className="graph-main">
        <GraphCanvas graph={graph} version={version} display={display} onNodeClick={(n) => void expand(n, 1)} />
        <table className="data graph-nodes">
          <caption className="visually-hidden">Entities in the chart</caption>
          <thead><tr><th scope="col">Entity</th><th scope="col">Community</th><th scope="col">Kind</th><th scope="col">Ties</th><th scope="col">Score</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n} className={n === selected ? 'selected' : undefined}>
                <td><span className="swatch" style={{ background: colourByCommunity.get(n) ?? String(graph.getNodeAttribute(n, 'color')) }} aria-hidden="true" /> <a href={profileHref(n)}>{label(n)}</a></td>
                <td>{communityOf.has(n) ? `Community ${communityOf.get(n)}` : ''}</td>
                <td>{schemaLabel(schemata, String(graph.getNodeAttribute(n, 'kind')))}</td>
                <td>{tiesShown(n)}</td>
                <td><ScoreCell score={scores.find((s) => s.node.id === n)} /></td>
                <td><button type="button" className="small" onClick={() => void expand(n, 1)} aria-label={`Expand ${label(n)}`}>Expand</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data graph-ties">
          <caption>Relations shown in the chart</caption>
          <thead><tr><th scope="col">Relation</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Role</th><th scope="col">Dates</th><th scope="col">Recorded by</th></tr></thead>
          <tbody>
            {shownTies.map((edge) => {
              const attributes = graph.getEdgeAttributes(edge);
              const relation = String(attributes['relation']);
              const role = typeof attributes['role'] === 'string' ? attributes['role'] : '';
              // the server labels a tie by its role where it has one: said once, in its column
              const reads = String(attributes['label'] ?? relation);
              const words = relationWords(relation);
              const agenciesClaiming: unknown = attributes['agencies'];
              return (
                <tr key={edge}>
                  <td>{reads === relation || reads === words || reads === role ? words : `${words} (${reads})`}</td>
                  <td><a href={profileHref(graph.source(edge))}>{label(graph.source(edge))}</a></td>
                  <td><a href={profileHref(graph.target(edge))}>{label(graph.target(edge))}</a></td>
                  <td>{role}</td>
                  <td>{datesOf(attributes['start'], attributes['end'])}</td>
                  <td>{Array.isArray(agenciesClaiming) ? agenciesClaiming.map((a) => agencyName(agencyNames, String(a))).join(', ') : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A centrality score with the server's words for it, so the number is not left to be guessed at. */
function ScoreCell({ score }: { readonly score: CentralityScore | undefined }) {
  if (!score) return null;
  return <>{score.score.toFixed(3)}{score.explanation ? <>{' '}<span className="muted small">{score.explanation}</span></> : null}</>;
}
