import type { AuditEntry } from '@mosaic/audit';
import { AgencyId, DeskId, RecordId, UserId, validateRecord } from '@mosaic/model';
import { setWebhook, SIGNATURE_HEADER, startProjections, verifyWebhookSignature, type Projections } from '@mosaic/service';
import { openTestMosaic, testProvenance, type TestMosaic } from '@mosaic/service/testing';
import { createStoreAuditStorage } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { signInToken, signInTokens } from './test-sign-in.ts';

let world: TestMosaic;
let app: FastifyInstance;
let projections: Projections;
let baseUrl: string;
let hooks: Server;
const received: { body: string; headers: IncomingHttpHeaders; at: number }[] = [];
let tokens: Record<string, string> = {};
const WEBHOOK_SECRET = 'fedpol-webhook-secret-0123456789';

async function putRecord(raw: Record<string, unknown>): Promise<void> {
  const v = validateRecord(world.mosaic.registry, raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  await world.mosaic.store.putRecords([v.record], { actor: 'test' });
}

const person = (agency: string, id: string, properties: Record<string, string[]>, provenance: Record<string, unknown> = {}) =>
  ({ id, schema: 'Person', properties, provenance: testProvenance(agency, provenance) });

beforeAll(async () => {
  // the test's webhook receiver is at the loopback address, which the operator allows
  world = await openTestMosaic({ config: { webhookPrivateTargets: true } });
  await putRecord(person('fedpol', 'p1', { name: ['Rachid Bouzid'], birthDate: ['1990-03-02'], nationality: ['be'], passportNumber: ['EM123456'] }));
  await putRecord({
    id: 'al1', schema: 'Alert', provenance: testProvenance('fedpol'),
    properties: { subject: ['fedpol:p1'], category: ['discreet_check'], desk: ['fedpol-ops'], deskContact: ['+3220000001'], validFrom: ['2020-01-01'], instructions: ['Note who travels with him'], status: ['active'] },
  });
  await putRecord(person('fedpol', 'p2', { name: ['Youssef Amrani'], birthDate: ['1987-11-20'] }));
  // Pointer only for the zone (intel shares pointers with it).
  await putRecord(person('intel', 'x1', { name: ['Karim Haddouchi'], passportNumber: ['XK998877'] }));
  // Above the checkpoint officer's clearance: hidden from them.
  await putRecord(person('fedpol', 'h1', { name: ['Rachid Bouzidi'], passportNumber: ['HS554433'] }, { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }));

  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ body, headers: request.headers, at: Date.now() });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  await setWebhook(world.mosaic, AgencyId('fedpol'), { url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`, secret: WEBHOOK_SECRET });

  projections = await startProjections(world.mosaic, { intervalMs: 100 });
  app = await buildApp({ mosaic: world.mosaic, projections, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
  tokens = await signInTokens(app, ['zoneCheckpoint', 'fedAnalyst', 'intelAnalyst', 'auditor', 'fedAdmin', 'sysadmin']);
});

afterAll(async () => {
  projections.stop();
  await app.close();
  await new Promise((resolve) => hooks.close(resolve));
  await world.cleanup();
});

const auth = (user: string) => ({ authorization: `Bearer ${tokens[user] ?? ''}` });
/** A consultation's headers: purpose and case reference. */
const consulting = (user: string) => ({ ...auth(user), 'x-mosaic-purpose': 'alert management', 'x-mosaic-case': 'CASE-AL2' });
const screen = (payload: Record<string, unknown>, user = 'zoneCheckpoint') => app.inject({ method: 'POST', url: '/api/v1/screen', headers: auth(user), payload });

interface Hit { n: number; kind: string; subject?: string; sameSubjectAs?: number; band: string; score?: number; agency?: string; desk?: { contact: string } | null; alerts?: { id: string; action: string; instruction: string; instructions?: string; owner: { agency: string; contact: string } }[]; decision?: { decision: string; sighting?: string } }
interface Answer { check: { id: string; at: string; caseRef: string; purpose: string; place?: string }; hits: Hit[] }
interface Event { kind: string; body: Record<string, unknown>; to: Record<string, string> }

/** A live server-sent-event stream over a real socket, collecting the events as they arrive. */
async function openStream(user: string): Promise<{ events: Event[]; next(kind: string, timeoutMs?: number): Promise<Event>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/notifications/stream`, { headers: auth(user), signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Event[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as Event);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    async next(kind, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find((e) => e.kind === kind);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no ${kind} event within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => controller.abort(),
  };
}

async function within<T>(ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The screenings audited after the first `from` entries of the log (other entries may be appended meanwhile by work in the background). */
async function screeningsSince(from: number): Promise<unknown[]> {
  const entries = (await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(from);
  return entries.map((e) => JSON.parse(e.body) as { action: string }).filter((e) => e.action === 'screening');
}

describe('checkpoint screening over HTTP', () => {
  it('hits an alert, tells the owner (stream and signed webhook), and turns a confirmed hit into a Sighting', async () => {
    const owner = await openStream('fedAnalyst');
    const other = await openStream('intelAnalyst');
    try {
      const response = await screen({ name: 'Rachid Bouzid', birthDate: '1990-03-02', place: 'E40 Aalter checkpoint', latitude: 51.08, longitude: 3.45 });
      expect(response.statusCode, response.body).toBe(200);
      const { check, hits } = response.json() as Answer;
      expect(check.purpose).toBe('checkpoint check');
      expect(check.caseRef).toBe(check.id);
      const hit = hits[0]!;
      expect(hit).toMatchObject({ kind: 'match', subject: 'fedpol:p1', band: 'hit' });
      expect(hit.alerts).toEqual([expect.objectContaining({ id: 'fedpol:al1', action: 'REPORT_COVERTLY', instructions: 'Note who travels with him', owner: { agency: 'fedpol', agencyName: 'Federal Police', desk: 'Operations room', contact: '+3220000001' } })]);
      expect(hit.alerts![0]!.instruction).toMatch(/Do not let the person know/);

      const event = await owner.next('alert.hit');
      expect(event.to).toEqual({ agency: 'fedpol' });
      expect(event.body).toMatchObject({ check: check.id, alert: 'fedpol:al1', action: 'REPORT_COVERTLY', place: 'E40 Aalter checkpoint', agency: 'zone-north', desk: 'zone-north-desk' });
      expect(JSON.stringify(event.body)).not.toMatch(/zoneCheckpoint|zone-north\.zoneCheckpoint/);

      const delivery = await within(10_000, async () => received.find((r) => r.body.includes(check.id)));
      expect(verifyWebhookSignature(WEBHOOK_SECRET, delivery.body, delivery.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(verifyWebhookSignature('another-secret-of-some-length', delivery.body, delivery.headers[SIGNATURE_HEADER] as string)).toBe(false);
      expect(JSON.parse(delivery.body)).toMatchObject({ kind: 'alert.hit', body: { check: check.id } });

      // A discreet check is confirmed with the report the owner asked for.
      const url = `/api/v1/checks/${check.id}/hits/0/decision`;
      const bare = await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision: 'confirm' } });
      expect(bare.statusCode).toBe(400);
      expect(bare.json()).toMatchObject({ error: { message: expect.stringMatching(/^report: required/) } });
      const report = { route: 'towards Brussels-Midi', companions: 'two adult men', vehicle: 'grey van', identityUsed: 'passport EM123456', objects: 'two large sports bags', time: '2026-03-01T10:15:00Z' };
      const confirmed = await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision: 'confirm', report } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const sightingId = (confirmed.json() as Answer).hits[0]!.decision!.sighting!;
      expect(sightingId).toMatch(/^zone-north:/);
      const sighting = await world.mosaic.store.getRecord(RecordId(sightingId));
      expect(sighting?.record.schema).toBe('Sighting');
      expect(sighting?.record.properties).toMatchObject({ person: ['fedpol:p1'], date: ['2026-03-01'], place: ['E40 Aalter checkpoint'], route: [report.route], companions: [report.companions], objects: [report.objects], identityUsed: [report.identityUsed] });
      expect(sighting?.record.provenance.agency).toBe('zone-north');

      const told = await owner.next('alert.hit.confirmed');
      expect(told.body).toMatchObject({ check: check.id, decision: 'confirm', sighting: sightingId, report: { route: report.route, companions: report.companions, vehicle: report.vehicle } });
      // The owner finds the sighting on the subject's timeline (over a socket).
      const subject = projections.entities.entityOf(RecordId('fedpol:p1')) ?? 'fedpol:p1';
      const onTimeline = await within(10_000, async () => {
        const response = await fetch(`${baseUrl}/graph/timeline?entities=${encodeURIComponent(subject)}`, { headers: { ...auth('fedAnalyst'), 'x-mosaic-purpose': 'alert follow-up', 'x-mosaic-case': 'CASE-AL1' } });
        expect(response.status).toBe(200);
        return ((await response.json()) as { events: { id: string; kind: string; date: string; place?: string }[] }).events.find((e) => e.id === sightingId);
      });
      expect(onTimeline).toMatchObject({ kind: 'Sighting', date: '2026-03-01', place: 'E40 Aalter checkpoint' });
      const again = await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision: 'reject' } });
      expect(again.statusCode).toBe(409);

      const stored = await app.inject({ url: `/api/v1/checks/${check.id}`, headers: auth('zoneCheckpoint') });
      expect(stored.json()).toMatchObject({ check: { id: check.id, place: 'E40 Aalter checkpoint', latitude: 51.08, query: { name: 'Rachid Bouzid' } }, hits: [{ decision: { decision: 'confirm', sighting: sightingId } }] });
      expect((await app.inject({ url: `/api/v1/checks/${check.id}`, headers: auth('fedAnalyst') })).statusCode).toBe(404);

      // The other agency's stream got nothing of it.
      expect(other.events.filter((e) => String(e.body['check']) === check.id)).toEqual([]);
      // The inbox keeps what the stream showed, newest first, and marks it read.
      await projections.notifications.idle();
      const inbox = (await app.inject({ url: '/api/v1/notifications', headers: auth('fedAnalyst') })).json() as { notifications: { id: string; kind: string; read: boolean }[] };
      expect(inbox.notifications.map((n) => n.kind).slice(0, 2)).toEqual(['alert.hit.confirmed', 'alert.hit']);
      const first = inbox.notifications[0]!;
      expect((await app.inject({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, headers: auth('fedAnalyst') })).json()).toMatchObject({ notification: { id: first.id, read: true } });
      expect((await app.inject({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, headers: auth('intelAnalyst') })).statusCode).toBe(404);

      const audit = await world.mosaic.store.readAudit({ fromSeq: 0, limit: 10_000 });
      const screening = audit.map((e) => JSON.parse(e.body) as { action: string; query: Record<string, unknown> | null; records: string[] }).filter((e) => e.action === 'screening' && e.query?.['check'] === check.id);
      expect(screening[0]).toMatchObject({ query: { name: 'Rachid Bouzid', place: 'E40 Aalter checkpoint' }, records: ['fedpol:p1', 'fedpol:al1'] });
      expect(screening[1]).toMatchObject({ query: { decision: 'confirm' } });
    } finally {
      owner.close();
      other.close();
    }
  });

  it('never shows hidden entries, and they do not change what is shown', async () => {
    const hidden = await screen({ document: 'HS554433' });
    expect(hidden.statusCode).toBe(200);
    expect((hidden.json() as Answer).hits).toEqual([]);
    // each check draws its hits' refs anew
    const strip = (a: Answer) => a.hits.map((h) => ({ ...h, n: undefined, ref: undefined }));
    const withHidden = strip((await screen({ name: 'Rachid Bouzidi' })).json() as Answer);
    expect(JSON.stringify(withHidden)).not.toMatch(/fedpol:h1|HS554433/);
    expect(withHidden.map((h) => h.subject)).toEqual(['fedpol:p1']);
    // The analyst cleared for it sees it: the hidden entry is really there.
    expect(((await screen({ name: 'Rachid Bouzidi' }, 'fedAnalyst')).json() as Answer).hits.map((h) => h.subject)).toContain('fedpol:h1');
    await world.mosaic.store.deleteRecord(RecordId('fedpol:h1'), { actor: 'test', reason: 'test' });
    await projections.follower.catchUp();
    expect(strip((await screen({ name: 'Rachid Bouzidi' })).json() as Answer)).toEqual(withHidden);
  });

  it('shows a pointer-only entry as the owner and desk to call, nothing else', async () => {
    const response = await screen({ name: 'Karim Haddouchi' });
    const { hits } = response.json() as Answer;
    expect(hits).toEqual([{ n: 0, ref: expect.stringMatching(/^h[0-9a-f]{12}$/), kind: 'pointer', band: 'hit', agency: 'intel', agencyName: 'State Security', message: 'holds information', desk: { id: 'intel-liaison', name: 'Liaison desk', contact: '+32 2 000 00 03' } }]);
    expect(response.body).not.toMatch(/intel:x1|Haddouchi|XK998877|score|explain/);
    const byDocument = (await screen({ document: 'XK998877' })).json() as Answer;
    expect(byDocument.hits.map((h) => h.kind)).toEqual(['pointer']);
  });

  it('shows a match by document alone with the listed name, date of birth and nationality to compare, and a pointer with none', async () => {
    const { hits } = (await screen({ document: 'EM123456' })).json() as Answer;
    expect(hits[0]).toMatchObject({ kind: 'match', subject: 'fedpol:p1', listed: { name: 'Rachid Bouzid', birthDates: ['1990-03-02'], nationalities: ['be'] } });
    const byName = (await screen({ name: 'Rachid Bouzid' })).json() as Answer;
    expect(byName.hits.find((h) => h.subject === 'fedpol:p1')).toMatchObject({ listed: { name: 'Rachid Bouzid', birthDates: ['1990-03-02'] } });
    const pointer = (await screen({ document: 'XK998877' })).json() as Answer;
    expect(pointer.hits[0]).not.toHaveProperty('listed');
  });

  it('gives a match the listed record\'s grading, source reliability and information credibility, as a kept check does (LED Art. 7(2))', async () => {
    const answer = (await screen({ name: 'Rachid Bouzid' })).json() as Answer;
    const graded = { kind: 'match', subject: 'fedpol:p1', category: 'suspect', nature: 'fact', reliability: 'B', credibility: 2 };
    expect(answer.hits.find((h) => h.subject === 'fedpol:p1')).toMatchObject(graded);
    const kept = await app.inject({ method: 'GET', url: `/api/v1/checks/${answer.check.id}`, headers: auth('zoneCheckpoint') });
    expect((kept.json() as Answer).hits.find((h) => h.subject === 'fedpol:p1')).toMatchObject(graded);
    const pointer = (await screen({ document: 'XK998877' })).json() as Answer;
    expect(pointer.hits[0]).not.toHaveProperty('reliability');
  });

  it('records the call to a pointer\'s desk (not a confirmation), and tells the owner which of its records was encountered, where and by whom', async () => {
    await projections.notifications.idle();
    const before = new Set(((await app.inject({ url: '/api/v1/notifications', headers: auth('intelAnalyst') })).json() as { notifications: { id: string }[] }).notifications.map((n) => n.id));
    const response = await screen({ name: 'Karim Haddouchi', place: 'Zaventem T1' });
    const { check, hits } = response.json() as Answer;
    expect(hits.map((h) => h.kind)).toEqual(['pointer']);
    const url = `/api/v1/checks/${check.id}/hits/0/decision`;
    for (const decision of ['confirm', 'reject']) {
      const refused = await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { message: expect.stringMatching(/record the call/) } });
    }
    const called = await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision: 'called', report: { notes: 'desk asks to let him go, will follow up' } } });
    expect(called.statusCode, called.body).toBe(200);
    expect((called.json() as Answer).hits[0]).toMatchObject({ kind: 'pointer', decision: { decision: 'called', by: 'zone-north.zoneCheckpoint', notes: 'desk asks to let him go, will follow up', told: ['intel'] } });
    expect(JSON.stringify((called.json() as Answer).hits)).not.toMatch(/intel:x1|Haddouchi|XK998877/);
    expect((await app.inject({ method: 'POST', url, headers: auth('zoneCheckpoint'), payload: { decision: 'called' } })).statusCode).toBe(409);
    // 'called' is for pointers only.
    const match = (await screen({ name: 'Youssef Amrani' })).json() as Answer;
    expect((await app.inject({ method: 'POST', url: `/api/v1/checks/${match.check.id}/hits/0/decision`, headers: auth('zoneCheckpoint'), payload: { decision: 'called' } })).statusCode).toBe(400);
    // a hit is named by its ref as well as by its n; anything else is no hit
    const { ref } = match.hits[0] as { ref?: string };
    expect(ref).toMatch(/^h[0-9a-f]{12}$/);
    const byRef = await app.inject({ method: 'POST', url: `/api/v1/checks/${match.check.id}/hits/${ref}/decision`, headers: auth('zoneCheckpoint'), payload: { decision: 'reject' } });
    expect(byRef.statusCode, byRef.body).toBe(200);
    expect((byRef.json() as Answer).hits[0]).toMatchObject({ n: 0, ref, decision: { decision: 'reject' } });
    expect((await app.inject({ method: 'POST', url: `/api/v1/checks/${match.check.id}/hits/hzz/decision`, headers: auth('zoneCheckpoint'), payload: { decision: 'reject' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `/api/v1/checks/${match.check.id}/hits/h000000000000/decision`, headers: auth('zoneCheckpoint'), payload: { decision: 'reject' } })).statusCode).toBe(404);

    await projections.notifications.idle();
    const inbox = ((await app.inject({ url: '/api/v1/notifications', headers: auth('intelAnalyst') })).json() as { notifications: { id: string; kind: string; body: Record<string, unknown> }[] }).notifications.filter((n) => !before.has(n.id));
    expect(inbox.find((n) => n.kind === 'deconfliction.encounter')?.body).toMatchObject({
      check: check.id, record: 'intel:x1', records: ['intel:x1'], names: ['Karim Haddouchi'], time: check.at, place: 'Zaventem T1', requester: 'zone-north', desk: 'zone-north-desk',
    });
    expect(inbox.find((n) => n.kind === 'pointer.called')?.body).toMatchObject({ check: check.id, agency: 'zone-north', place: 'Zaventem T1', report: { notes: 'desk asks to let him go, will follow up' } });
    // The officer's query stays with the officer's agency.
    expect(JSON.stringify(inbox)).not.toMatch(/zoneCheckpoint/);
  });

  it('reads a nationality as a passport\'s machine-readable zone writes it (ICAO Doc 9303), and a stateless person\'s XXA as none', async () => {
    for (const nationality of ['BEL', 'D<<', 'GBD', 'UNK', 'XXA', 'XXX']) {
      const response = await screen({ name: 'Rachid Bouzid', nationality, purpose: 'checkpoint check' });
      expect(response.statusCode, nationality).toBe(200);
      const { hits } = response.json() as { hits: (Hit & { explain?: { nationality?: unknown } })[] };
      const p1 = hits.find((h) => h.subject === 'fedpol:p1');
      expect(p1, nationality).toBeDefined();
      expect(p1?.explain?.nationality === undefined, nationality).toBe(nationality.startsWith('XX'));
    }
    const refused = await screen({ name: 'Rachid Bouzid', nationality: 'Atlantis' });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(['nationality']);
  });

  it('refuses bad queries with the field and the reason', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A' }, 'name'],
      [{ name: 'x'.repeat(10_240) }, 'name'],
      [{ name: 'Rachid\u0007Bouzid' }, 'name'],
      [{ name: 'al bin' }, 'name'],
      [{ birthDate: '1990-03-02' }, 'query'],
      [{ name: 'Rachid Bouzid', birthDate: 'yesterday' }, 'birthDate'],
      [{ name: 'Rachid Bouzid', birthDate: '1999-99-99' }, 'birthDate'],
      [{ name: 'Rachid Bouzid', birthDate: '1978-02-31' }, 'birthDate'],
      [{ name: 'Rachid Bouzid', latitude: 123, longitude: 3 }, 'latitude'],
    ];
    for (const [payload, field] of cases) {
      const response = await screen(payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      const { error } = response.json() as { error: { code: string; message: string; details: { field: string; reason: string }[] } };
      expect(error.code).toBe('MOSAIC_QUERY_REJECTED');
      expect(error.details.map((d) => d.field)).toEqual([field]);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
      expect(error.message).not.toContain('Rachid');
    }
  });

  it('refuses a purpose or case reference with control characters, naming the field, before the check is kept or audited', async () => {
    const before = await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 });
    for (const [payload, field] of [
      [{ purpose: 'x\u0000\u001b[31mRED\nforged line' }, 'purpose'],
      [{ caseRef: 'case\r\n2' }, 'caseRef'],
      [{ purpose: 'border control', caseRef: 'C-1\u001b' }, 'caseRef'],
    ] as const) {
      const response = await screen({ name: 'Rachid Bouzid', ...payload });
      expect(response.statusCode, field).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'MOSAIC_INVALID_INPUT', message: `${field}: control characters are not allowed`, details: [{ field }] } });
    }
    expect(await screeningsSince(before.length)).toEqual([]);
  });

  it('refuses a check to a user who may not screen (auditor, administrators), before it is kept or audited', async () => {
    const before = await world.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 });
    for (const user of ['auditor', 'fedAdmin', 'sysadmin']) {
      const response = await screen({ name: 'Rachid Bouzid' }, user);
      expect(response.statusCode, user).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'MOSAIC_FORBIDDEN' } });
    }
    expect(await screeningsSince(before.length)).toEqual([]);
    expect((await screen({ name: 'Rachid Bouzid' }, 'fedAnalyst')).statusCode).toBe(200);
  });

  it('reflects an alert issued through POST /alerts within a second, and its withdrawal', async () => {
    const before = (await screen({ name: 'Youssef Amrani' })).json() as Answer;
    expect(before.hits[0]).toMatchObject({ subject: 'fedpol:p2', alerts: [] });
    // issuing one is collection under the analyst's purpose and case: none given, none issued
    const unexplained = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: auth('fedAnalyst'), payload: { subject: 'fedpol:p2', category: 'arrest' } });
    expect(unexplained.json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    const created = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: consulting('fedAnalyst'), payload: { subject: 'fedpol:p2', category: 'arrest', instructions: 'European arrest warrant 2026/17' } });
    expect(created.statusCode, created.body).toBe(200);
    const alert = (created.json() as { alert: { id: string; action: string; deskContact: string; status: string } }).alert;
    const issuedUnder = async (id: string) => {
      const entries: AuditEntry[] = [];
      for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.records.includes(id as never) && entry.action === 'collection') entries.push(entry);
      return entries.map((e) => [e.purpose, e.caseRef]);
    };
    expect(await issuedUnder(alert.id)).toEqual([['alert management', 'CASE-AL2']]);
    expect(alert).toMatchObject({ action: 'ARREST', deskContact: '+32 2 000 00 01', status: 'active' });
    const shown = await within(10_000, async () => {
      const hit = ((await screen({ name: 'Youssef Amrani' })).json() as Answer).hits[0];
      return hit?.alerts?.length ? hit : undefined;
    });
    expect(shown.alerts![0]).toMatchObject({ id: alert.id, action: 'ARREST', instructions: 'European arrest warrant 2026/17' });

    // A checkpoint officer may not issue alerts; the owner lists its own only.
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: consulting('zoneCheckpoint'), payload: { subject: 'fedpol:p2', category: 'arrest' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/alerts', headers: auth('fedAnalyst') })).statusCode).toBe(400);
    const mine = (await app.inject({ url: '/api/v1/alerts', headers: consulting('fedAnalyst') })).json() as { alerts: { id: string }[] };
    expect(mine.alerts.map((a) => a.id)).toEqual(expect.arrayContaining([alert.id, 'fedpol:al1']));
    expect(((await app.inject({ url: '/api/v1/alerts', headers: consulting('intelAnalyst') })).json() as { alerts: unknown[] }).alerts).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${alert.id}`, headers: consulting('intelAnalyst') })).statusCode).toBe(404);

    expect((await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${alert.id}`, headers: auth('fedAnalyst') })).json()).toMatchObject({ error: { code: 'MOSAIC_PURPOSE_REQUIRED' } });
    // the why of the withdrawal, if given, is kept in its audit entry; one too long withdraws nothing
    const tooLong = await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${alert.id}`, headers: consulting('fedAnalyst'), payload: { reason: 'x'.repeat(501) } });
    expect(tooLong.statusCode).toBe(400);
    const withdrawn = await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${alert.id}`, headers: consulting('fedAnalyst'), payload: { reason: 'Arrested on the warrant on 2026-12-01' } });
    expect(withdrawn.json()).toMatchObject({ alert: { id: alert.id, status: 'withdrawn' } });
    const alterations: AuditEntry[] = [];
    for await (const entry of createStoreAuditStorage(world.mosaic.store).entries()) if (entry.records.includes(alert.id as never) && entry.action === 'alteration') alterations.push(entry);
    expect(alterations.map((e) => [e.reason, e.purpose, e.caseRef])).toEqual([['alert withdrawn: Arrested on the warrant on 2026-12-01', 'alert management', 'CASE-AL2']]);
    await within(10_000, async () => {
      const hit = ((await screen({ name: 'Youssef Amrani' })).json() as Answer).hits[0];
      return hit?.alerts?.length === 0 ? hit : undefined;
    });
  });

  it('lets the issuer withdraw an alert whose subject they may no longer read, answering its id and status only', async () => {
    await putRecord(person('fedpol', 'p-restricted', { name: ['Ilse Vandamme'] }));
    const issued = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: consulting('fedAnalyst'), payload: { subject: 'fedpol:p-restricted', category: 'discreet_check', instructions: 'Note who travels with her' } });
    const { id } = (issued.json() as { alert: { id: string } }).alert;
    // restricted since to a case team's name that no group has: it admits no one
    await putRecord(person('fedpol', 'p-restricted', { name: ['Ilse Vandamme'] }, { marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-gone'] } }));
    const withdrawn = await app.inject({ method: 'DELETE', url: `/api/v1/alerts/${id}`, headers: consulting('fedAnalyst') });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toEqual({ alert: { id, status: 'withdrawn' } });
    expect(withdrawn.body).not.toMatch(/p-restricted|travels|discreet/);
  });

  it('refuses an alert whose desk is not one of the issuing agency\'s, naming desk', async () => {
    for (const desk of ['nope-desk', 'intel-liaison']) {
      const refused = await app.inject({ method: 'POST', url: '/api/v1/alerts', headers: consulting('fedAnalyst'), payload: { subject: 'fedpol:p2', category: 'discreet_check', desk, deskContact: '+32 2 555' } });
      expect(refused.statusCode, desk).toBe(400);
      expect(refused.json()).toMatchObject({ error: { details: [{ field: 'desk' }] } });
    }
  });

  it('refuses an alert that would end before it starts, or on a day no calendar has, naming validUntil', async () => {
    const listed = async () => ((await app.inject({ url: '/api/v1/alerts', headers: consulting('fedAnalyst') })).json() as { alerts: unknown[] }).alerts.length;
    const before = await listed();
    const issue = (dates: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/alerts', headers: consulting('fedAnalyst'), payload: { subject: 'fedpol:p2', category: 'discreet_check', ...dates } });
    for (const dates of [{ validFrom: '2030-06-10', validUntil: '2030-06-01' }, { validUntil: '2000-01-01' }, { validFrom: '2030-06-10', validUntil: '2030-02-31' }]) {
      const refused = await issue(dates);
      expect(refused.statusCode, JSON.stringify(dates)).toBe(400);
      expect(refused.json().error.code).toBe('MOSAIC_INVALID_INPUT');
      expect(refused.json().error.message, JSON.stringify(dates)).toMatch(/^(invalid body: )?validUntil: /);
    }
    expect(await listed()).toBe(before);
    // a one-day alert is fine
    expect((await issue({ validFrom: '2030-06-10', validUntil: '2030-06-10' })).statusCode).toBe(200);
  });

  it('says when two hits are listings of one resolved person', async () => {
    // fedpol recorded the same man twice (two of its systems): one person, two listings
    await putRecord(person('fedpol', 'p1b', { name: ['BOUZID, Rachid'], birthDate: ['1990-03-02'], passportNumber: ['EM123456'] }));
    await projections.follower.catchUp();
    await projections.entities.rebuild();
    expect(projections.entities.entityOf(RecordId('fedpol:p1b'))).toBe(projections.entities.entityOf(RecordId('fedpol:p1')));
    const { hits } = (await screen({ name: 'Rachid Bouzid', birthDate: '1990-03-02' })).json() as Answer;
    const first = hits.find((h) => h.subject === 'fedpol:p1');
    const second = hits.find((h) => h.subject === 'fedpol:p1b');
    expect(first?.n).toBe(0);
    expect(first?.sameSubjectAs).toBeUndefined();
    expect(second?.sameSubjectAs).toBe(0);
    // another person's card says nothing of the kind
    const other = (await screen({ name: 'Youssef Amrani' })).json() as Answer;
    expect(other.hits.map((h) => h.sameSubjectAs)).toEqual([undefined]);
  });

  it('describes the screening, alert and notification routes in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/v1/screen', '/api/v1/checks/{id}', '/api/v1/checks/{id}/hits/{n}/decision', '/api/v1/alerts', '/api/v1/alerts/{id}',
      '/api/v1/notifications', '/api/v1/notifications/{id}/read', '/api/v1/notifications/stream',
    ]));
  });
});

describe('an alert on a need-to-know record over HTTP', () => {
  let team: TestMosaic;
  let server: FastifyInstance;
  let follow: Projections;
  const as: Record<string, Record<string, string>> = {};
  const why = { 'x-mosaic-purpose': 'operation x', 'x-mosaic-case': 'OP-X-1' };
  const call = (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    server.inject({ method, url: `/api/v1${url}`, headers: { ...as[user], ...why }, ...(payload === undefined ? {} : { payload }) });
  const ok = async (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const response = await call(user, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
    return response.json() as Record<string, unknown>;
  };
  const alertOn = async (user: string, subject: string) => ((await ok(user, 'POST', '/alerts', { subject, category: 'discreet_check' })) as { alert: { id: string } }).alert.id;
  const xanthippe = { name: 'Xanthippe Wolkenstein', birthDate: '1979-02-14' };

  beforeAll(async () => {
    team = await openTestMosaic();
    follow = await startProjections(team.mosaic, { follow: false });
    server = await buildApp({ mosaic: team.mosaic, projections: follow, webRoot: null });
    // the federal police's analyst1 (in op-x) and analyst2 (not in it), both cleared SECRET
    const { passwordHash } = (await team.mosaic.store.findUserByName('fedAnalyst'))!;
    for (const name of ['analyst1', 'analyst2']) {
      await team.mosaic.store.upsertUser({ id: UserId(`fedpol.${name}`), name, agency: AgencyId('fedpol'), desk: DeskId('fedpol-ops'), roles: ['analyst'], clearance: 'SECRET', groups: [], passwordHash });
    }
    for (const name of ['fedAdmin', 'analyst1', 'analyst2', 'intelAdmin', 'intelAnalyst', 'zoneCheckpoint', 'zoneOfficer']) as[name] = { authorization: `Bearer ${await signInToken(server, name)}` };
    await ok('fedAdmin', 'PUT', '/admin/groups/op-x', { name: 'Operation X' });
    await ok('fedAdmin', 'PUT', '/admin/groups/op-x/members', { users: ['fedpol.analyst1'] });
    await ok('intelAdmin', 'PUT', '/admin/groups/ct-x', { name: 'Counter-terrorism X' });
    // intelAnalyst is cleared above intelligence's administrator (TOP_SECRET, SECRET), who may not
    // add them to a group: one cleared for it does
    const intelAnalyst = (await team.mosaic.store.getUser(UserId('intel.intelAnalyst')))!;
    await team.mosaic.store.upsertUser({ ...intelAnalyst, groups: ['ct-x'] });
    team.mosaic.sessions.forgetUser(intelAnalyst.id);
  });
  afterAll(async () => {
    await server.close();
    follow.stop();
    await team.cleanup();
  });

  it('lists, withdraws and reads an alert only for a user who may read its subject, and screens neither for a checkpoint officer outside the group', async () => {
    const marking = { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['op-x'] };
    await ok('analyst1', 'POST', '/records', { id: 'ntk-p2', schema: 'Person', properties: { name: [xanthippe.name], birthDate: [xanthippe.birthDate] }, provenance: testProvenance('fedpol', { marking }) });
    await ok('analyst1', 'POST', '/records', { id: 'open-p3', schema: 'Person', properties: { name: ['Rachid Bouzid'] }, provenance: testProvenance('fedpol') });
    // the alert is given no needToKnow of its own: the subject's group is what hides it
    const hidden = await alertOn('analyst1', 'fedpol:ntk-p2');
    const open = await alertOn('analyst1', 'fedpol:open-p3');

    expect(((await ok('analyst1', 'GET', '/alerts')) as { alerts: { id: string; subject: string }[] }).alerts.map((a) => [a.id, a.subject]).sort())
      .toEqual([[hidden, 'fedpol:ntk-p2'], [open, 'fedpol:open-p3']].sort());
    const listed = await call('analyst2', 'GET', '/alerts');
    expect((listed.json() as { alerts: { id: string }[] }).alerts.map((a) => a.id)).toEqual([open]);
    expect(listed.body).not.toMatch(new RegExp(`ntk-p2|${hidden}`));
    // the alert read as a record, and withdrawn, answer as a missing one; the team's alert stays in force
    for (const [method, url] of [['GET', `/records/${hidden}`], ['GET', `/records/${hidden}/history`], ['DELETE', `/alerts/${hidden}`]] as const) {
      const refused = await call('analyst2', method, url);
      expect(refused.statusCode, `${method} ${url}`).toBe(404);
      expect(refused.body).not.toContain('ntk-p2');
    }
    expect((await call('zoneOfficer', 'GET', `/records/${hidden}`)).statusCode).toBe(404);
    expect(((await ok('analyst1', 'GET', `/records/${hidden}`)) as { record: { properties: { status: string[] } } }).record.properties.status).toEqual(['active']);

    // the checkpoint screen: no hit and no alert outside the group, the alert to the team's members
    await follow.follower.catchUp();
    for (const user of ['zoneCheckpoint', 'zoneOfficer', 'analyst2']) {
      const screened = await call(user, 'POST', '/screen', xanthippe);
      expect(screened.statusCode, screened.body).toBe(200);
      expect((screened.json() as Answer).hits, user).toEqual([]);
    }
    const theirs = (await ok('analyst1', 'POST', '/screen', xanthippe)) as unknown as Answer;
    expect(theirs.hits.map((h) => [h.subject, h.alerts?.map((a) => a.id)])).toEqual([['fedpol:ntk-p2', [hidden]]]);
  });

  it('gives a checkpoint officer under a pointer agreement the pointer only, without the alert, and nothing for a need-to-know record', async () => {
    await ok('intelAnalyst', 'POST', '/records', { id: 'ptr-p5', schema: 'Person', properties: { name: ['Kaspar Lindqvist'], birthDate: ['1968-09-09'] }, provenance: testProvenance('intel') });
    const marking = { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'], needToKnow: ['ct-x'] };
    await ok('intelAnalyst', 'POST', '/records', { id: 'ntk-p6', schema: 'Person', properties: { name: ['Kaspar Lindgren'], birthDate: ['1971-01-21'] }, provenance: testProvenance('intel', { marking }) });
    const pointed = await alertOn('intelAnalyst', 'intel:ptr-p5');
    const secret = await alertOn('intelAnalyst', 'intel:ntk-p6');
    await follow.follower.catchUp();

    const screened = await call('zoneCheckpoint', 'POST', '/screen', { name: 'Kaspar Lindqvist', birthDate: '1968-09-09' });
    expect(screened.statusCode, screened.body).toBe(200);
    expect((screened.json() as Answer).hits).toEqual([expect.objectContaining({ kind: 'pointer', agency: 'intel' })]);
    expect(screened.body).not.toMatch(new RegExp(`${pointed}|ptr-p5|alerts`));
    const none = await call('zoneCheckpoint', 'POST', '/screen', { name: 'Kaspar Lindgren', birthDate: '1971-01-21' });
    expect((none.json() as Answer).hits).toEqual([]);
    expect(none.body).not.toMatch(new RegExp(`${secret}|ntk-p6`));
  });
});

describe('the agency\'s alerts listed by their subjects\' names', () => {
  let zone: TestMosaic;
  let server: FastifyInstance;
  let follow: Projections;
  const as: Record<string, Record<string, string>> = {};
  const why = { 'x-mosaic-purpose': 'alert review', 'x-mosaic-case': 'ZN-12' };
  const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    server.inject({ method, url: `/api/v1${url}`, headers: { ...as[user], ...why }, ...(payload === undefined ? {} : { payload }) });
  const alertOn = async (user: string, subject: string) => {
    const issued = await call(user, 'POST', '/alerts', { subject, category: 'discreet_check' });
    expect(issued.statusCode, issued.body).toBe(200);
    return (issued.json() as { alert: { id: string } }).alert.id;
  };
  const put = async (raw: Record<string, unknown>) => {
    const v = validateRecord(zone.mosaic.registry, raw);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    await zone.mosaic.store.putRecords([v.record], { actor: 'test' });
  };

  beforeAll(async () => {
    zone = await openTestMosaic();
    follow = await startProjections(zone.mosaic, { follow: false });
    server = await buildApp({ mosaic: zone.mosaic, projections: follow, webRoot: null });
    for (const name of ['zoneOfficer', 'fedAnalyst']) as[name] = { authorization: `Bearer ${await signInToken(server, name)}` };
  });
  afterAll(async () => {
    await server.close();
    follow.stop();
    await zone.cleanup();
  });

  it('names each subject the reader may read, read through one consultation of the list: logged with its records, disclosed, and told to the owner its agreement asks', async () => {
    await put(person('zone-north', 'z1', { name: ['Lotte Verhaegen'] }));
    await put(person('zone-north', 'z2', { name: ['Bram Oosterlinck'] }));
    // the federal police share their records with the zone, and ask to be told of each consultation
    await put(person('fedpol', 'p1', { name: ['Rachid Bouzid'] }));
    const own = await alertOn('zoneOfficer', 'zone-north:z1');
    const theirs = await alertOn('zoneOfficer', 'fedpol:p1');
    const hidden = await alertOn('zoneOfficer', 'zone-north:z2');
    // marked since above the officer's clearance (RESTRICTED): the alert on it is not listed, nor its name
    await put(person('zone-north', 'z2', { name: ['Bram Oosterlinck'] }, { marking: { tlp: 'AMBER', classification: 'SECRET', releasability: ['be'] } }));
    await follow.follower.catchUp();

    const told: { kind: string; to: unknown; records: unknown }[] = [];
    const stop = zone.mosaic.notifier.subscribe((n) => told.push({ kind: n.kind, to: n.to, records: n.body['records'] }));
    const before = (await zone.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).length;
    try {
      const listed = await call('zoneOfficer', 'GET', '/alerts');
      expect(listed.statusCode, listed.body).toBe(200);
      expect((listed.json() as { alerts: { id: string; subject: string; caption?: string }[] }).alerts.map((a) => [a.id, a.subject, a.caption]).sort())
        .toEqual([[own, 'zone-north:z1', 'Lotte Verhaegen'], [theirs, 'fedpol:p1', 'Rachid Bouzid']].sort());
      expect(listed.body).not.toMatch(new RegExp(`${hidden}|z2|Oosterlinck`));
      const logged = (await zone.mosaic.store.readAudit({ fromSeq: 0, limit: 100_000 })).slice(before).map((e) => JSON.parse(e.body) as AuditEntry);
      expect(logged.map((e) => [e.action, e.purpose, e.caseRef, [...e.records].sort(), e.recipients, e.reason])).toEqual([
        ['consultation', 'alert review', 'ZN-12', [own, theirs, 'fedpol:p1', 'zone-north:z1'].sort(), [], null],
        ['disclosure', 'alert review', 'ZN-12', ['fedpol:p1'], ['zone-north'], 'agreement: full'],
      ]);
      // one notice to the owner for the list, none for the zone's own records
      expect(told).toEqual([{ kind: 'deconfliction.consult', to: { agency: 'fedpol' }, records: ['fedpol:p1'] }]);
    } finally {
      stop();
    }
  });

  it('names its own agency\'s subjects without telling anyone', async () => {
    await put(person('fedpol', 'p2', { name: ['Youssef Amrani'] }));
    const alert = await alertOn('fedAnalyst', 'fedpol:p2');
    await follow.follower.catchUp();
    const told: string[] = [];
    const stop = zone.mosaic.notifier.subscribe((n) => told.push(n.kind));
    try {
      const listed = await call('fedAnalyst', 'GET', '/alerts');
      expect((listed.json() as { alerts: { id: string; caption?: string }[] }).alerts).toEqual([expect.objectContaining({ id: alert, subject: 'fedpol:p2', caption: 'Youssef Amrani' })]);
      expect(told).toEqual([]);
    } finally {
      stop();
    }
  });
});
