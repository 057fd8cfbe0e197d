/**
 * Places on a map for a set of entities: caller-provided located items (addresses, sightings,
 * border posts) that involve at least one of the entities and pass the caller's predicate, with
 * WGS84 coordinates checked and the bounding box to frame them. Items with unusable coordinates
 * are counted, not returned.
 */
import type { RecordId } from '@mosaic/model';
import type { NodeId } from './graph-elements.ts';

export interface PlaceItem {
  readonly id: string;
  readonly entities: readonly NodeId[];
  /** WGS84 degrees. */
  readonly lat: number;
  readonly lon: number;
  readonly kind: string;
  readonly label?: string;
  readonly date?: string;
  readonly provenance: readonly RecordId[];
}

export interface PlacesOptions<T extends PlaceItem> {
  readonly entities: readonly NodeId[];
  readonly visible?: (item: T) => boolean;
}

export interface Bounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export interface Places<T extends PlaceItem> {
  readonly places: readonly { readonly item: T; readonly entities: readonly NodeId[] }[];
  readonly bounds: Bounds | undefined;
  readonly withoutCoordinates: number;
}

export function places<T extends PlaceItem>(items: readonly T[], { entities, visible }: PlacesOptions<T>): Places<T> {
  const wanted = new Set<string>(entities);
  const kept: { item: T; entities: NodeId[] }[] = [];
  let withoutCoordinates = 0;
  for (const item of items) {
    const involved = item.entities.filter((entity) => wanted.has(entity));
    if (involved.length === 0 || (visible !== undefined && !visible(item))) continue;
    if (!validCoordinates(item.lat, item.lon)) {
      withoutCoordinates++;
      continue;
    }
    kept.push({ item, entities: [...new Set(involved)] });
  }
  kept.sort((a, b) => (a.item.date ?? '').localeCompare(b.item.date ?? '') || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));
  const bounds =
    kept.length === 0
      ? undefined
      : {
          south: Math.min(...kept.map(({ item }) => item.lat)),
          west: Math.min(...kept.map(({ item }) => item.lon)),
          north: Math.max(...kept.map(({ item }) => item.lat)),
          east: Math.max(...kept.map(({ item }) => item.lon)),
        };
  return { places: kept, bounds, withoutCoordinates };
}

function validCoordinates(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}
