/**
 * Notifications: the inbox (kept as documents, so it survives reconnects) and a live stream of
 * server-sent events carrying only what is addressed to the user or their agency. A comment line
 * every 15 s keeps proxies from closing an idle stream. A reconnecting EventSource names the last
 * notification it had (Last-Event-ID); those that reached the inbox since are sent first. Each
 * read that shows records — a page, a notice marked read, a delivery of the stream, a catch-up —
 * is logged as one consultation of them before it is answered (inbox-reads.ts).
 */
import { asSeenBy, hashToken, isAddressedTo, listNotifications, logInboxRead, markNotificationRead, type Notification } from '@mosaic/service';
import type { User } from '@mosaic/store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { requireUser, sessionToken } from '../request-context.ts';

const NotificationOut = z.object({
  id: z.string(), at: z.string(), to: z.union([z.object({ agency: z.string() }), z.object({ user: z.string() })]), kind: z.string(), title: z.string(),
  body: z.record(z.string(), z.unknown()), read: z.boolean(),
});

export interface NotificationRoutesOptions {
  readonly heartbeatMs?: number;
}

// One event type, "notification"; the kind travels in the data, so a client needs one listener.
const event = (n: Notification): string => `id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`;

/** How many notifications a reconnecting stream is sent from the inbox at most (the newest of those it missed). */
const CATCH_UP_LIMIT = 500;

export function notificationRoutes({ heartbeatMs = 15_000 }: NotificationRoutesOptions = {}) {
  return async function routes(api: FastifyInstance): Promise<void> {
    const app = api.withTypeProvider<ZodTypeProvider>();
    const open = new Set<ServerResponse>();
    // Streams never end by themselves: end them when the server closes.
    api.addHook('onClose', async () => {
      for (const response of open) response.end();
    });

    app.get('/notifications', {
      schema: { tags: ['notifications'], summary: 'My notifications and my agency\'s, newest first; `before` (a page\'s `next`) pages to older ones',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.string().min(1).max(100).optional() }),
        response: { 200: z.object({ notifications: z.array(NotificationOut).readonly(), next: z.string().optional() }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const { limit, before } = request.query;
      // one more than the page tells whether there is a next page; the cursor is the page's oldest
      const found = await listNotifications(api.mosaic, user, { limit: limit + 1, ...(before === undefined ? {} : { before }) });
      const notifications = found.slice(0, limit);
      await logInboxRead(api.mosaic, user, notifications, 'page');
      return found.length > limit ? { notifications, next: notifications[limit - 1]!.id } : { notifications };
    });

    app.post('/notifications/:id/read', {
      schema: { tags: ['notifications'], summary: 'Mark a notification read', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: z.object({ notification: NotificationOut }) } },
    }, async (request) => {
      const user = await requireUser(request);
      const notification = await markNotificationRead(api.mosaic, user, request.params.id);
      await logInboxRead(api.mosaic, user, [notification], 'read');
      return { notification };
    });

    app.get('/notifications/stream', {
      schema: { tags: ['notifications'], summary: 'Server-sent events: notifications addressed to me or my agency as they happen (heartbeat comment every 15 s)' },
    }, async (request, reply) => {
      const { id: userId } = await requireUser(request);
      const token = sessionToken(request);
      const lastEventId = request.headers['last-event-id'];
      reply.hijack();
      const response = reply.raw;
      // the headers the hooks set (the node's name) go out with the stream's own
      const hooks = Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined);
      response.writeHead(200, { ...Object.fromEntries(hooks), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      response.write(': connected\n\n');
      open.add(response);
      // The user as they are now, for each notice and heartbeat: a session signed out, an account
      // disabled or a password reset ends the stream, and a change of clearance or groups applies
      // to the next notice (the session cache keeps a user at most a second).
      const current = async (): Promise<User | undefined> => {
        try {
          return await api.mosaic.sessions.authenticate(token, api.mosaic.now());
        } catch {
          stop();
          response.end();
          return undefined;
        }
      };
      // each as this user may see it (asSeenBy), in the order they came; one they may see nothing
      // of (a notice about a record they may not read) is not sent at all
      const seenBy = async (user: User, n: Notification): Promise<Notification | undefined> =>
        (isAddressedTo(n, user) ? await asSeenBy(api.mosaic, user, n) : undefined);
      // logged before it is written: a delivery whose entry failed is not made
      const send = async (n: Notification): Promise<void> => {
        const user = await current();
        const seen = user === undefined ? undefined : await seenBy(user, n);
        if (user === undefined || seen === undefined) return;
        await logInboxRead(api.mosaic, user, [seen], 'stream');
        response.write(event(seen));
      };
      // Those missed while reconnecting first, oldest first, read from the inbox after subscribing:
      // a notice published meanwhile but not yet stored still comes live, and one both read and
      // heard is sent once.
      const caughtUp = new Set<string>();
      let sent: Promise<unknown> = typeof lastEventId === 'string' && lastEventId !== '' && lastEventId.length <= 100
        ? catchUp(lastEventId).catch(() => undefined)
        : Promise.resolve();
      const unsubscribe = api.mosaic.notifier.subscribe((n) => {
        sent = sent.then(() => (caughtUp.has(n.id) ? undefined : send(n))).catch(() => undefined);
      });
      // the catch-up is one read, logged once
      async function catchUp(after: string): Promise<void> {
        const user = await current();
        if (user === undefined) return;
        const missed = await listNotifications(api.mosaic, user, { after, limit: CATCH_UP_LIMIT });
        const seen: Notification[] = [];
        for (const { read: _read, ...n } of [...missed].reverse()) {
          caughtUp.add(n.id);
          const view = await seenBy(user, n);
          if (view !== undefined) seen.push(view);
        }
        await logInboxRead(api.mosaic, user, seen, 'stream');
        for (const n of seen) response.write(event(n));
      }
      // A sign-out or an account disabled or changed, here or on another node, has the session
      // checked again at once: the stream of a user disabled ends then, not at the next notice or
      // heartbeat (up to 15 s later). A change to the organisation does not: it ends no session,
      // and each notice is judged against the organisation as it is when it is sent.
      const tokenHash = token === undefined ? undefined : hashToken(token);
      const stopHearing = api.mosaic.sessions.onForgotten((forgotten) => {
        const mine = forgotten === 'all' || ('user' in forgotten ? forgotten.user === userId : forgotten.session === tokenHash);
        if (mine) sent = sent.then(current).catch(() => undefined);
      });
      const heartbeat = setInterval(() => {
        sent = sent.then(async () => {
          if ((await current()) !== undefined) response.write(': heartbeat\n\n');
        }).catch(() => undefined);
      }, heartbeatMs);
      heartbeat.unref();
      function stop(): void {
        clearInterval(heartbeat);
        stopHearing();
        unsubscribe();
        open.delete(response);
      }
      response.on('close', stop);
    });
  };
}
