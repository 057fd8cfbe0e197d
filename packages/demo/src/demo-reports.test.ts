import { describe, expect, it } from 'vitest';
import { demoReports } from './demo-reports.ts';

const provenance = (agency: string, category = 'suspect') => ({ agency, category, marking: { tlp: 'AMBER', classification: 'RESTRICTED', releasability: ['be'] } });
const line = (id: string, schema: string, properties: Record<string, string[]>, agency = 'border', category = 'suspect'): string =>
  JSON.stringify({ id, schema, properties, provenance: provenance(agency, category) });

describe('demoReports', () => {
  it('writes one note per suspect an author agency saw at least twice, events in date order', () => {
    const lines = [
      line('border:p1', 'Person', { name: ['TAVERNIER, Odon'], birthDate: ['1990-02-03'], gender: ['male'] }),
      line('border:s1', 'Sighting', { person: ['border:p1'], date: ['2015-06-01'], checkpoint: ['Airport departures'], place: ['Zaventem'] }),
      line('border:t1', 'Travel', { person: ['border:p1'], departureDate: ['2014-12-18'], fromCountry: ['be'], toCountry: ['tr'], transport: ['air'] }),
      // seen once: no note
      line('border:p2', 'Person', { name: ['Lise Marchal'] }),
      line('border:s2', 'Sighting', { person: ['border:p2'], date: ['2015-01-01'], checkpoint: ['E40'], place: ['Aalter'] }),
      // a witness, and an agency that writes no notes
      line('border:p3', 'Person', { name: ['Rémi Vos'] }, 'border', 'witness'),
      line('border:s3', 'Sighting', { person: ['border:p3'], date: ['2015-01-01'] }),
      line('border:s4', 'Sighting', { person: ['border:p3'], date: ['2015-01-02'] }),
      line('intel:p4', 'Person', { name: ['Ines Haddad'] }, 'intel'),
      line('intel:s5', 'Sighting', { person: ['intel:p4'], date: ['2015-01-01'] }, 'intel'),
      line('intel:s6', 'Sighting', { person: ['intel:p4'], date: ['2015-01-02'] }, 'intel'),
    ];
    const notes = demoReports(lines);
    expect(notes.map((n) => [n.agency, n.about, n.title])).toEqual([['border', 'border:p1', 'Observation note: Odon TAVERNIER']]);
    expect(notes[0]?.text).toBe('Odon TAVERNIER, born 3 February 1990, is followed by the Federal Border Police as a suspect. '
      + 'On 18 December 2014 he travelled by air from Belgium to Turkey. On 1 June 2015 he was seen at Airport departures in Zaventem. '
      + 'He should be reported to the desk when encountered again.');
    expect(notes[0]?.marking).toEqual(provenance('border').marking);
  });

  it('stops at the number asked for', () => {
    const lines = Array.from({ length: 5 }, (_, i) => [
      line(`fedpol:p${i}`, 'Person', { firstName: ['Anna'], lastName: [`Person${i}`] }, 'fedpol'),
      line(`fedpol:a${i}`, 'Sighting', { person: [`fedpol:p${i}`], date: ['2015'] }, 'fedpol'),
      line(`fedpol:b${i}`, 'Sighting', { person: [`fedpol:p${i}`], date: ['2016'] }, 'fedpol'),
    ]).flat();
    expect(demoReports(lines, { max: 3 }).map((n) => n.about)).toEqual(['fedpol:p0', 'fedpol:p1', 'fedpol:p2']);
  });
});
