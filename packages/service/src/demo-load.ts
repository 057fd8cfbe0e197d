/**
 * Loading a generated demo (org.json, records.jsonl) into a fresh Mosaic: the organisation and
 * agreements in the policy's shapes, the demo accounts with scrypt-hashed passwords, then the
 * records through the ordinary ingest path, then a few observation notes (@mosaic/demo
 * demoReports, written from those records) through the ordinary report upload, each by an
 * analyst of its agency.
 */
import { AgencyId, AppError, DeskId, TLP, UserId, type Classification, type Handling, type SubjectCategory, type Tlp } from '@mosaic/model';
import { AgreementId, type Agency, type Desk, type SharingAgreement } from '@mosaic/policy';
import type { User } from '@mosaic/store';
import { demoReports } from '@mosaic/demo';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ingestFile } from './ingest/ingest-file.ts';
import type { IngestProgress, IngestSummary } from './ingest/ingest.ts';
import { saveOrganisation } from './organisation.ts';
import { hashPassword } from './password.ts';
import { uploadReport } from './reports/upload-report.ts';
import type { Mosaic } from './runtime.ts';

/** The shape of the demo generator's org.json (kept here as the contract this loader reads). */
export interface DemoOrgFile {
  readonly demoPassword: string;
  readonly agencies: readonly { id: string; name: string; country: string; kind: string; desks: readonly { id: string; name: string; phone: string; email: string }[] }[];
  readonly users: readonly { id: string; username: string; displayName: string; agency: string; roles: readonly string[]; clearance: Classification; desk: string }[];
  readonly agreements: readonly {
    id: string; owner: string; recipient: string; maxTlp: Tlp; maxClassification: Classification; handling: readonly Handling[];
    categories: readonly SubjectCategory[]; effect: 'full' | 'pointer' | 'none'; notifyOwnerOnConsult: boolean; notifyOwnerOnEncounter: boolean;
  }[];
}

export interface DemoLoaded {
  readonly users: number;
  readonly agencies: number;
  readonly password: string;
  readonly ingest: IngestSummary;
  /** Observation notes uploaded as reports. */
  readonly reports: number;
}

/** The notes are written from the first records: each cluster's lines come together, so these hold whole stories. */
const REPORT_SOURCE_LINES = 100_000;

async function firstLines(path: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of reader) {
    if (line !== '') lines.push(line);
    if (lines.length >= count) break;
  }
  reader.close();
  return lines;
}

export async function loadDemo(mosaic: Mosaic, dir: string, onProgress?: (progress: IngestProgress) => void): Promise<DemoLoaded> {
  const org = JSON.parse(await readFile(join(dir, 'org.json'), 'utf8')) as DemoOrgFile;
  const agencies: (Agency & { oversight?: boolean })[] = org.agencies.map((a) => ({
    id: AgencyId(a.id), name: a.name, country: a.country.toUpperCase(), contactDesk: DeskId(a.desks[0]?.id ?? `${a.id}-desk`),
  }));
  const desks: Desk[] = org.agencies.flatMap((a) => a.desks.map((d) => ({ id: DeskId(d.id), agency: AgencyId(a.id), name: d.name, contact: `${d.phone} · ${d.email}` })));
  const agreements: SharingAgreement[] = org.agreements.map((g) => ({
    id: AgreementId(g.id), owner: AgencyId(g.owner), recipient: g.recipient === 'ALL' ? 'ALL' : AgencyId(g.recipient),
    // An agreement up to a TLP level covers that level and every less restricted one.
    conditions: { tlp: TLP.slice(0, TLP.indexOf(g.maxTlp) + 1), maxClassification: g.maxClassification, handling: [...g.handling], categories: [...g.categories] },
    effect: g.effect, notifyOwnerOnConsult: g.notifyOwnerOnConsult, notifyOwnerOnEncounter: g.notifyOwnerOnEncounter,
  }));
  await saveOrganisation(mosaic.store, { agencies, desks, agreements });
  await mosaic.reloadOrg();
  // One hash per account (each with its own salt), computed in parallel on libuv's thread pool.
  const users: User[] = await Promise.all(org.users.map(async (u) => ({
    id: UserId(u.id), agency: AgencyId(u.agency), desk: DeskId(u.desk), name: u.username, roles: [...u.roles], clearance: u.clearance, groups: [],
    passwordHash: await hashPassword(org.demoPassword),
  })));
  for (const user of users) await mosaic.store.upsertUser(user);
  const ingest = await ingestFile(mosaic.store, mosaic.registry, {
    path: join(dir, 'records.jsonl'), actor: 'ingest:demo', agencies: org.agencies.map((a) => a.id), ...(onProgress ? { onProgress } : {}),
    onCommit: async (ids) => {
      await mosaic.audit.append({ actor: { user: UserId('system:demo'), agency: AgencyId('system') }, action: 'collection', query: { file: 'records.jsonl' }, records: ids, outcome: 'ok', reason: 'demo' });
    },
  });
  let reports = 0;
  for (const note of demoReports(await firstLines(join(dir, 'records.jsonl'), REPORT_SOURCE_LINES))) {
    const author = users.find((u) => u.agency === note.agency && u.roles.includes('analyst'));
    if (!author) continue;
    const outcome = await uploadReport(mosaic, { user: author, purpose: 'demo', caseRef: 'demo' }, {
      collection: note.collection, title: note.title, text: note.text,
      provenance: { source: 'observation team', reliability: 'B', credibility: 2, marking: note.marking, handling: 'H1', category: 'suspect' },
    });
    // the note is named by its number: its title names a person
    if (!outcome.ok) throw new AppError('MOSAIC_INTERNAL', `demo: observation note ${reports + 1} was refused: ${outcome.errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`);
    reports += 1;
  }
  return { users: users.length, agencies: agencies.length, password: org.demoPassword, ingest, reports };
}
