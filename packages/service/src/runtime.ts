/**
 * A running Mosaic: the store, the schemata, the audit log and the organisation the policy
 * decides over. Opened once per process by the CLI or the server and passed to every use case.
 */
import { createAuditLog, loadAuditSigner, type AuditLog } from '@mosaic/audit';
import { schemata, type SchemaRegistry } from '@mosaic/model';
import { decide, type Decide } from '@mosaic/policy';
import { createStoreAuditStorage, openStore, type Store } from '@mosaic/store';
import { loadOrCreateAuditKeys } from './audit-keys-file.ts';
import type { MosaicConfig } from './config.ts';
import { createNotifier, type Notifier } from './notifier.ts';
import { loadOrganisation, type OrgSnapshot } from './organisation.ts';
import { createDocumentWriter, type DocumentWriter } from './document-writer.ts';
import { createSessionCache, type SessionCache } from './sessions.ts';

export interface Mosaic {
  readonly config: MosaicConfig;
  readonly store: Store;
  readonly registry: SchemaRegistry;
  readonly audit: AuditLog;
  readonly auditPublicKeyPem: string;
  readonly now: () => Date;
  readonly notifier: Notifier;
  /** Signed-in sessions as requests check them (cached briefly; sign-out is immediate). */
  readonly sessions: SessionCache;
  /** Group-committed writes of workflow documents on hot paths (checks). */
  readonly documents: DocumentWriter;
  /** The policy's decision point (decide() of @mosaic/policy); replaced only to measure its cost. */
  readonly decide: Decide;
  /** The organisation and agreements, cached until an administrative change reloads them (which also clears cached sessions). */
  org(): Promise<OrgSnapshot>;
  reloadOrg(): Promise<OrgSnapshot>;
  close(): Promise<void>;
}

export interface OpenMosaicOptions {
  readonly now?: () => Date;
  /** Sign an audit checkpoint every this many entries. */
  readonly checkpointEvery?: number;
  /** Benchmarks only (bench/policy-overhead.ts): another decision function on the same code path. */
  readonly decide?: Decide;
}

export async function openMosaic(config: MosaicConfig, { now = () => new Date(), checkpointEvery = 500, decide: decider = decide }: OpenMosaicOptions = {}): Promise<Mosaic> {
  const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const keys = loadOrCreateAuditKeys(config.dataDir);
  await store.putSetting('audit.publicKey', keys.publicKeyPem);
  const audit = createAuditLog({ storage: createStoreAuditStorage(store), signer: loadAuditSigner(keys), checkpointEvery, clock: () => now().toISOString() });
  const documents = createDocumentWriter(store);
  let org: Promise<OrgSnapshot> | undefined;
  const sessions = createSessionCache(store);
  const reloadOrg = (): Promise<OrgSnapshot> => {
    sessions.clear();
    org = loadOrganisation(store);
    return org;
  };
  return {
    config,
    store,
    registry: schemata(),
    audit,
    auditPublicKeyPem: keys.publicKeyPem,
    now,
    notifier: createNotifier(),
    sessions,
    documents,
    decide: decider,
    org: () => org ?? reloadOrg(),
    reloadOrg,
    async close() {
      await documents.idle();
      await audit.checkpoint();
      await store.close();
    },
  };
}
