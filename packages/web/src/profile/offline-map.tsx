/**
 * A map that needs no network: the base layer is Natural Earth country borders from the
 * world-atlas package (TopoJSON turned into GeoJSON in the browser), no tiles, no fonts. Places
 * are drawn as circles and listed beside the map for keyboard and screen-reader users.
 */
import { LngLatBounds, Map as MapLibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import type { Place } from '../api/api-types.ts';
import { schemaLabel } from '../common/schema-words.ts';
import { useSchemata } from '../common/use-schemata.ts';
import { useSession } from '../session/session-context.tsx';

// MapLibre's tiling runs in a module worker: bundled by Vite and served beside the app.
setWorkerUrl(workerUrl);

let countries: Promise<GeoJSON.FeatureCollection> | undefined;
function loadCountries(): Promise<GeoJSON.FeatureCollection> {
  countries ??= fetch(countriesUrl).then(async (response) => {
    if (!response.ok) throw new Error(`base map: ${response.status}`);
    const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
    return feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection;
  });
  return countries;
}

const placesGeoJson = (places: readonly Place[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: places.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, kind: p.kind } })),
});

function styleOf(base: GeoJSON.FeatureCollection, places: readonly Place[]): StyleSpecification {
  return {
    version: 8,
    sources: { countries: { type: 'geojson', data: base }, places: { type: 'geojson', data: placesGeoJson(places) } },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dfe6ec' } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f7f6f2' } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9aa5b1', 'line-width': 0.8 } },
      { id: 'places', type: 'circle', source: 'places', paint: { 'circle-radius': 6, 'circle-color': '#b3261e', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } },
    ],
  };
}

function frame(map: MapLibreMap, places: readonly Place[]): void {
  if (places.length === 0) {
    map.jumpTo({ center: [4.4, 50.8], zoom: 3 });
    return;
  }
  const bounds = new LngLatBounds();
  for (const p of places) bounds.extend([p.lon, p.lat]);
  map.fitBounds(bounds, { padding: 40, maxZoom: 9, duration: 0 });
}

export function OfflineMap({ places }: { readonly places: readonly Place[] }) {
  const container = useRef<HTMLDivElement>(null);
  // The places as they are now, for the map built once the base map has loaded: they may have
  // changed since the first render, while the country outlines were still coming.
  const placesRef = useRef(places);
  placesRef.current = places;
  const [map, setMap] = useState<MapLibreMap>();
  const [failure, setFailure] = useState<string>();
  const schemata = useSchemata(useSession().api);

  useEffect(() => {
    let cancelled = false;
    let built: MapLibreMap | undefined;
    loadCountries().then((base) => {
      if (cancelled || !container.current) return;
      try {
        built = new MapLibreMap({ container: container.current, style: styleOf(base, placesRef.current), attributionControl: false, center: [4.4, 50.8], zoom: 3 });
        built.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        built.on('load', () => { container.current?.setAttribute('data-map-ready', 'true'); });
        built.on('error', (event) => setFailure(event.error.message || 'the map failed'));
        setMap(built);
      } catch (error) {
        setFailure(error instanceof Error ? error.message : 'the map cannot be drawn');
      }
    }, () => setFailure('the base map could not be loaded'));
    return () => {
      cancelled = true;
      built?.remove();
    };
    // The map is built once; the places, whenever they come, are pushed into its source below.
  }, []);

  useEffect(() => {
    if (!map) return;
    const apply = (): void => {
      (map.getSource('places') as GeoJSONSource | undefined)?.setData(placesGeoJson(places));
      // How many places the map draws, as data-map-ready says that it is drawn.
      container.current?.setAttribute('data-places', String(places.length));
      frame(map, places);
    };
    if (map.isStyleLoaded()) {
      apply();
      return undefined;
    }
    map.once('load', apply);
    return () => { map.off('load', apply); };
  }, [map, places]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label={`Map with ${places.length} place${places.length === 1 ? '' : 's'}`} />
      {failure ? <p className="notice notice-error" role="alert">Map unavailable: {failure}</p> : null}
      <ul className="place-list" aria-label="Places">
        {places.map((p) => <li key={p.id}><span className="badge">{schemaLabel(schemata, p.kind)}</span> {p.label ?? `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}`} {p.date ? <span className="muted">{p.date}</span> : null}</li>)}
        {places.length === 0 ? <li className="muted">No located places.</li> : null}
      </ul>
    </div>
  );
}

export default OfflineMap;
