/** What the main thread and a record batch's worker (record-batch-worker.ts) share and send. */
import type { NormalizedName, PreparedRecord } from '@mosaic/matching';
import type { RecordLines } from '@mosaic/resolution';
import type { CompareRequest } from './compare-share.ts';

export interface RecordBatchWorkerData {
  readonly path: string;
  readonly pieceBytes: number;
  readonly keep: readonly string[] | undefined;
  readonly schema: string | undefined;
  /** Int32Array over a SharedArrayBuffer, indexed by CONTROL. */
  readonly control: Int32Array;
  readonly window: number;
}

/** Slots of the shared control array. */
export const CONTROL = {
  /** Pieces posted and not yet taken by the main thread. */
  inFlight: 0,
  /** 1 once the main thread has its batch (or has stopped): reading stops. */
  finished: 1,
} as const;

export type BatchWorkerMessage =
  /** `names`: those of the piece's new name strings the worker normalised while it waited (BatchPreparer.adopt; the main thread normalises the rest). */
  | { readonly kind: 'piece'; readonly piece: RecordLines; readonly endOffset: number; readonly names: readonly (readonly [string, NormalizedName])[] }
  | { readonly kind: 'read' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'compared'; readonly compared: number }
  | { readonly kind: 'error'; readonly message: string };

export type BatchWorkerRequest = { readonly kind: 'records'; readonly records: readonly PreparedRecord[] } | CompareRequest;
