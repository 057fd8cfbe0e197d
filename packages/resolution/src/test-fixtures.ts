/** Small fictional person records for the tests of this package (written here, not real data). */
import { RecordId } from '@mosaic/model';
import type { ResolvableRecord } from './resolve-records.ts';

export function person(id: string, properties: Record<string, string[]>): ResolvableRecord {
  return { id: RecordId(id), schema: 'Person', properties };
}

/** Jan Peeters born 1970 (a), a bare "Jan Peeters" with nothing else (b), another Jan Peeters born 1985 (c). */
export const weakMiddle = [
  person('a', { name: ['Jan Peeters'], birthDate: ['1970-03-02'], passportNumber: ['EH123456'], gender: ['male'] }),
  person('b', { name: ['Jan Peeters'] }),
  person('c', { name: ['Jan Peeters'], birthDate: ['1985-11-20'], passportNumber: ['KX998877'], gender: ['female'] }),
];

/** Two fictional people, each recorded twice with small differences, and a third one once. */
export const twoPeople = [
  person('m1', { name: ['Mira Vandersteen'], birthDate: ['1991-06-14'], nationality: ['be'], idNumber: ['91061412345'] }),
  person('m2', { name: ['VANDERSTEEN, Mira'], birthDate: ['1991-06-14'], nationality: ['be'], idNumber: ['91.06.14-123.45'] }),
  person('t1', { name: ['Tomasz Wrobel'], birthDate: ['1979-12-01'], nationality: ['pl'], passportNumber: ['AZ5551234'] }),
  person('t2', { name: ['Tomasz Wróbel'], birthDate: ['1979-12-01'], passportNumber: ['AZ5551234'] }),
  person('k1', { name: ['Katrien Olbrechts'], birthDate: ['1965-02-27'], nationality: ['be'] }),
];

/**
 * Two groups of records of a Jan Peeters whom the model keeps apart: x1 and x2 (born 1970-03-02,
 * one passport) and y1 to y4 (Belgian; y1, y2 and y3 with another passport, y1 and y2 born 1970;
 * y4 with nothing more). x-y1 and x-y2 score above the link threshold but x-y3 (two passports)
 * far below, so average linkage refuses the merge; x-y4 is unsure too. y4 joins its group on
 * nationality alone: y1-y4, y2-y4 and y3-y4 are machine merges still to confirm.
 */
export const twoGroups = [
  person('x1', { name: ['Jan Peeters'], birthDate: ['1970-03-02'], passportNumber: ['EH123456'] }),
  person('x2', { name: ['Jan Peeters'], birthDate: ['1970-03-02'], passportNumber: ['EH123456'] }),
  person('y1', { name: ['Jan Peeters'], birthDate: ['1970'], passportNumber: ['KX998877'], nationality: ['be'] }),
  person('y2', { name: ['Jan Peeters'], birthDate: ['1970'], passportNumber: ['KX998877'], nationality: ['be'] }),
  person('y3', { name: ['Jan Peeters'], passportNumber: ['KX998877'], nationality: ['be'] }),
  person('y4', { name: ['Jan Peeters'], nationality: ['be'] }),
];
