/** An internal, typed stretch of text found by one of the finders, before entities are grouped. */
export type SpanKind = 'person' | 'organization' | 'place' | 'address' | 'date' | 'phone' | 'email' | 'document' | 'plate' | 'money';

export interface Span {
  readonly kind: SpanKind;
  readonly start: number;
  readonly end: number;
  /** Spans with the same kind and key are one entity. */
  key: string;
  /** Display name of the entity. */
  name: string;
  readonly props: Record<string, string[]>;
}

export function span(kind: SpanKind, start: number, end: number, name: string, key: string = name, props: Record<string, string[]> = {}): Span {
  return { kind, start, end, key, name, props };
}

/** Marks spans as taken so later finders skip them. */
export class Occupancy {
  private readonly taken: Uint8Array;
  constructor(length: number) {
    this.taken = new Uint8Array(length + 1);
  }
  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.taken[i] === 1) return false;
    return true;
  }
  take(start: number, end: number): void {
    this.taken.fill(1, start, end);
  }
}
