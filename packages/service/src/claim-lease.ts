/**
 * Work done by one node at a time on one thing, across the nodes sharing a store: the work runs
 * while its node holds the thing's claim document, which createDocument lets only one hold. A
 * claim left by a node that stopped holding it is taken over once stale: of the nodes that read
 * the same stale claim, only one deletes it (deleteDocumentIf, on the body read), so two never
 * take it over at once; and a node releases its claim only, never one made since by another.
 *
 * With `renewMs`, the holder writes its claim again that often while the work runs (its own
 * only: renewDocumentIf), so that stale means a node that stopped, however long the work: a
 * stopped node's claim is taken over after `staleMs`, which need not outlast the longest work.
 */
import { randomUUID } from 'node:crypto';
import type { DocumentInput, Store } from '@mosaic/store';

export interface ClaimOptions {
  /** A claim this old was left by a node that stopped mid-work. */
  readonly staleMs: number;
  /** How often the holder writes its claim again while the work runs; never, unless given (then staleMs must outlast any work). */
  readonly renewMs?: number;
  /** How long to wait for another node's claim before `busy` is thrown. */
  readonly waitMs: number;
  readonly busy: () => Error;
}

export type ClaimStore = Pick<Store, 'createDocument' | 'getDocument' | 'deleteDocumentIf' | 'renewDocumentIf'>;

export async function whileClaimed<T>(store: ClaimStore, claim: Omit<DocumentInput, 'body'> & { readonly by: string }, options: ClaimOptions, work: () => Promise<T>): Promise<T> {
  const { by, ...document } = claim;
  const mine = { ...document, body: { claim: randomUUID(), by } };
  const deadline = Date.now() + options.waitMs;
  for (let pause = 5; !(await store.createDocument(mine)); pause = Math.min(pause * 2, 200)) {
    const held = await store.getDocument(mine.kind, mine.id);
    if (held && Date.now() - Date.parse(held.updatedAt) > options.staleMs) {
      await store.deleteDocumentIf(mine.kind, mine.id, held.body);
      continue;
    }
    if (Date.now() > deadline) throw options.busy();
    await new Promise((done) => setTimeout(done, pause));
  }
  // a renewal that fails (the store briefly unreachable) is tried again at the next turn
  const renewing = options.renewMs === undefined ? undefined : setInterval(() => void store.renewDocumentIf(mine.kind, mine.id, mine.body).catch(() => false), options.renewMs);
  try {
    return await work();
  } finally {
    clearInterval(renewing);
    await store.deleteDocumentIf(mine.kind, mine.id, mine.body);
  }
}
