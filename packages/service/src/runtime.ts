/**
 * A running Mosaic: the store, the schemata, the audit log and the organisation the policy
 * decides over. Opened once per process by the CLI or the server and passed to every use case.
 */
import { createAuditLog, loadAuditPublicKey, loadAuditSigner, type AuditLog, type AuditSigner, type AuditVerifyKey } from '@mosaic/audit';
import { AppError, schemata, type SchemaRegistry } from '@mosaic/model';
import { decide, type Decide } from '@mosaic/policy';
import { createStoreAuditStorage, openStore, type DocumentInput, type OpenStoreOptions, type MessageBus, type Store } from '@mosaic/store';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_KEY_FILE, auditVerifyKeys, loadOrCreateAuditKeys, readAuditKeys } from './audit-keys-file.ts';
import type { MosaicConfig } from './config.ts';
import { createNotifier, type Notification, type Notifier } from './notifier.ts';
import { bridgeNodes, type NodeBridge } from './node-bridge.ts';
import { NOTIFICATION_KIND } from './screening/notification-inbox.ts';
import { loadOrganisation, type OrgSnapshot } from './organisation.ts';
import { createDocumentWriter, type DocumentWriter } from './document-writer.ts';
import { createSessionCache, hashToken, type SessionCache } from './sessions.ts';

export interface Mosaic {
  readonly config: MosaicConfig;
  /** This node among those sharing the store (random per process; /health names it). */
  readonly nodeId: string;
  readonly store: Store;
  readonly registry: SchemaRegistry;
  /** The audit chain; documents given with a batch are written in its transaction (a check with its entries). */
  readonly audit: AuditLog<DocumentInput>;
  /**
   * The keys the audit log verifies against, read from the key file each time (a rotation
   * changes them): the current one, and each retired one up to where it was retired.
   */
  auditVerifyKeys(): readonly AuditVerifyKey[];
  readonly now: () => Date;
  readonly notifier: Notifier;
  /** Signed-in sessions as requests check them (cached briefly; sign-out is immediate). */
  readonly sessions: SessionCache;
  /** Group-committed writes of workflow documents on hot paths (notifications). */
  readonly documents: DocumentWriter;
  /** The policy's decision point (decide() of @mosaic/policy); replaced only to measure its cost. */
  readonly decide: Decide;
  /** Judgements and undone merges between the nodes sharing the store (entity-projection.ts applies them). */
  readonly entityOutcomes: EntityOutcomes;
  /**
   * The organisation and agreements, cached until an administrative change reloads them (which
   * also clears cached sessions): on this node at once, on the others when its message reaches
   * them, when their bus listens again after losing its connection, or at the latest when their
   * periodic look at the stored organisation version finds it changed (`orgCheckMs`).
   */
  org(): Promise<OrgSnapshot>;
  /** After an administrative change: a new organisation version is stored, the other nodes are told, and this node reloads. */
  reloadOrg(): Promise<OrgSnapshot>;
  close(): Promise<void>;
}

/** The stored outcome of a judgement or an undone merge, by id: told to the other nodes, heard from them. */
export interface EntityOutcomes {
  published(outcomeId: string): void;
  /** Called with each outcome another node published; the returned function stops it. */
  subscribe(listener: (outcomeId: string) => void): () => void;
}

export interface OpenMosaicOptions {
  readonly now?: () => Date;
  /** Sign an audit checkpoint every this many entries. */
  readonly checkpointEvery?: number;
  /** Benchmarks only (bench/policy-overhead.ts): another decision function on the same code path. */
  readonly decide?: Decide;
  /**
   * Embedded store: checkpoint its WAL from a worker thread, for a process that writes for long
   * (`mosaic serve`, `start`, `ingest`); a short command leaves it to the writer's own checkpoints.
   */
  readonly backgroundCheckpoints?: boolean;
  /**
   * Embedded store: the bus shared with the sibling nodes serving the same file
   * (`createIpcMessageBus`, under `mosaic serve --nodes N`); PostgreSQL has its own.
   */
  readonly bus?: MessageBus;
  /**
   * How often the organisation version in the store is compared with the snapshot's, and the
   * organisation reloaded if it changed: a change whose message was lost (the bus's connection
   * dropped) applies within this. One small read per period, none per request.
   */
  readonly orgCheckMs?: number;
}

/** The store setting that changes with every administrative change (reloadOrg writes it). */
const ORG_VERSION_SETTING = 'org.version';
const ORG_CHECK_MS = 2_000;

/** Where the configured store is: the embedded store's folder, or PostgreSQL with its schema (every command that opens the store reads it from here). */
export function storeLocation(config: Pick<MosaicConfig, 'dataDir' | 'databaseUrl' | 'databaseSchema'>): OpenStoreOptions {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) } : { dataDir: config.dataDir };
}

export async function openMosaic(config: MosaicConfig, { now = () => new Date(), checkpointEvery = 500, decide: decider = decide, backgroundCheckpoints = false, bus, orgCheckMs = ORG_CHECK_MS }: OpenMosaicOptions = {}): Promise<Mosaic> {
  const location = storeLocation(config);
  const store = await openStore('dataDir' in location ? { ...location, backgroundCheckpoints, ...(bus === undefined ? {} : { bus }) } : location);
  // Every node writing one log must sign it with one key, or its checkpoints stop verifying. A
  // store already signed needs this folder to hold its key: a new key made here would only be
  // refused below, and left behind as a private key no log is signed with (which a later
  // `mosaic audit verify` from this folder would read the log against).
  const signedWith = await store.getSetting('audit.publicKey');
  if (signedWith !== undefined && !existsSync(join(config.dataDir, AUDIT_KEY_FILE))) {
    await store.close();
    throw new AppError('MOSAIC_INVALID_CONFIG', `no audit signing key file ${AUDIT_KEY_FILE} in ${config.dataDir}, and the store's audit log is signed with key ${loadAuditPublicKey(signedWith).keyId}: give this node the deployment's key file (--data DIR or MOSAIC_DATA_DIR names the folder holding it)`);
  }
  const keys = loadOrCreateAuditKeys(config.dataDir);
  // A store that names a key this file retired was left so by a rotation that wrote the file and
  // stopped before the store (audit-key-rotation.ts): the file is the newer, and the store follows.
  if (signedWith !== undefined && signedWith !== keys.publicKeyPem && !(keys.retired ?? []).some((r) => r.publicKeyPem === signedWith)) {
    await store.close();
    throw new AppError('MOSAIC_INVALID_CONFIG', `this node's audit signing key ${loadAuditPublicKey(keys.publicKeyPem).keyId} (${AUDIT_KEY_FILE} in ${config.dataDir}) is not the one the store's audit log is signed with (key ${loadAuditPublicKey(signedWith).keyId}): give every node the same key file`);
  }
  await store.putSetting('audit.publicKey', keys.publicKeyPem);
  // A key the log was rotated to while this node served (audit-key-rotation.ts): taken from the
  // key file once it holds it, without a restart; until then this node signs nothing.
  const rotatedTo = (keyId: string): AuditSigner | null => {
    try {
      const signer = loadAuditSigner(readAuditKeys(config.dataDir));
      return signer.keyId === keyId ? signer : null;
    } catch {
      return null;
    }
  };
  const audit = createAuditLog({ storage: createStoreAuditStorage(store), signer: loadAuditSigner(keys), checkpointEvery, clock: () => now().toISOString(), resolveSigner: rotatedTo });
  const documents = createDocumentWriter(store);
  let org: Promise<OrgSnapshot> | undefined;
  /** The organisation version `org` was read at: read before it, so a change made while it is read is found by the next check. */
  let orgVersion: string | undefined;
  const cache = createSessionCache(store);
  // The organisation alone: no change to it ends a session or changes an account (those tell the
  // session cache themselves, forgetUser and signOut), and each decision reads the snapshot as it
  // is then. Forgetting every session here had each open notification stream read its session
  // from the store again (two queries each) on every agency, desk, agreement or group change.
  const loadOrg = (): Promise<OrgSnapshot> => {
    const loading: Promise<OrgSnapshot> = store.getSetting(ORG_VERSION_SETTING).then(async (version) => {
      const snapshot = await loadOrganisation(store);
      if (org === loading) orgVersion = version;
      return snapshot;
    });
    org = loading;
    // A snapshot that failed to load is not kept: the next request reads the store again.
    loading.catch(() => {
      if (org === loading) org = undefined;
    });
    return loading;
  };
  const checkOrg = async (): Promise<void> => {
    const current = org;
    if (current === undefined) return;
    await current;
    const stored = await store.getSetting(ORG_VERSION_SETTING);
    if (org === current && stored !== orgVersion) await loadOrg();
  };
  let orgChecker: NodeJS.Timeout | undefined;
  let closed = false;
  const checkOrgLater = (): void => {
    if (closed) return;
    orgChecker = setTimeout(() => void checkOrg().catch(() => undefined).finally(checkOrgLater), orgCheckMs);
    orgChecker.unref();
  };
  // Other nodes on the same store hear of administrative changes and of notifications.
  const late: { bridge?: NodeBridge } = {};
  const notifier = createNotifier({ onPublish: (n) => late.bridge?.notificationPublished(n) });
  const nodeId = randomUUID();
  const outcomeListeners = new Set<(outcomeId: string) => void>();
  const bridge = await bridgeNodes(store, {
    nodeId, notifier,
    onOrganisationChanged: () => void loadOrg().catch(() => undefined),
    onUserChanged: (user) => cache.forgetUser(user),
    onSessionEnded: (tokenHash) => cache.forgetSession(tokenHash),
    onEntitiesChanged: (outcomeId) => { for (const listener of outcomeListeners) listener(outcomeId); },
    // Organisation, users and sign-outs whose messages were lost: the organisation is reloaded
    // and every cached session forgotten, so each open stream checks its own at once. Judgements
    // are swept for (projections.ts), and a notification lost is in the inbox (a live stream
    // reconnecting catches up with it).
    onReconnected: () => {
      cache.clear();
      void loadOrg().catch(() => undefined);
    },
    storedNotification: async (id) => ((await store.getDocument(NOTIFICATION_KIND, id))?.body as { notification?: Notification } | undefined)?.notification,
  });
  late.bridge = bridge;
  const sessions: SessionCache = {
    ...cache,
    forgetUser(user) {
      cache.forgetUser(user);
      bridge.userChanged(user);
    },
    async signOut(token) {
      await cache.signOut(token);
      bridge.sessionEnded(hashToken(token));
    },
  };
  const reloadOrg = async (): Promise<OrgSnapshot> => {
    await store.putSetting(ORG_VERSION_SETTING, randomUUID());
    bridge.organisationChanged();
    return loadOrg();
  };
  checkOrgLater();
  return {
    config,
    nodeId,
    store,
    registry: schemata(),
    audit,
    auditVerifyKeys: () => auditVerifyKeys(readAuditKeys(config.dataDir)),
    now,
    notifier,
    sessions,
    documents,
    decide: decider,
    entityOutcomes: {
      published: (outcomeId) => bridge.entitiesChanged(outcomeId),
      subscribe(listener) {
        outcomeListeners.add(listener);
        return () => outcomeListeners.delete(listener);
      },
    },
    org: () => org ?? loadOrg(),
    reloadOrg,
    async close() {
      closed = true;
      clearTimeout(orgChecker);
      await bridge.stop();
      await documents.idle();
      await audit.checkpoint();
      await store.close();
    },
  };
}
