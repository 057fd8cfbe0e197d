/** What the main thread and a full pass's worker (full-pass-worker.ts) send each other. */
import type { MatchModel } from '@mosaic/matching';
import type { ResolutionChange, ResolutionSnapshot, ResolutionState, ResolvableRecord, ResolveStats } from '@mosaic/resolution';

/** What a pass is run with (ResolveOptions less what cannot cross threads: callbacks, a model's functions). */
export interface PassOptions {
  readonly snapshot: ResolutionSnapshot;
  readonly at: string;
  readonly train: boolean;
}

export type PassRequest =
  | { readonly kind: 'begin'; readonly options: PassOptions }
  | { readonly kind: 'records'; readonly records: readonly ResolvableRecord[] }
  | { readonly kind: 'end' };

/** The state of a pass less what the main thread prepares itself from the same records (the prepared records, their ids and groups) and the scorer (functions, rebuilt from the model). */
export type PassState = Omit<ResolutionState, 'ids' | 'prepared' | 'groups' | 'scorer'>;

export type PassMessage =
  | { readonly kind: 'resolved'; readonly records: number; readonly state: PassState; readonly change: ResolutionChange; readonly model: MatchModel; readonly stats: ResolveStats }
  | { readonly kind: 'error'; readonly message: string };
