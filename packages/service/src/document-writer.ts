/**
 * Group commit for workflow documents written on a hot path (the notifications a checkpoint's
 * checks publish; a check's own document rides with its audit entries instead): documents put
 * in the same turn of the event loop, or while a batch is being written, wait and go together
 * in the next one, one statement for all, so a busy checkpoint does not pay one transaction per
 * document. Each caller's promise settles when its own document is durable (or its batch failed).
 */
import type { DocumentInput, Store } from '@mosaic/store';

export interface DocumentWriter {
  put(document: DocumentInput): Promise<void>;
  /** Settles when everything put so far is written. */
  idle(): Promise<void>;
}

interface Waiting {
  readonly document: DocumentInput;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export function createDocumentWriter(store: Pick<Store, 'putDocuments'>): DocumentWriter {
  let waiting: Waiting[] = [];
  let running: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await store.putDocuments(group.map((w) => w.document));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
  };
  // The first write waits one turn of the event loop, so that documents put by requests that
  // arrive in the same I/O phase share its statement.
  const start = (): void => {
    running ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      running = undefined;
      if (waiting.length > 0) start();
    });
  };

  return {
    put: (document) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ document, resolve, reject });
        start();
      }),
    async idle() {
      while (running) await running;
    },
  };
}
