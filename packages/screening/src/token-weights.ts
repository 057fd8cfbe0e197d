/**
 * Weights by token id for the few hundred lists a query leaves unread: an open-addressing hash
 * table in two typed arrays (Knuth's multiplicative hashing, linear probing), which candidate
 * generation probes for every id a found name is posted under. A Map of numbers costs several
 * times as much per look-up on that path.
 */
export class TokenWeights {
  readonly #keys: Int32Array;
  readonly #weights: Float64Array;
  readonly #shift: number;

  /** The best weight per token of `entries` (token ids are non-negative). */
  constructor(entries: readonly { readonly token: number; readonly weight: number }[]) {
    let bits = 4;
    while (1 << bits < entries.length * 2) bits++;
    this.#keys = new Int32Array(1 << bits).fill(-1);
    this.#weights = new Float64Array(1 << bits);
    this.#shift = 32 - bits;
    for (const { token, weight } of entries) {
      const at = this.#find(token);
      if (this.#keys[at] === -1 || weight > (this.#weights[at] as number)) {
        this.#keys[at] = token;
        this.#weights[at] = weight;
      }
    }
  }

  #find(token: number): number {
    const mask = this.#keys.length - 1;
    let at = Math.imul(token, 0x9e3779b1) >>> this.#shift;
    while (this.#keys[at] !== -1 && this.#keys[at] !== token) at = (at + 1) & mask;
    return at;
  }

  /** The token's weight, 0 when it has none. */
  get(token: number): number {
    const at = this.#find(token);
    return this.#keys[at] === token ? (this.#weights[at] as number) : 0;
  }
}
