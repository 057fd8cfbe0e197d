/**
 * The in-memory projections a serving node keeps current from the change feed: every area's on
 * a full node, the watchlist alone on a checkpoint node (`mosaic serve --role checkpoint`).
 */
import { followChanges, type ChangeFollower } from './change-follower.ts';
import { createEntityGraphView, type EntityGraphView } from './graph/entity-graph-view.ts';
import { createGraphProjection, type GraphProjection } from './graph/graph-projection.ts';
import { createIdentifierProjection, type IdentifierProjection } from './identifiers/identifier-projection.ts';
import { createEntityProjection, type EntityProjection } from './resolution/entity-projection.ts';
import type { Mosaic } from './runtime.ts';
import { keepNotifications, type KeeperWebhookOptions, type NotificationKeeper } from './screening/notification-inbox.ts';
import { createScreeningProjection, type ScreeningProjection } from './screening/screening-projection.ts';
import { createWatcher, type Watcher } from './watch/watch-projection.ts';

export interface Projections {
  readonly graph: GraphProjection;
  readonly entities: EntityProjection;
  /** The network over resolved entities, derived from `graph` and `entities`. */
  readonly entityGraph: EntityGraphView;
  /** The checkpoint watchlist: Person and Vehicle records with the alerts on them. */
  readonly screening: ScreeningProjection;
  /** The identifiers the watchlist does not hold (other records' numbers, e-mail addresses). */
  readonly identifiers: IdentifierProjection;
  /** Keeps every notification as a document and delivers agencies' webhooks. */
  readonly notifications: NotificationKeeper;
  /** Subscriptions: tells users of what concerns their watches, and of silence. */
  readonly watcher: Watcher;
  readonly follower: ChangeFollower;
  stop(): void;
}

export interface ProjectionOptions {
  /** How often the change feed is read. */
  readonly intervalMs?: number;
  /** Follow the feed after the first build (false: built once, for tests). */
  readonly follow?: boolean;
  readonly webhook?: KeeperWebhookOptions;
  /** Told as the first build goes, stage by stage (the start's progress bar). */
  readonly onBuild?: (progress: BuildProgress) => void;
}

/**
 * How far the first build of a node's projections is: the stage under way (its place among
 * `stages`, and its name) and, for the reading of the change feed, the changes applied of those
 * in the feed when the build began.
 */
export interface BuildProgress {
  readonly stage: string;
  readonly stages: readonly string[];
  readonly done?: number;
  readonly total?: number;
}

/** A full node's build: the feed into the watchlist, identifiers and graph, one resolution pass over every record, then the watches. */
export const FULL_BUILD_STAGES = ['screening and graph', 'resolution full pass', 'watches'] as const;
/** A checkpoint node's build: the watchlist alone. */
export const CHECKPOINT_BUILD_STAGES = ['screening'] as const;

/** Tells `onBuild` of the feed's changes as they are applied, until the build is done. */
function feedProgress(total: number, stage: string, stages: readonly string[], onBuild: ProjectionOptions['onBuild']): { readonly onApplied: (seq: number) => void; done(): void } {
  let building = onBuild !== undefined;
  onBuild?.({ stage, stages, done: 0, total });
  return {
    onApplied: (seq) => {
      if (building) onBuild?.({ stage, stages, done: Math.min(seq, total), total });
    },
    done: () => {
      building = false;
    },
  };
}

/**
 * What a checkpoint node keeps: the watchlist and the notification keeper (a check's notices
 * are stored and pushed by the node that made them). No graph, resolved entities or
 * subscriptions: those are a full node's, so a checkpoint node starts in the time the
 * watchlist takes and holds only it in memory.
 */
export interface CheckpointProjections {
  readonly screening: ScreeningProjection;
  readonly notifications: NotificationKeeper;
  readonly follower: ChangeFollower;
  stop(): void;
}

/** Build the watchlist from the store, then follow the feed (every `intervalMs`). */
export async function startCheckpointProjections(mosaic: Mosaic, { intervalMs = 250, follow = true, webhook = {}, onBuild }: ProjectionOptions = {}): Promise<CheckpointProjections> {
  const screening = createScreeningProjection();
  const feed = feedProgress(await mosaic.store.latestSeq(), 'screening', CHECKPOINT_BUILD_STAGES, onBuild);
  const follower = followChanges(mosaic.store, [screening], { onApplied: feed.onApplied });
  const notifications = keepNotifications(mosaic, webhook);
  await follower.catchUp();
  feed.done();
  if (follow) follower.start(intervalMs);
  return {
    screening, notifications, follower,
    stop: () => {
      follower.stop();
      notifications.stop();
    },
  };
}

/** How often subscriptions are re-read (other nodes' changes) and silence is looked for. */
const WATCH_SWEEP_MS = 60_000;
/** How often a node looks for other nodes' judgements and undone merges whose message it missed. */
const OUTCOME_SWEEP_MS = 5_000;

/** Build every projection from the store, then follow the feed (every `intervalMs`). */
export async function startProjections(mosaic: Mosaic, { intervalMs = 250, follow = true, webhook = {}, onBuild }: ProjectionOptions = {}): Promise<Projections> {
  const [feedStage, resolutionStage, watchStage] = FULL_BUILD_STAGES;
  const graph = createGraphProjection(mosaic.registry);
  const screening = createScreeningProjection();
  const identifiers = createIdentifierProjection();
  const feed = feedProgress(await mosaic.store.latestSeq(), feedStage, FULL_BUILD_STAGES, onBuild);
  const follower = followChanges(mosaic.store, [graph, screening, identifiers], { onApplied: feed.onApplied });
  const notifications = keepNotifications(mosaic, webhook);
  await follower.catchUp();
  feed.done();
  // Entities are resolved in one pass over the store; their own follower starts after it.
  onBuild?.({ stage: resolutionStage, stages: FULL_BUILD_STAGES });
  const resolvedAt = await mosaic.store.latestSeq();
  const entities = await createEntityProjection(mosaic.store, { now: mosaic.now, published: (id) => mosaic.entityOutcomes.published(id) });
  // The watcher follows the entities (a record's subject is known once it is resolved) and
  // only what arrives from now on: a restart does not tell anyone of old news again.
  onBuild?.({ stage: watchStage, stages: FULL_BUILD_STAGES });
  const watcher = createWatcher(mosaic, entities);
  await watcher.reload();
  const entityFollower = followChanges(mosaic.store, [watcher.beforeEntities, entities, watcher], { fromSeq: resolvedAt });
  await entityFollower.catchUp();
  // What another node committed (a judgement, an undo, records resolved) is applied once this
  // node holds the records that node held when it made it (the feed read up to now), as it was
  // made there (entity-projection.ts).
  const stopAdopting = mosaic.entityOutcomes.subscribe((id) => void entityFollower.catchUp().then(() => entities.adopt(id)).catch(() => undefined));
  let sweeper: NodeJS.Timeout | undefined;
  let outcomeSweeper: NodeJS.Timeout | undefined;
  if (follow) {
    follower.start(intervalMs);
    entityFollower.start(intervalMs);
    sweeper = setInterval(() => void watcher.reload().then(() => watcher.sweep()).catch(() => undefined), WATCH_SWEEP_MS);
    sweeper.unref();
    outcomeSweeper = setInterval(() => void entityFollower.catchUp().then(() => entities.adoptMissed()).catch(() => undefined), OUTCOME_SWEEP_MS);
    outcomeSweeper.unref();
  }
  return {
    graph,
    entities,
    entityGraph: createEntityGraphView(graph, entities),
    screening,
    identifiers,
    notifications,
    watcher,
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
      if (sweeper) clearInterval(sweeper);
      if (outcomeSweeper) clearInterval(outcomeSweeper);
      stopAdopting();
      entities.stop();
      notifications.stop();
    },
  };
}
