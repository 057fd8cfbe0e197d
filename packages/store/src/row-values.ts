/**
 * Values as they come back from either dialect, made uniform: PostgreSQL returns timestamptz as
 * `Date` and int8 as strings (unless parsed), sqlite returns ISO text and numbers.
 */
import { AppError } from '@mosaic/model';

export function timeOut(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

export function optionalTimeOut(value: string | Date | null): string | undefined {
  return value === null ? undefined : timeOut(value);
}

/** Times written by the store are normalised, so text comparison in sqlite orders them. */
export function timeIn(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new AppError('MOSAIC_INVALID_INPUT', 'store: not a valid time');
  return time.toISOString();
}

export function numberOut(value: number | string | bigint): number {
  return typeof value === 'number' ? value : Number(value);
}

export function stringArrayOut(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
