/**
 * The in-memory projections a serving node keeps current from the change feed.
 */
import { followChanges, type ChangeFollower } from './change-follower.ts';
import { createEntityGraphView, type EntityGraphView } from './graph/entity-graph-view.ts';
import { createGraphProjection, type GraphProjection } from './graph/graph-projection.ts';
import { createEntityProjection, type EntityProjection } from './resolution/entity-projection.ts';
import type { Mosaic } from './runtime.ts';
import { keepNotifications, type NotificationKeeper } from './screening/notification-inbox.ts';
import { createScreeningProjection, type ScreeningProjection } from './screening/screening-projection.ts';
import type { WebhookOptions } from './screening/webhooks.ts';

export interface Projections {
  readonly graph: GraphProjection;
  readonly entities: EntityProjection;
  /** The network over resolved entities, derived from `graph` and `entities`. */
  readonly entityGraph: EntityGraphView;
  /** The checkpoint watchlist: Person and Vehicle records with the alerts on them. */
  readonly screening: ScreeningProjection;
  /** Keeps every notification as a document and delivers agencies' webhooks. */
  readonly notifications: NotificationKeeper;
  readonly follower: ChangeFollower;
  stop(): void;
}

/** Build every projection from the store, then follow the feed (every `intervalMs`). */
export async function startProjections(mosaic: Mosaic, { intervalMs = 250, follow = true, webhook = {} }: { readonly intervalMs?: number; readonly follow?: boolean; readonly webhook?: WebhookOptions } = {}): Promise<Projections> {
  const graph = createGraphProjection(mosaic.registry);
  const screening = createScreeningProjection();
  const follower = followChanges(mosaic.store, [graph, screening]);
  const notifications = keepNotifications(mosaic, webhook);
  await follower.catchUp();
  // Entities are resolved in one pass over the store; their own follower starts after it.
  const resolvedAt = await mosaic.store.latestSeq();
  const entities = await createEntityProjection(mosaic.store, { now: mosaic.now });
  const entityFollower = followChanges(mosaic.store, [entities], { fromSeq: resolvedAt });
  await entityFollower.catchUp();
  if (follow) {
    follower.start(intervalMs);
    entityFollower.start(intervalMs);
  }
  return {
    graph,
    entities,
    entityGraph: createEntityGraphView(graph, entities),
    screening,
    notifications,
    follower: {
      catchUp: async () => (await follower.catchUp()) + (await entityFollower.catchUp()),
      start: (ms) => {
        follower.start(ms);
        entityFollower.start(ms);
      },
      stop: () => {
        follower.stop();
        entityFollower.stop();
      },
      get seq() {
        return Math.min(follower.seq, entityFollower.seq);
      },
    },
    stop: () => {
      follower.stop();
      entityFollower.stop();
      notifications.stop();
    },
  };
}
