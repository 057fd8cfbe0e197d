/**
 * The record each kind of extracted relation becomes once confirmed, by the schemata of its ends:
 * a relationship schema of the model (Family, Associate, Membership, Residence, Employment,
 * Ownership), the holder named on a phone, a document or a vehicle, or, for a journey, a Travel
 * (travel-from-report.ts). A relation with none ("lived in" a country, "met" at an address) is
 * told so in words, and stays in the report's text.
 */
import type { EntitySchema, ExtractedRelation } from '@mosaic/extract';
import { TRAVEL_RELATIONS } from './travel-from-report.ts';

/** Relationship schemata for extracted relation types, with the schemata each end must have. */
export const RELATION_SCHEMATA: Readonly<Partial<Record<ExtractedRelation['type'], { schema: string; source: string; target: string; ends: readonly [string, string]; role?: string }>>> = {
  family: { schema: 'Family', source: 'person', target: 'relative', ends: ['Person', 'Person'] },
  associate: { schema: 'Associate', source: 'person', target: 'associate', ends: ['Person', 'Person'] },
  neighbour: { schema: 'Associate', source: 'person', target: 'associate', ends: ['Person', 'Person'] },
  met: { schema: 'Associate', source: 'person', target: 'associate', ends: ['Person', 'Person'] },
  called: { schema: 'Associate', source: 'person', target: 'associate', ends: ['Person', 'Person'] },
  bought_from: { schema: 'Associate', source: 'person', target: 'associate', ends: ['Person', 'Person'] },
  member_of: { schema: 'Membership', source: 'member', target: 'organization', ends: ['Person', 'Organization'], role: 'member' },
  leader_of: { schema: 'Membership', source: 'member', target: 'organization', ends: ['Person', 'Organization'], role: 'leader' },
  lived_in: { schema: 'Residence', source: 'person', target: 'address', ends: ['Person', 'Address'] },
  employed_by: { schema: 'Employment', source: 'employee', target: 'employer', ends: ['Person', 'Organization'] },
  owner_of: { schema: 'Ownership', source: 'owner', target: 'asset', ends: ['Person', 'Organization'] },
};

/** Where a journey may go: a country named alone, or a town. */
const TRAVEL_PLACES: ReadonlySet<string> = new Set(['Country', 'Address']);
/** What names a phone, a document or a vehicle as held. */
const HELD: ReadonlySet<string> = new Set(['Phone', 'Email', 'Identification', 'Vehicle']);

/** Whether the records have a form for a relation of `type` between these ends. */
export function relationRecordable(type: ExtractedRelation['type'], source: EntitySchema | undefined, target: EntitySchema | undefined): boolean {
  if (TRAVEL_RELATIONS.has(type)) return source === 'Person' && target !== undefined && TRAVEL_PLACES.has(target);
  if ((type === 'holds' || type === 'owner_of') && target !== undefined && HELD.has(target)) return true;
  const mapping = RELATION_SCHEMATA[type];
  return mapping !== undefined && mapping.ends[0] === source && mapping.ends[1] === target;
}

const ARTICLE = (schema: string): string => (/^[AEIOU]/.test(schema) ? 'an' : 'a');
const KIND_WORDS: Readonly<Record<string, string>> = { Person: 'person', Organization: 'organisation', Address: 'address', Country: 'country', Phone: 'phone number', Email: 'e-mail address', Identification: 'document', Vehicle: 'vehicle', Date: 'date', Money: 'amount' };

/** Why a relation is not recorded, in a reviewer's words: "The records have no form for “lived in” between a person and a country: it stays in the report's text." */
export function noFormNote(type: ExtractedRelation['type'], source: EntitySchema | undefined, target: EntitySchema | undefined): string {
  const kind = (schema: EntitySchema | undefined): string => {
    const words = schema ? KIND_WORDS[schema] ?? schema.toLowerCase() : 'something';
    return `${ARTICLE(words.toUpperCase())} ${words}`;
  };
  return `The records have no form for “${type.replace('_', ' ')}” between ${kind(source)} and ${kind(target)}: it stays in the report's text.`;
}
