/**
 * Places of the demo world: the communes where its fictional families live (Brussels communes
 * carry both their French and Dutch names, as Brussels records do), the streets (generic names,
 * no real address is meant), checkpoints and the conflict-zone routes of 2013-2016.
 */
import type { DemoAgencyId } from './org.ts';

export interface Commune {
  readonly fr: string;
  readonly nl: string;
  readonly postcode: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** The local police zone agency that polices it, when it has one on the platform. */
  readonly zone: DemoAgencyId | null;
  /** Language of its street names: both in Brussels. */
  readonly languages: 'fr' | 'nl' | 'both';
}

function commune(fr: string, nl: string, postcode: string, country: string, lat: number, lon: number, zone: DemoAgencyId | null, languages: Commune['languages']): Commune {
  return { fr, nl, postcode, country, lat, lon, zone, languages };
}

export const COMMUNES: readonly Commune[] = [
  commune('Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek', '1080', 'be', 50.855, 4.325, 'lpz-west', 'both'),
  commune('Koekelberg', 'Koekelberg', '1081', 'be', 50.862, 4.328, 'lpz-west', 'both'),
  commune('Jette', 'Jette', '1090', 'be', 50.878, 4.328, 'lpz-west', 'both'),
  commune('Berchem-Sainte-Agathe', 'Sint-Agatha-Berchem', '1082', 'be', 50.864, 4.295, 'lpz-west', 'both'),
  commune('Schaerbeek', 'Schaarbeek', '1030', 'be', 50.867, 4.377, 'lpz-north', 'both'),
  commune('Evere', 'Evere', '1140', 'be', 50.870, 4.401, 'lpz-north', 'both'),
  commune('Saint-Josse-ten-Noode', 'Sint-Joost-ten-Node', '1210', 'be', 50.853, 4.373, 'lpz-north', 'both'),
  commune('Anderlecht', 'Anderlecht', '1070', 'be', 50.836, 4.308, 'lpz-south', 'both'),
  commune('Saint-Gilles', 'Sint-Gillis', '1060', 'be', 50.827, 4.345, 'lpz-south', 'both'),
  commune('Forest', 'Vorst', '1190', 'be', 50.810, 4.324, 'lpz-south', 'both'),
  commune('Bruxelles', 'Brussel', '1000', 'be', 50.846, 4.352, 'lpz-centre', 'both'),
  commune('Ixelles', 'Elsene', '1050', 'be', 50.827, 4.372, 'lpz-centre', 'both'),
  commune('Etterbeek', 'Etterbeek', '1040', 'be', 50.836, 4.389, 'lpz-centre', 'both'),
  commune('Anvers', 'Antwerpen', '2060', 'be', 51.228, 4.424, null, 'nl'),
  commune('Vilvorde', 'Vilvoorde', '1800', 'be', 50.928, 4.425, null, 'nl'),
  commune('Malines', 'Mechelen', '2800', 'be', 51.028, 4.478, null, 'nl'),
  commune('Liège', 'Luik', '4000', 'be', 50.633, 5.567, null, 'fr'),
  commune('Verviers', 'Verviers', '4800', 'be', 50.589, 5.863, null, 'fr'),
  commune('Charleroi', 'Charleroi', '6000', 'be', 50.411, 4.444, null, 'fr'),
  commune('Saint-Denis', 'Saint-Denis', '93200', 'fr', 48.936, 2.357, null, 'fr'),
  commune('Paris', 'Parijs', '75018', 'fr', 48.892, 2.348, null, 'fr'),
  commune('Roubaix', 'Robaais', '59100', 'fr', 50.690, 3.181, null, 'fr'),
  commune('Lille', 'Rijsel', '59000', 'fr', 50.629, 3.057, null, 'fr'),
];

/** Relative share of the demo population living in each commune (same order as COMMUNES). */
export const COMMUNE_SHARES: readonly number[] = [14, 3, 3, 2, 10, 3, 4, 9, 5, 4, 6, 3, 2, 7, 3, 2, 4, 2, 3, 3, 3, 2, 2];

/** Street names as [French, Dutch]; generic names found in many towns. */
export const STREETS: readonly (readonly [fr: string, nl: string])[] = [
  ['Rue de la Gare', 'Stationsstraat'], ['Chaussée de Gand', 'Gentsesteenweg'], ['Rue du Marché', 'Marktstraat'],
  ["Rue de l'Église", 'Kerkstraat'], ['Avenue des Tilleuls', 'Lindenlaan'], ['Rue des Fleurs', 'Bloemenstraat'],
  ['Rue du Moulin', 'Molenstraat'], ['Place Communale', 'Gemeenteplein'], ['Rue de la Colline', 'Heuvelstraat'],
  ['Rue des Écoles', 'Schoolstraat'], ['Avenue du Parc', 'Parklaan'], ['Rue Neuve', 'Nieuwstraat'], ['Rue du Pont', 'Brugstraat'],
  ['Rue des Jardins', 'Tuinstraat'], ['Boulevard du Canal', 'Kanaallaan'], ['Rue de la Brasserie', 'Brouwerijstraat'],
  ['Rue du Château', 'Kasteelstraat'], ['Rue des Champs', 'Veldstraat'], ['Avenue de la Liberté', 'Vrijheidslaan'],
  ['Rue du Port', 'Havenstraat'], ['Rue des Ateliers', 'Werkhuizenstraat'], ['Rue de la Forge', 'Smidsestraat'],
  ['Rue du Cerisier', 'Kerselaarstraat'], ['Chaussée de Mons', 'Bergensesteenweg'], ['Rue du Midi', 'Zuidstraat'],
];

export interface Checkpoint {
  readonly name: string;
  readonly place: string;
  readonly lat: number;
  readonly lon: number;
  readonly kind: 'border' | 'airport' | 'station' | 'roadblock';
}

export const CHECKPOINTS: readonly Checkpoint[] = [
  { name: 'E40 border crossing Rekkem', place: 'Rekkem', lat: 50.786, lon: 3.171, kind: 'border' },
  { name: 'E19 border crossing Hazeldonk', place: 'Meer', lat: 51.497, lon: 4.747, kind: 'border' },
  { name: 'E411 border crossing Sterpenich', place: 'Sterpenich', lat: 49.650, lon: 5.882, kind: 'border' },
  { name: 'E42 border crossing Quiévrain', place: 'Quiévrain', lat: 50.405, lon: 3.683, kind: 'border' },
  { name: 'Brussels Airport departures', place: 'Zaventem', lat: 50.901, lon: 4.484, kind: 'airport' },
  { name: 'Charleroi Airport departures', place: 'Gosselies', lat: 50.459, lon: 4.453, kind: 'airport' },
  { name: 'Brussels-Midi international platforms', place: 'Saint-Gilles', lat: 50.836, lon: 4.336, kind: 'station' },
  { name: 'Ring R0 roadblock Groot-Bijgaarden', place: 'Groot-Bijgaarden', lat: 50.873, lon: 4.276, kind: 'roadblock' },
  { name: 'A12 roadblock Boom', place: 'Boom', lat: 51.088, lon: 4.367, kind: 'roadblock' },
  { name: 'Chaussée de Ninove roadblock', place: 'Molenbeek-Saint-Jean', lat: 50.848, lon: 4.318, kind: 'roadblock' },
  { name: 'Boulevard Léopold III roadblock', place: 'Evere', lat: 50.869, lon: 4.410, kind: 'roadblock' },
  { name: 'E19 roadblock Vilvoorde', place: 'Vilvoorde', lat: 50.935, lon: 4.436, kind: 'roadblock' },
];

export const VEHICLE_MODELS: readonly (readonly [make: string, model: string])[] = [
  ['Volkswagen', 'Golf'], ['Volkswagen', 'Polo'], ['Renault', 'Clio'], ['Renault', 'Mégane'], ['Peugeot', '308'], ['Peugeot', '206'],
  ['BMW', '320d'], ['BMW', 'X5'], ['Mercedes-Benz', 'C 220'], ['Audi', 'A4'], ['Audi', 'A3'], ['Seat', 'Leon'], ['Opel', 'Astra'],
  ['Citroën', 'C4 Picasso'], ['Toyota', 'Corolla'], ['Ford', 'Transit'], ['Renault', 'Trafic'], ['Skoda', 'Octavia'],
];

/** Where travellers to the conflict zone were seen entering it, and the countries they crossed. */
export const CONFLICT_ZONES: readonly string[] = ['sy', 'sy', 'sy', 'iq'];
/** English names of the countries the demo's stories name, for its prose (notes, reports). */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = { be: 'Belgium', fr: 'France', nl: 'the Netherlands', tr: 'Turkey', gr: 'Greece', sy: 'Syria', iq: 'Iraq', ma: 'Morocco' };
export const TRANSIT_AIRPORTS: readonly string[] = ['Istanbul', 'Antalya', 'Gaziantep', 'Adana', 'Hatay'];
/** Countries a returnee crossed on the 2015 Balkan route, in order. */
export const BALKAN_ROUTE: readonly string[] = ['tr', 'gr', 'mk', 'rs', 'hu', 'at', 'de', 'be'];
