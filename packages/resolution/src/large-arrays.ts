/**
 * Typed arrays for the large per-record and per-pair tables of batch resolution, over a
 * SharedArrayBuffer. V8 counts the memory of every ArrayBuffer towards a trigger of its own: each
 * 64 MB or so allocated since the last major collection starts another one. At a million records
 * that is a full mark of a heap of about 1 GB each time (0.6–0.9 s) that frees nothing, four
 * times in blocking alone. A shared buffer is not counted per thread (V8's
 * BackingStore::PerIsolateAccountingLength), so these arrays set off no collections; their memory
 * is freed as any buffer's is, once nothing refers to them.
 */
type LargeArrayType = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

export function largeArray<T extends LargeArrayType>(type: T, length: number): InstanceType<T> {
  return new (type as unknown as new (buffer: SharedArrayBuffer) => InstanceType<T>)(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT));
}

/** A large array holding a copy of `values`. */
export function largeCopy<T extends Float64Array | Int32Array>(values: T): T {
  const copy = largeArray(values.constructor as LargeArrayType, values.length) as T;
  copy.set(values);
  return copy;
}
