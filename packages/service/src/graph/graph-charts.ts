/**
 * Charts saved to a case: which entities an analyst laid out, at which level, with which
 * filters and where each sat on screen. A chart keeps node ids and layout only, never labels or
 * edges: reopening it asks the network again through the policy, so a chart shows its reader
 * what that reader may see today and nothing its author could see then. Kept as store
 * documents listed by case (the subject); visible to the author, or to the author's agency when
 * shared so.
 */
import type { NodeId, Subgraph } from '@mosaic/graph';
import { AppError } from '@mosaic/model';
import { randomUUID } from 'node:crypto';
import { requirePurpose } from '../consult.ts';
import type { Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { graphInduced, type GraphFilters, type GraphSources } from './graph-queries.ts';

export const CHART_KIND = 'graph-chart';
export const CHART_SHARES = ['owner', 'agency'] as const;
const MAX_CHART_NODES = 2000;

export interface ChartInput {
  readonly title: string;
  readonly nodes: readonly NodeId[];
  readonly filters?: GraphFilters;
  /** Screen positions by node id, as the explorer laid them out. */
  readonly positions?: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  readonly share?: (typeof CHART_SHARES)[number];
}

interface ChartBody extends ChartInput {
  readonly caseRef: string;
  readonly author: string;
  readonly agency: string;
}

/** No node count: a reader in the author's agency may see fewer nodes, and a count would tell them how many they miss. */
export interface ChartSummary {
  readonly id: string;
  readonly caseRef: string;
  readonly title: string;
  readonly author: string;
  readonly share: (typeof CHART_SHARES)[number];
  readonly createdAt: string;
  readonly updatedAt: string;
}

const invalid = (field: string, reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `chart: ${field}: ${reason}`, { field, reason });
const notFound = (): AppError => new AppError('MOSAIC_NOT_FOUND', 'chart not found');

function checkCase(consultation: Consultation, caseRef: string): void {
  requirePurpose(consultation);
  if (caseRef.trim().length === 0) throw invalid('caseRef', 'must not be empty');
}

export async function saveChart(mosaic: Mosaic, consultation: Consultation, caseRef: string, chart: ChartInput): Promise<ChartSummary> {
  checkCase(consultation, caseRef);
  const title = chart.title.trim();
  if (title.length === 0 || title.length > 200) throw invalid('title', 'must be 1 to 200 characters');
  const nodes = [...new Set(chart.nodes)];
  if (nodes.length === 0 || nodes.length > MAX_CHART_NODES) throw invalid('nodes', `must list 1 to ${MAX_CHART_NODES} entities`);
  const body: ChartBody = {
    title, nodes, caseRef, author: consultation.user.id, agency: consultation.user.agency, share: chart.share ?? 'owner',
    ...(chart.filters ? { filters: chart.filters } : {}), ...(chart.positions ? { positions: chart.positions } : {}),
  };
  const id = randomUUID();
  await mosaic.store.putDocument({ kind: CHART_KIND, id, owner: consultation.user.id, subject: caseRef, body });
  const stored = await mosaic.store.getDocument(CHART_KIND, id);
  return summary(id, body, stored?.createdAt ?? '', stored?.updatedAt ?? '');
}

function summary(id: string, body: ChartBody, createdAt: string, updatedAt: string): ChartSummary {
  return { id, caseRef: body.caseRef, title: body.title, author: body.author, share: body.share ?? 'owner', createdAt, updatedAt };
}

function readable(consultation: Consultation, owner: string, body: ChartBody): boolean {
  return owner === consultation.user.id || (body.share === 'agency' && body.agency === consultation.user.agency);
}

export async function listCharts(mosaic: Mosaic, consultation: Consultation, caseRef: string): Promise<readonly ChartSummary[]> {
  checkCase(consultation, caseRef);
  const documents = await mosaic.store.listDocuments(CHART_KIND, { subject: caseRef, limit: 500 });
  return documents.flatMap((d) => {
    const body = d.body as ChartBody;
    return readable(consultation, d.owner, body) ? [summary(d.id, body, d.createdAt, d.updatedAt)] : [];
  });
}

/** The chart and the part of the network among its entities that the reader may see now (audited like any graph read). */
export async function openChart(mosaic: Mosaic, consultation: Consultation, sources: GraphSources, caseRef: string, id: string): Promise<{ chart: ChartSummary & { readonly filters?: GraphFilters; readonly positions?: ChartInput['positions'] }; subgraph: Subgraph }> {
  checkCase(consultation, caseRef);
  const document = await mosaic.store.getDocument(CHART_KIND, id);
  const body = document?.body as ChartBody | undefined;
  if (!document || !body || body.caseRef !== caseRef || !readable(consultation, document.owner, body)) throw notFound();
  const subgraph = await graphInduced(mosaic, consultation, sources, { nodes: body.nodes, ...(body.filters ?? {}) });
  const shown = new Set(subgraph.nodes.map((n) => n.id));
  // Positions of entities the reader cannot see are not handed out either.
  const positions = body.positions ? Object.fromEntries(Object.entries(body.positions).filter(([node]) => shown.has(node as NodeId))) : undefined;
  return {
    chart: { ...summary(document.id, body, document.createdAt, document.updatedAt), ...(body.filters ? { filters: body.filters } : {}), ...(positions ? { positions } : {}) },
    subgraph,
  };
}
