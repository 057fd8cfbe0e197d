/**
 * Webhook deliveries that failed, tried again. A hit on an arrest alert pushed to an agency whose
 * receiver is restarting must not be lost from its system: a failed delivery is kept (kind
 * 'webhook-retry', owner: the agency) and tried again after RETRY_DELAYS_MS, about nine hours in
 * all; one that still fails is kept as undelivered ('webhook-undelivered') for the agency's data
 * administrator, who sees it (webhookStatusOf) and can send it again once the receiver is mended
 * (redeliverWebhooks).
 *
 * What is kept: the notification's id. Each attempt reads the kept notification again, so an
 * erasure since (erase-from-checks.ts) is sent as it left it, and a notification the retention
 * sweep erased is not sent at all. A message that is not kept as a notification (an erasure
 * notice: ids only) is kept in the retry itself.
 *
 * Every node tries the due deliveries (retryWebhooks, every few seconds: keepNotifications); one
 * node claims each attempt (a document only one can create, named by the minute, so that a node
 * that stopped mid-attempt holds it no longer), so an attempt is made once, except when another
 * node claims it in the next minute while the first is still waiting for the receiver.
 * Receivers should ignore a notification id they have had (header `x-mosaic-notification`).
 */
import type { AgencyId } from '@mosaic/model';
import type { Store, StoredDocument } from '@mosaic/store';
import { auditAdminIn, authoriseAdmin, type AdminRequest } from '../admin/admin-gate.ts';
import type { Notification } from '../notifier.ts';
import type { Consultation } from '../organisation.ts';
import type { Mosaic } from '../runtime.ts';
import { NOTIFICATION_KIND, type StoredNotification } from './notification-inbox.ts';
import { attemptWebhook, webhookOf, type Delivery, type WebhookOptions } from './webhooks.ts';

export const WEBHOOK_RETRY_KIND = 'webhook-retry';
export const WEBHOOK_UNDELIVERED_KIND = 'webhook-undelivered';
/** One node's claim on one attempt (subject: the retry); erased with the retry. */
export const WEBHOOK_ATTEMPT_KIND = 'webhook-attempt';

/** The waits after each failed attempt: 10 s, 1 min, 5 min, 30 min, 2 h, 6 h. */
export const RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];

/** A delivery not yet made: what the retry and the undelivered documents hold (no personal data). */
export interface PendingDelivery {
  readonly notification: string;
  readonly kind: string;
  /** The message, when it is not kept as a notification (an erasure notice: ids only). */
  readonly message?: Notification;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly firstAt: string;
  readonly lastAt: string;
  /** Why the last attempt failed (`HTTP 503`, `timed out`, `no connection`, `target not allowed`). */
  readonly failure: string;
  /** When the next attempt is due (retries only). */
  readonly nextAt?: string;
}

export interface RetryOptions extends WebhookOptions {
  readonly delaysMs?: readonly number[];
}

const CLAIM_SLOT_MS = 60_000;
const PAGE = 500;

const later = (at: Date, ms: number): string => new Date(at.getTime() + ms).toISOString();

/**
 * Deliver an agency's notification at once; a failure is kept and tried again (see above).
 * `kept`: the notification is kept as a document (each retry reads it again); otherwise the
 * retry keeps the message, which must then hold no personal data. Never throws.
 */
export async function deliverOrRetry(mosaic: Mosaic, agency: AgencyId, notification: Notification, { kept, ...options }: RetryOptions & { readonly kept: boolean }): Promise<Delivery> {
  const attempt = await attemptWebhook(mosaic, agency, notification, options);
  if (attempt.delivery !== 'failed') return attempt.delivery;
  const at = mosaic.now();
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const pending: PendingDelivery = {
    notification: notification.id, kind: notification.kind, ...(kept ? {} : { message: notification }),
    attempts: 1, firstAt: at.toISOString(), lastAt: at.toISOString(), failure: attempt.failure ?? 'failed', nextAt: later(at, delays[0] ?? 0),
  };
  await mosaic.store.putDocument({ kind: WEBHOOK_RETRY_KIND, id: notification.id, owner: agency, body: pending }).catch(() => undefined);
  return 'failed';
}

export interface RetryRound {
  readonly attempted: number;
  readonly delivered: number;
  /** Given up on this round: kept as undelivered. */
  readonly undelivered: number;
}

/**
 * One round: each due retry is claimed and tried, oldest first; an agency whose endpoint fails in
 * this round is not tried again until the next one (one failed attempt a round, however many
 * notices wait for it). Agencies are tried side by side.
 */
export async function retryWebhooks(mosaic: Mosaic, options: RetryOptions = {}): Promise<RetryRound> {
  const now = mosaic.now();
  const rounds = await Promise.all([...await dueRetries(mosaic, now)].map(([agency, docs]) => retryAgency(mosaic, agency, docs, now, options)));
  return rounds.reduce((sum, r) => ({ attempted: sum.attempted + r.attempted, delivered: sum.delivered + r.delivered, undelivered: sum.undelivered + r.undelivered }), { attempted: 0, delivered: 0, undelivered: 0 });
}

/** The retries due at `now`, by agency, each agency's oldest first. */
async function dueRetries(mosaic: Mosaic, now: Date): Promise<Map<AgencyId, StoredDocument[]>> {
  const due = new Map<AgencyId, StoredDocument[]>();
  for (let afterId = ''; ;) {
    const page = await mosaic.store.listDocuments(WEBHOOK_RETRY_KIND, { limit: PAGE, afterId });
    for (const doc of page) {
      if (((doc.body as PendingDelivery).nextAt ?? '') > now.toISOString()) continue;
      const list = due.get(doc.owner as AgencyId);
      if (list) list.push(doc);
      else due.set(doc.owner as AgencyId, [doc]);
    }
    if (page.length < PAGE) break;
    afterId = (page[page.length - 1] as StoredDocument).id;
  }
  for (const docs of due.values()) docs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return due;
}

async function retryAgency(mosaic: Mosaic, agency: AgencyId, docs: readonly StoredDocument[], now: Date, options: RetryOptions): Promise<RetryRound> {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  const round = { attempted: 0, delivered: 0, undelivered: 0 };
  for (const doc of docs) {
    const pending = doc.body as PendingDelivery;
    const claimed = await mosaic.store.createDocument({
      kind: WEBHOOK_ATTEMPT_KIND, id: `${doc.id}/${pending.attempts}/${Math.floor(now.getTime() / CLAIM_SLOT_MS)}`, owner: agency, subject: doc.id, body: { at: now.toISOString() },
    });
    if (!claimed) continue;
    // read again once claimed: another node may have ended it since this one listed it (a
    // retry is erased before its claims, so a claim that succeeds after those were erased finds
    // it gone)
    const fresh = await mosaic.store.getDocument(WEBHOOK_RETRY_KIND, doc.id);
    if ((fresh?.body as PendingDelivery | undefined)?.attempts !== pending.attempts) continue;
    const message = pending.message ?? ((await mosaic.store.getDocument(NOTIFICATION_KIND, pending.notification))?.body as StoredNotification | undefined)?.notification;
    // erased since (retention): nothing is left to send
    if (!message) {
      await endRetry(mosaic.store, doc.id);
      continue;
    }
    round.attempted++;
    const attempt = await attemptWebhook(mosaic, agency, message, options);
    if (attempt.delivery !== 'failed') {
      // delivered, or the agency has no webhook any more
      if (attempt.delivery === 'delivered') round.delivered++;
      await endRetry(mosaic.store, doc.id);
      continue;
    }
    const at = mosaic.now();
    const { nextAt: _, ...rest } = pending;
    const next: PendingDelivery = { ...rest, attempts: pending.attempts + 1, lastAt: at.toISOString(), failure: attempt.failure ?? 'failed' };
    const delay = delays[pending.attempts];
    if (delay === undefined) {
      await mosaic.store.transaction(async (tx) => {
        await tx.putDocument({ kind: WEBHOOK_UNDELIVERED_KIND, id: doc.id, owner: agency, body: next });
        await endRetry(tx, doc.id);
      });
      round.undelivered++;
    } else {
      await mosaic.store.putDocument({ kind: WEBHOOK_RETRY_KIND, id: doc.id, owner: agency, body: { ...next, nextAt: later(at, delay) } });
    }
    // the endpoint failed: the agency's other notices wait for the next round
    break;
  }
  return round;
}

/** The retry and then the claims on its attempts, erased (in this order: see retryAgency). */
async function endRetry(store: Store, id: string): Promise<void> {
  await store.deleteDocument(WEBHOOK_RETRY_KIND, id);
  const claims = await store.listDocuments(WEBHOOK_ATTEMPT_KIND, { subject: id, limit: 1000 });
  await store.deleteDocuments(WEBHOOK_ATTEMPT_KIND, claims.map((c) => c.id));
}

/**
 * Looks for due retries every `intervalMs` until stopped and tries each agency's, as
 * retryWebhooks does, in a round of the agency's own: an agency whose round is still running (a
 * slow receiver working through the notices that waited for it) is left to it, while the others'
 * due retries are tried at the next look, not after it. A failed round is tried again at the next.
 */
export function scheduleWebhookRetries(mosaic: Mosaic, { intervalMs = 5000, ...options }: RetryOptions & { readonly intervalMs?: number } = {}): { stop(): void; idle(): Promise<void> } {
  let looking: Promise<void> | undefined;
  const running = new Map<AgencyId, Promise<void>>();
  const look = async (): Promise<void> => {
    const now = mosaic.now();
    for (const [agency, docs] of await dueRetries(mosaic, now)) {
      if (running.has(agency)) continue;
      const round = retryAgency(mosaic, agency, docs, now, options).then(() => undefined, () => undefined).finally(() => running.delete(agency));
      running.set(agency, round);
    }
  };
  const timer = setInterval(() => {
    looking ??= look().catch(() => undefined).finally(() => { looking = undefined; });
  }, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await looking;
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}

export interface WebhookStatus extends WebhookDeliveries {
  /** Where the agency's notifications are pushed (never the secret). */
  readonly url: string | null;
}

/** The agency's webhook and its deliveries, for its data administrator. */
export async function webhookStatusOf(mosaic: Mosaic, request: Consultation): Promise<WebhookStatus> {
  const agency = request.user.agency;
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency });
  const [config, deliveries] = await Promise.all([webhookOf(mosaic, agency), webhookDeliveriesOf(mosaic, agency)]);
  return { url: config?.url ?? null, ...deliveries };
}

/**
 * The agency's data administrator has every undelivered notification tried again (once the
 * receiver is mended); audited as administration. Returns how many were queued. The notices
 * re-queued and the audit entry are written in one transaction under the audit log's lock:
 * written apart, a failure of the entry left notifications sent again that no entry accounted for.
 */
export async function redeliverWebhooks(mosaic: Mosaic, request: AdminRequest): Promise<{ readonly queued: number }> {
  const agency = request.user.agency;
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency });
  const queued = await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    const count = await requeueUndelivered(tx, agency, mosaic.now());
    await auditAdminIn(mosaic, tx, request, { webhook: { agency, redeliver: count } }, { reason: 'webhook redelivery' });
    return count;
  });
  return { queued };
}

export interface WebhookDeliveries {
  /** Notifications still being tried. */
  readonly pending: number;
  /** Those given up on, newest first (at most 100). */
  readonly undelivered: readonly Omit<PendingDelivery, 'message' | 'nextAt'>[];
}

/** The agency's deliveries still being tried and those given up on. */
export async function webhookDeliveriesOf(mosaic: Mosaic, agency: AgencyId): Promise<WebhookDeliveries> {
  const pending = await countOf(mosaic, WEBHOOK_RETRY_KIND, agency);
  const undelivered = await mosaic.store.listDocuments(WEBHOOK_UNDELIVERED_KIND, { owner: agency, limit: 100 });
  return {
    pending,
    undelivered: undelivered.map((d) => {
      const { notification, kind, attempts, firstAt, lastAt, failure } = d.body as PendingDelivery;
      return { notification, kind, attempts, firstAt, lastAt, failure };
    }),
  };
}

async function countOf(mosaic: Mosaic, kind: string, owner: string): Promise<number> {
  let count = 0;
  for (let afterId = ''; ;) {
    const page = await mosaic.store.listDocuments(kind, { owner, limit: PAGE, afterId });
    count += page.length;
    if (page.length < PAGE) return count;
    afterId = (page[page.length - 1] as StoredDocument).id;
  }
}

/**
 * Every undelivered notification of the agency tried again from `at` (as new retries); returns
 * how many. Run in the caller's transaction (`tx`), with the audit entry that accounts for it: a
 * notice is never both undelivered and a retry, nor neither.
 */
async function requeueUndelivered(tx: Store, agency: AgencyId, at: Date): Promise<number> {
  const nextAt = at.toISOString();
  let count = 0;
  for (;;) {
    const page = await tx.listDocuments(WEBHOOK_UNDELIVERED_KIND, { owner: agency, limit: PAGE, oldestFirst: true });
    if (page.length === 0) return count;
    await tx.putDocuments(page.map((d) => ({ kind: WEBHOOK_RETRY_KIND, id: d.id, owner: agency, body: { ...(d.body as PendingDelivery), attempts: 0, nextAt } })));
    await tx.deleteDocuments(WEBHOOK_UNDELIVERED_KIND, page.map((d) => d.id));
    count += page.length;
  }
}
