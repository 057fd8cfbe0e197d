/**
 * A relation type of the network (@mosaic/graph EDGE_TYPES) as an analyst reads it: the
 * relationship schemata's ties, and those derived from what two subjects have in common
 * (an identifier, a sighting, a trip). The API and the graph filters keep the code.
 */
import { readableCode } from '@mosaic/model';

const WORDS: Readonly<Record<string, string>> = {
  family: 'Family',
  associate: 'Associate',
  membership: 'Membership',
  ownership: 'Ownership',
  directorship: 'Directorship',
  employment: 'Employment',
  residence: 'Residence',
  communication: 'Communication',
  payment: 'Payment',
  'co-travel': 'Travelled together',
  'shared-phone': 'Shared phone',
  'shared-email': 'Shared e-mail address',
  'shared-address': 'Shared address',
  'shared-vehicle': 'Shared vehicle',
  'shared-document': 'Shared document',
  'shared-account': 'Shared account',
  'co-sighting': 'Seen together',
  'co-travel-event': 'On the same trip',
  mention: 'Mentioned',
};

/** relationWords('shared-document') is "Shared document"; a type this version does not know reads as its code made readable. */
export function relationWords(type: string): string {
  return WORDS[type] ?? readableCode(type);
}
