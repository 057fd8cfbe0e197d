/**
 * Outgoing webhooks: an agency may have its notifications (hits on its alerts above all) pushed
 * to its own system. The body is signed with HMAC-SHA256 under a secret held per agency
 * (header `X-Mosaic-Signature: sha256=<hex>`), the same scheme as GitHub's and Stripe's, so the
 * receiver can check that the message came from Mosaic and was not altered.
 * Configuration is a document (kind 'webhook', id and owner: the agency).
 */
import { AppError, type AgencyId, type RecordId } from '@mosaic/model';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Notification } from '../notifier.ts';
import { auditAdminIn, authoriseAdmin, type AdminRequest } from '../admin/admin-gate.ts';
import type { Mosaic } from '../runtime.ts';
import { NOTICE_DELIVERY } from './inbox-reads.ts';
import { agencySystemReader, notificationsAsSeen, recordsToldIn } from './notification-view.ts';
import { webhookPost, WebhookTargetRefused, type WebhookPost } from './webhook-post.ts';
import { isWebhookTarget, webhookTargetProblem, type WebhookTargetRule } from './webhook-target.ts';

export const WEBHOOK_KIND = 'webhook';
export const SIGNATURE_HEADER = 'x-mosaic-signature';

export interface WebhookConfig {
  readonly url: string;
  readonly secret: string;
}

export interface WebhookOptions {
  readonly timeoutMs?: number;
  /** How a delivery is sent; default: webhookPost under the operator's rule (config webhookPrivateTargets). */
  readonly post?: WebhookPost;
}

export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For receivers (and tests): constant-time comparison of the signature header. */
export function verifyWebhookSignature(secret: string, body: string, signature: string | undefined): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Stores the agency's webhook. `privateTargets` says where it may point (webhook-target.ts): an
 * administrator's goes through configureWebhook, under the operator's setting; called directly
 * (the operator's tooling, tests), receivers inside the network are allowed — and sent to only
 * where the operator's setting allows them, as every delivery is judged again (attemptWebhook).
 */
export async function setWebhook(mosaic: Mosaic, agency: AgencyId, config: WebhookConfig, rule: WebhookTargetRule = {}): Promise<void> {
  await mosaic.store.putDocument(webhookDocument(agency, checkWebhook(config, rule)));
  keptWebhooks.get(mosaic)?.delete(agency);
}

/** The webhook as kept, its URL normalised, once the URL and secret are judged under `rule` (setWebhook). */
function checkWebhook(config: WebhookConfig, { privateTargets = true }: WebhookTargetRule): WebhookConfig {
  const refused = (field: 'url' | 'secret', reason: string): AppError => new AppError('MOSAIC_INVALID_INPUT', `webhook ${field}: ${reason}`, { field, reason });
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw refused('url', 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused('url', 'http or https only');
  // a URL's credentials would be answered to administrators and written to the audit log, which
  // keeps them for good, where the secret is neither: the signature is what authenticates Mosaic
  if (url.username !== '' || url.password !== '') throw refused('url', 'no user name or password in the URL: each delivery is signed with the secret');
  const target = webhookTargetProblem(url, { privateTargets });
  if (target !== undefined) throw refused('url', target);
  if (config.secret.length < 16) throw refused('secret', 'at least 16 characters');
  return { url: url.toString(), secret: config.secret };
}

function webhookDocument(agency: AgencyId, config: WebhookConfig): { readonly kind: string; readonly id: string; readonly owner: AgencyId; readonly body: WebhookConfig } {
  return { kind: WEBHOOK_KIND, id: agency, owner: agency, body: config };
}

/**
 * An agency's data administrator sets (or, with null, removes) the agency's webhook: https to a
 * public address unless the operator allows private targets. Audited as administration; the
 * secret never enters the audit log or any answer.
 */
export async function configureWebhook(mosaic: Mosaic, request: AdminRequest, config: WebhookConfig | null): Promise<{ readonly url: string | null }> {
  const agency = request.user.agency;
  await authoriseAdmin(mosaic, request, { kind: 'agency', agency });
  const checked = config === null ? null : checkWebhook(config, { privateTargets: mosaic.config.webhookPrivateTargets });
  const url = checked?.url ?? null;
  // the webhook and its entry together: notifications pushed to a receiver no entry names, or
  // no longer pushed with no word of who stopped them, are what the log is there to prevent
  await mosaic.store.transaction(async (tx) => {
    await tx.lockAudit();
    if (checked === null) await tx.deleteDocument(WEBHOOK_KIND, agency);
    else await tx.putDocument(webhookDocument(agency, checked));
    await auditAdminIn(mosaic, tx, request, { webhook: { agency, url } }, { reason: url === null ? 'webhook removed' : 'webhook set' });
  });
  keptWebhooks.get(mosaic)?.delete(agency);
  return { url };
}

export async function webhookOf(mosaic: Mosaic, agency: AgencyId): Promise<WebhookConfig | undefined> {
  const found = await mosaic.store.getDocument(WEBHOOK_KIND, agency);
  const body = found?.body as Partial<WebhookConfig> | undefined;
  return typeof body?.url === 'string' && typeof body.secret === 'string' ? { url: body.url, secret: body.secret } : undefined;
}

/**
 * How long a node keeps an agency's webhook configuration for delivery: a busy checkpoint
 * publishes a notice per check, and each would otherwise read it from the store. A change made
 * on this node applies at once; one made on another node of the same store, within this time.
 */
export const WEBHOOK_KEPT_MS = 1000;
const keptWebhooks = new WeakMap<Mosaic, Map<AgencyId, { readonly until: number; readonly config: Promise<WebhookConfig | undefined> }>>();

function keptWebhookOf(mosaic: Mosaic, agency: AgencyId): Promise<WebhookConfig | undefined> {
  let kept = keptWebhooks.get(mosaic);
  if (!kept) {
    kept = new Map();
    keptWebhooks.set(mosaic, kept);
  }
  const now = performance.now();
  const found = kept.get(agency);
  if (found && found.until > now) return found.config;
  // A lookup that fails delivers nothing this time and is not kept: the next notice asks again.
  const entry = {
    until: now + WEBHOOK_KEPT_MS,
    config: webhookOf(mosaic, agency).catch(() => {
      if (kept.get(agency) === entry) kept.delete(agency);
      return undefined;
    }),
  };
  kept.set(agency, entry);
  return entry.config;
}

/** One sender per rule, shared by the deployments of the process: its connections are kept between deliveries. */
const posts = new Map<boolean, WebhookPost>();

function postUnder(privateTargets: boolean): WebhookPost {
  let post = posts.get(privateTargets);
  if (!post) {
    post = webhookPost({ privateTargets });
    posts.set(privateTargets, post);
  }
  return post;
}

/** `none`: nothing was sent (the agency has no webhook, or the notice is nothing its system may be told). */
export type Delivery = 'none' | 'delivered' | 'failed';

/**
 * The failure of a delivery to where no webhook may go (webhook-target.ts): the URL, or an address
 * its name resolved to, is one the operator's rule refuses now.
 */
export const TARGET_NOT_ALLOWED = 'target not allowed';

/** One attempt's outcome; a failure says why, without the URL or anything sent (`HTTP 503`, `timed out`, `no connection`, `target not allowed`, `not logged`). */
export interface Attempt {
  readonly delivery: Delivery;
  readonly failure?: string;
}

/**
 * POST the notification to the agency's webhook, if any, once, as the agency's system may be told
 * of it (notification-view.ts: nothing of a need-to-know group's record); never throws (a failure
 * is an outcome). Each attempt, a retry's too, is read through the policy as things stand then,
 * and is logged before it is sent (logWebhookDelivery): one the audit log refuses is not sent.
 */
export async function attemptWebhook(mosaic: Mosaic, agency: AgencyId, notification: Notification, { timeoutMs = 2000, post }: WebhookOptions = {}): Promise<Attempt> {
  const config = await keptWebhookOf(mosaic, agency);
  if (!config) return { delivery: 'none' };
  try {
    const [seen] = await notificationsAsSeen(mosaic, agencySystemReader(agency), [notification]);
    if (seen === undefined) return { delivery: 'none' };
    notification = seen;
  } catch {
    // the policy could not be asked (the store unreachable): sent later, as a failed delivery is
    return { delivery: 'failed', failure: 'not read' };
  }
  // judged again at every delivery, under the operator's rule as it is now: a webhook saved
  // before the rule was, or by setWebhook, is held to it too
  const privateTargets = mosaic.config.webhookPrivateTargets;
  if (!isWebhookTarget(config.url, { privateTargets })) return { delivery: 'failed', failure: TARGET_NOT_ALLOWED };
  try {
    await logWebhookDelivery(mosaic, agency, notification);
  } catch {
    return { delivery: 'failed', failure: 'not logged' };
  }
  const body = JSON.stringify(notification);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await (post ?? postUnder(privateTargets))(config.url, {
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(config.secret, body), 'x-mosaic-notification': notification.id },
      body,
      signal,
    });
    return response.ok ? { delivery: 'delivered' } : { delivery: 'failed', failure: `HTTP ${response.status}` };
  } catch (error) {
    if (error instanceof WebhookTargetRefused) return { delivery: 'failed', failure: TARGET_NOT_ALLOWED };
    return { delivery: 'failed', failure: signal.aborted ? 'timed out' : 'no connection' };
  }
}

/**
 * A notice sent to an agency's system leaves Mosaic with what it shows of records (an encounter
 * notice's names, a watch notice's caption): each attempt is an `export` entry of the agency's
 * system (the reader the policy read it as: agencySystemReader) naming the notice and the records
 * shown, under the purpose the inbox's reads are logged with (LED Art. 25). The URL is left out: an
 * administrator's change of the webhook names it. A notice that shows no record logs nothing.
 */
async function logWebhookDelivery(mosaic: Mosaic, agency: AgencyId, seen: Notification): Promise<void> {
  const records = recordsToldIn(seen) as RecordId[];
  if (records.length === 0) return;
  await mosaic.audit.append({
    actor: { user: agencySystemReader(agency).id, agency }, action: 'export', purpose: NOTICE_DELIVERY.purpose, caseRef: 'webhook',
    query: { webhook: { notification: seen.id, kind: seen.kind } }, records, outcome: 'ok', reason: 'webhook delivery',
  });
}
