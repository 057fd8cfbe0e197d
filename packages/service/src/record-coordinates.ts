/** A record's point on the map, when it carries a valid latitude and longitude. */
import type { EntityRecord } from '@mosaic/model';

export interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

function coordinate(record: Pick<EntityRecord, 'properties'>, property: string, limit: number): number | undefined {
  const text = record.properties[property]?.[0];
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : undefined;
}

export function coordinatesOf(record: Pick<EntityRecord, 'properties'>): Coordinates | undefined {
  const lat = coordinate(record, 'latitude', 90);
  const lon = coordinate(record, 'longitude', 180);
  return lat !== undefined && lon !== undefined ? { lat, lon } : undefined;
}
