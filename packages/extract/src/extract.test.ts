import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import type { ExtractResult } from './types.ts';

const byName = (r: ExtractResult, name: string) => r.entities.find((e) => e.name === name);
const relation = (r: ExtractResult, type: string, a: string, b: string) => {
  const id = (n: string) => byName(r, n)?.id;
  return r.relations.find((x) => x.type === type && x.source === id(a) && x.target === id(b));
};

describe('extract', () => {
  const text = 'The suspect, Karim Lahlou, 26, was arrested in Antwerp on 3 May 2021. ' +
    'Lahlou had travelled to Istanbul in 2019. His brother Nabil was detained in Ghent. ' +
    'Karim Lahlou is a member of the Wadi Brigade and called Pieter Janssens on +32 475 12 34 56.';
  const r = extract(text);

  it('finds persons with ages and resolves surname-only and kin mentions to full names', () => {
    const karim = byName(r, 'Karim Lahlou');
    expect(karim?.mentions.map((m) => m.text)).toEqual(['Karim Lahlou', 'Lahlou', 'Karim Lahlou']);
    expect(karim?.properties['age']).toEqual(['26']);
    expect(byName(r, 'Nabil Lahlou')?.mentions.map((m) => m.text)).toEqual(['Nabil']);
    expect(byName(r, 'Pieter Janssens')?.schema).toBe('Person');
  });
  it('resolves places with coordinates, dates to ISO, phones to E.164, organisations by cue word', () => {
    const antwerp = byName(r, 'Antwerp');
    expect(antwerp?.schema).toBe('Address');
    expect(antwerp?.properties['country']).toEqual(['be']);
    expect(Number(antwerp?.properties['latitude']?.[0])).toBeCloseTo(51.2, 0);
    expect(r.entities.filter((e) => e.schema === 'Date').map((e) => e.name)).toEqual(['2021-05-03', '2019']);
    expect(r.entities.find((e) => e.schema === 'Phone')?.name).toBe('+32475123456');
    expect(byName(r, 'Wadi Brigade')?.schema).toBe('Organization');
  });
  it('proposes relations with their sentence as evidence', () => {
    expect(relation(r, 'family', 'Karim Lahlou', 'Nabil Lahlou')?.kind).toBe('brother');
    expect(relation(r, 'travelled_to', 'Karim Lahlou', 'Istanbul')).toBeDefined();
    expect(relation(r, 'member_of', 'Karim Lahlou', 'Wadi Brigade')).toBeDefined();
    const called = relation(r, 'called', 'Karim Lahlou', 'Pieter Janssens');
    expect(called?.evidence.sentence).toBe(text.slice(called?.evidence.start, called?.evidence.end));
    expect(called?.evidence.sentence).toMatch(/^Karim Lahlou is a member/);
  });
  it('keeps mention offsets exact', () => {
    for (const e of r.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
  it('does not take sentence-initial words, demonyms or vehicle makes for names', () => {
    const t = extract('Police said the Belgian man drove a grey Peugeot 308. According to witnesses, nobody was hurt.');
    expect(t.entities.filter((e) => e.schema === 'Person')).toEqual([]);
  });
  it('finds persons whose given name is not in the gazetteer from a title or an age apposition', () => {
    const t = extract('Mr Qorbani met Zyx Wolandt (41) in Lyon.', { givenNames: [] });
    expect(t.entities.filter((e) => e.schema === 'Person').map((e) => e.name).sort()).toEqual(['Qorbani', 'Zyx Wolandt']);
    expect(relation(t, 'met', 'Qorbani', 'Zyx Wolandt')).toBeDefined();
  });
  it('gives a country named alone as a country, not an address, and a town as before', () => {
    const t = extract('Odon TAVERNIER was seen in Belgium on 3 May 2015. On 18 December 2014 he travelled by air from Belgium to Syria. He lived in Ghent.');
    const belgium = byName(t, 'Belgium');
    expect(belgium?.schema).toBe('Country');
    expect(belgium?.mentions.map((m) => m.text)).toEqual(['Belgium', 'Belgium']);
    expect(belgium?.properties['country']).toEqual(['be']);
    expect(byName(t, 'Syria')?.schema).toBe('Country');
    expect(t.entities.filter((e) => e.schema === 'Address').map((e) => e.name)).toEqual(['Ghent']);
    expect(relation(t, 'travelled_to', 'Odon Tavernier', 'Syria')).toBeDefined();
    expect(relation(t, 'travelled_from', 'Odon Tavernier', 'Belgium')).toBeDefined();
  });
  it('finds a person named in capitals, in a note\'s heading and in its sentences, with no given name it knows', () => {
    const persons = (t: string) => extract(t, { givenNames: [] }).entities.filter((e) => e.schema === 'Person').map((e) => [e.name, e.mentions.map((m) => m.text)]);
    // the heading names the subject the note then names in its sentences
    expect(persons('OBSERVATION NOTE — TIMOUR KHASANOV\nTimour Khasanov was seen in Antwerp on 3 May 2015.')).toEqual([
      ['Timour Khasanov', ['TIMOUR KHASANOV', 'Timour Khasanov']],
    ]);
    expect(persons('Subject: ZORAN VELIQI\nThe subject travelled to Tirana.')).toEqual([['Zoran Veliqi', ['ZORAN VELIQI']]]);
    // born, a verb after the name, the surname in capitals before the given name
    expect(persons('RAMI OSTRAVEC, born 10 March 1994, is followed as a suspect. TAREQ EL AMRANI was seen in Ghent.')).toEqual([
      ['Rami Ostravec', ['RAMI OSTRAVEC']], ['Tareq El Amrani', ['TAREQ EL AMRANI']],
    ]);
    expect(persons('KHASANOV Timour met VELIQI Zoran in Brussels.').map(([name]) => name)).toEqual(['Khasanov Timour', 'Veliqi Zoran']);
  });
  it('takes "Amir" before one more name for a given name, not a title', () => {
    const persons = (t: string) => extract(t).entities.filter((e) => e.schema === 'Person').map((e) => e.name);
    expect(persons('AMIR KARIĆ, born 10 March 1994, is followed as a suspect.')).toEqual(['Amir Karić']);
    expect(persons('Amir Karic was seen in Ghent.')).toEqual(['Amir Karic']);
  });
  it('takes no heading, acronym, agency or country written in capitals for a person', () => {
    const heading = [
      'FEDERAL JUDICIAL POLICE — COUNTER-TERRORISM DIRECTORATE', 'OBSERVATION NOTE — OPERATION LARKSPUR', 'URGENT', 'EXECUTIVE SUMMARY',
      'CLASSIFICATION: RESTRICTED', 'FOR OFFICIAL USE ONLY', 'SUBJECT DETAILS', 'KNOWN ASSOCIATES', 'MODUS OPERANDI', 'TRAVEL HISTORY',
      'The subject travelled to TURKEY and SYRIA in 2014 and was seen in the UNITED KINGDOM.', 'RISK ASSESSMENT', 'NEXT STEPS',
      'DISTRIBUTION: EUROPOL, INTERPOL, DGSI, CCTV UNIT', 'KINGDOM OF BELGIUM', 'LAW ENFORCEMENT SENSITIVE', 'TOP SECRET was stamped on it.',
      'PRESS RELEASE', 'INCIDENT LOG', 'END OF NOTE', 'CASE FILE 2015/12', 'ACTION REQUIRED — NONE', 'BACKGROUND was given.', 'MODUS OPERANDI was unchanged.',
    ].join('\n');
    expect(extract(heading).entities.filter((e) => e.schema === 'Person').map((e) => e.name)).toEqual([]);
  });
  it('resolves an ambiguous place toward the countries the text names', () => {
    const t = extract('He moved from Belgium to Paris.');
    expect(byName(t, 'Paris')?.properties['country']).toEqual(['fr']);
  });
  it('proposes the street address a person lives at, as well as the town', () => {
    const t = extract('Since 2022 Karim Lefevre has lived at Kerkstraat 12 in Ghent. A search was made at Rue Haute 40, 1000 Brussels, the home of Marc Dumont.');
    expect(relation(t, 'lived_in', 'Karim Lefevre', 'Kerkstraat 12')).toBeDefined();
    expect(relation(t, 'lived_in', 'Karim Lefevre', 'Ghent')).toBeDefined();
    expect(relation(t, 'lived_in', 'Marc Dumont', 'Rue Haute 40')).toBeDefined();
    // a street where something merely happened is not a residence
    expect(relation(extract('Karim Lefevre was arrested on Kerkstraat 12.'), 'lived_in', 'Karim Lefevre', 'Kerkstraat 12')).toBeUndefined();
  });
  it('proposes the company a person works for and the one a person owns', () => {
    const t = extract('Karim Lefevre worked as a driver for Brabant Freight NV until 2022. Marc Dumont, owner of Dumont Logistics BV, denied it. Ilse Maes met the director of Kessel Holding NV.');
    expect(relation(t, 'employed_by', 'Karim Lefevre', 'Brabant Freight NV')).toBeDefined();
    expect(relation(t, 'owner_of', 'Marc Dumont', 'Dumont Logistics BV')).toBeDefined();
    // a director is neither: the company is found, and nothing ties Ilse Maes to it
    const kessel = byName(t, 'Kessel Holding NV');
    expect(kessel?.schema).toBe('Organization');
    expect(t.relations.filter((x) => x.target === kessel?.id)).toEqual([]);
  });
  it('proposes the holder of a phone number where the text says whose it is, not a number merely called', () => {
    const t = extract([
      "Karim Lefevre's mobile phone (+32 475 12 34 56) was seized.",
      'The number +32 486 55 44 33, used by Marc Dumont, was tapped.',
      'Ilse Maes called Jonas Peeters from the number +32 470 11 22 33. She gave her phone number, +32 499 88 77 66, and his, +32 468 00 00 01.',
      'Tom Goossens was questioned. She provided his phone number +32 497 12 12 12.',
      'Press contact: duty officer Anke Wouters, +32 2 555 01 02.',
      'Pieter Claes called +32 477 00 11 22 twice.',
    ].join(' '));
    const holds = t.relations.filter((x) => x.type === 'holds').map((x) => `${t.entities.find((e) => e.id === x.source)?.name} ${t.entities.find((e) => e.id === x.target)?.name}`);
    expect(holds).toEqual([
      'Karim Lefevre +32475123456', 'Marc Dumont +32486554433', 'Ilse Maes +32470112233', 'Ilse Maes +32499887766', 'Anke Wouters +3225550102',
      // "She provided his phone number": not hers, and not surely the last person named
    ]);
  });
  it('proposes a call made with a person\'s phone, the holder of a passport and the owner of a vehicle', () => {
    const t = extract([
      "Karim Lefevre's phone was used to call Jonas Peeters on 2 May.",
      'Marc Dumont, holder of Belgian passport EP123456, crossed at the border.',
      'Ilse Maes travelled on passport no. FR88776655.',
      "Anke Wouters owns a grey Golf, registration 1-ABC-123.",
      'A white van, registration AB-123-CD, registered to Tom Goossens, was stopped.',
      'Pieter Claes drove a red Audi, registration 2-XYZ-987.',
    ].join(' '));
    expect(relation(t, 'called', 'Karim Lefevre', 'Jonas Peeters')).toBeDefined();
    expect(relation(t, 'holds', 'Marc Dumont', 'EP123456')).toBeDefined();
    expect(relation(t, 'holds', 'Ilse Maes', 'FR88776655')).toBeDefined();
    expect(relation(t, 'owner_of', 'Anke Wouters', '1-ABC-123')).toBeDefined();
    expect(relation(t, 'owner_of', 'Tom Goossens', 'AB-123-CD')).toBeDefined();
    // driving a car says nothing of whose it is
    expect(t.relations.filter((x) => x.target === byName(t, '2-XYZ-987')?.id)).toEqual([]);
  });
  it('reads a day and month ending a sentence without its full stop, and without the year of a date in the next', () => {
    const dates = (t: string) => extract(t).entities.filter((e) => e.schema === 'Date').map((e) => [e.name, e.mentions.map((m) => m.text)]);
    expect(dates('Youssef Haddad called the harbour office on 6 June. Karim Benali was seen in Ghent on 7 July 2006.')).toEqual([
      ['--06-06', ['6 June']], ['2006-07-07', ['7 July 2006']],
    ]);
    expect(dates('Youssef Haddad called the harbour office on 6 June and 7 July 2006.')).toEqual([
      ['2006-06-06', ['6 June']], ['2006-07-07', ['7 July 2006']],
    ]);
  });
  it('reads a capitalised abbreviated month without a year as a date, not as part of the name after it', () => {
    const t = extract('On 7 Apr Anna Peeters called the harbour office.');
    expect(t.entities.map((e) => [e.schema, e.name, e.mentions.map((m) => m.text)])).toEqual([
      ['Date', '--04-07', ['7 Apr']], ['Person', 'Anna Peeters', ['Anna Peeters']],
    ]);
  });
  it('reads each day of a list as a date of its own, its mention the day alone', () => {
    const dates = (t: string) => extract(t).entities.filter((e) => e.schema === 'Date').map((e) => [e.name, e.mentions.map((m) => m.text)]);
    expect(dates('Karim Benali was seen in Ghent between 6 and 7 June 2006, and on July 6–8, 2006.')).toEqual([
      ['2006-06-06', ['6']], ['2006-06-07', ['7 June 2006']], ['2006-07-06', ['July 6']], ['2006-07-08', ['8, 2006']],
    ]);
  });
});

describe('extract: digits in names', () => {
  it('reads a digit an OCR put for a letter inside a name, and an "A1-" particle as "Al-"', () => {
    const t = extract('The passenger list names KARIM A1-HASSANI and the driver Jonas Pe1ers; Marc Dub0is met them.');
    const persons = t.entities.filter((e) => e.schema === 'Person').map((e) => [e.name, e.mentions.map((m) => m.text)]);
    expect(persons).toEqual([
      ['Karim Al-Hassani', ['KARIM A1-HASSANI']], ['Jonas Pelers', ['Jonas Pe1ers']], ['Marc Dubois', ['Marc Dub0is']],
    ]);
  });
  it('keeps an organisation name written with a digit whole, and leaves numbers and identifiers alone', () => {
    const t = extract('Karim Lahlou was a member of Jihad4Europe in 2014. Flight SN3012 left at 10h30 with passport EP1234567 aboard.');
    expect(byName(t, 'Jihad4Europe')?.schema).toBe('Organization');
    expect(relation(t, 'member_of', 'Karim Lahlou', 'Jihad4Europe')).toBeDefined();
    expect(t.entities.filter((e) => e.schema === 'Person' || e.schema === 'Organization').map((e) => e.name)).toEqual(['Karim Lahlou', 'Jihad4Europe']);
  });
});

describe('extract: Russian', () => {
  const persons = (t: ExtractResult) => t.entities.filter((e) => e.schema === 'Person').map((e) => [e.name, e.mentions.map((m) => m.text)]);

  it('names persons in the nominative, reads Russian dates and a meeting', () => {
    const t = extract('12 апреля 2019 года Олег Соколов встретился с Ибрагимом Хасановым. Позже Олега Соколова видели с Мариной Волковой.');
    expect(persons(t)).toEqual([
      ['Олег Соколов', ['Олег Соколов', 'Олега Соколова']], ['Ибрагим Хасанов', ['Ибрагимом Хасановым']], ['Марина Волкова', ['Мариной Волковой']],
    ]);
    expect(byName(t, '2019-04-12')?.schema).toBe('Date');
    expect(relation(t, 'met', 'Олег Соколов', 'Ибрагим Хасанов')).toBeDefined();
  });
  it('keeps a woman\'s name in -а as written when no man of that name is in the report', () => {
    const t = extract('Ирина Павлова встретилась с Сергеем Орловым в мае 2020 года.');
    expect(persons(t)).toEqual([['Ирина Павлова', ['Ирина Павлова']], ['Сергей Орлов', ['Сергеем Орловым']]]);
    expect(relation(t, 'met', 'Ирина Павлова', 'Сергей Орлов')).toBeDefined();
    expect(byName(t, '2020-05')?.schema).toBe('Date');
  });
});

describe('extract: birth place', () => {
  const birthPlace = (text: string) => byName(extract(text), 'Radoslaw Brzeczyk')?.properties['birthPlace'];

  it('takes the place of "born … in PLACE" when it is one clause, with or without a date', () => {
    expect(birthPlace('Radoslaw Brzeczyk, born in Antwerp, was arrested.')).toEqual(['Antwerp']);
    expect(birthPlace('Radoslaw Brzeczyk, born on 14 March 1979 in Antwerp, was arrested.')).toEqual(['Antwerp']);
    expect(birthPlace('Radoslaw Brzeczyk, born 14.03.1979 in Antwerp, was arrested.')).toEqual(['Antwerp']);
    expect(birthPlace('Radoslaw Brzeczyk (born 12/04/1996 in Saint-Denis) was arrested.')).toEqual(['Saint-Denis']);
    expect(birthPlace('Radoslaw Brzeczyk, born in 1979 in Antwerp, was arrested.')).toEqual(['Antwerp']);
  });
  it('does not take a place of another verb after a comma as the birth place', () => {
    expect(birthPlace('Radoslaw Brzeczyk, born 14 March 1979, was arrested in Antwerp.')).toBeUndefined();
    expect(birthPlace('Radoslaw Brzeczyk, born 1979, lives in Ghent.')).toBeUndefined();
    expect(birthPlace('Radoslaw Brzeczyk, born 14.03.1979, was seen in Molenbeek.')).toBeUndefined();
    expect(birthPlace('Radoslaw Brzeczyk, born in Antwerp, was arrested in Ghent.')).toEqual(['Antwerp']);
  });
  it('finds a name, a date and a relation broken over two lines of hard-wrapped text as on one line', () => {
    const line = 'During the surveillance of the station the team saw how Marc Vandenberghe met Karim Bennani in Antwerp, near the central station, on 14 March 2016.';
    const wrapped = 'During the surveillance of the station the team saw how Marc Vandenberghe met Karim\nBennani in Antwerp, near the central station, on 14\nMarch 2016.';
    const flat = extract(line);
    const broken = extract(wrapped);
    expect(relation(flat, 'met', 'Marc Vandenberghe', 'Karim Bennani')).toBeDefined();
    expect(broken.entities.map((e) => [e.schema, e.name, e.mentions.map((m) => [m.start, m.end])])).toEqual(flat.entities.map((e) => [e.schema, e.name, e.mentions.map((m) => [m.start, m.end])]));
    expect(broken.relations.map((r) => [r.type, r.source, r.target])).toEqual(flat.relations.map((r) => [r.type, r.source, r.target]));
    expect(relation(broken, 'met', 'Marc Vandenberghe', 'Karim Bennani')?.evidence.sentence).toBe(line);
  });
});

describe('extract: French and Dutch', () => {
  const person = (t: ExtractResult, name: string) => byName(t, name)?.properties;

  it('reads a French birth date, birth place and nationality after the name', () => {
    const t = extract('Salomé VERDIÈRE, née le 5 juin 1991 à Lyon, de nationalité marocaine, a été contrôlée à Zaventem. '
      + 'Gaspard OUAZZANI, né le 05/06/1989, est de nationalité algérienne.');
    expect(person(t, 'Salomé Verdière')).toMatchObject({ birthDate: ['1991-06-05'], birthPlace: ['Lyon'], nationality: ['ma'] });
    expect(person(t, 'Gaspard Ouazzani')).toMatchObject({ birthDate: ['1989-06-05'], nationality: ['dz'] });
  });
  it('reads a meeting said in French', () => {
    const t = extract('Le 3 mars 2015, Salomé VERDIÈRE a rencontré Ilyès BOUKHARI à Bruxelles. Gaspard OUAZZANI s\'est entretenu avec Noémie FARGE le 12 avril 2016.');
    expect(relation(t, 'met', 'Salomé Verdière', 'Ilyès Boukhari')).toBeDefined();
    expect(relation(t, 'met', 'Gaspard Ouazzani', 'Noémie Farge')).toBeDefined();
  });
  it('reads the countries of a journey said in French, named in French, with the date in the sentence', () => {
    const t = extract('Le 14 février 2015, Salomé VERDIÈRE s\'est rendue en Syrie par avion. '
      + 'Gaspard OUAZZANI a voyagé en avion de la Belgique vers la Turquie le 2 mai 2015. '
      + 'Le 9 octobre 2016, Gaspard OUAZZANI est revenu de Turquie par la route.');
    expect(byName(t, 'Syria')).toMatchObject({ schema: 'Country', mentions: [{ text: 'Syrie' }] });
    expect(relation(t, 'travelled_to', 'Salomé Verdière', 'Syria')?.evidence.sentence).toBe('Le 14 février 2015, Salomé VERDIÈRE s\'est rendue en Syrie par avion.');
    expect(relation(t, 'travelled_from', 'Gaspard Ouazzani', 'Belgium')).toBeDefined();
    expect(relation(t, 'travelled_to', 'Gaspard Ouazzani', 'Turkey')).toBeDefined();
    // "est revenu de Turquie": the journey came from there, it did not go there
    const back = t.relations.filter((x) => x.evidence.sentence.startsWith('Le 9 octobre'));
    expect(back.map((x) => [x.type, x.target])).toEqual([['travelled_from', byName(t, 'Turkey')?.id]]);
    expect(byName(t, '2016-10-09')?.schema).toBe('Date');
  });
  it('reads a journey only where a verb of one says it, and the place left and the place gone to', () => {
    const t = extract('Gaspard OUAZZANI a quitté la Belgique le 3 mai 2015 pour la Syrie. Salomé VERDIÈRE a rendu sa voiture de location à Lyon.');
    expect(relation(t, 'travelled_from', 'Gaspard Ouazzani', 'Belgium')).toBeDefined();
    expect(relation(t, 'travelled_to', 'Gaspard Ouazzani', 'Syria')).toBeDefined();
    // "rendu" without "s'est" is giving back, not going
    expect(byName(t, 'Salomé Verdière')).toBeDefined();
    expect(t.relations.filter((x) => x.source === byName(t, 'Salomé Verdière')?.id)).toEqual([]);
  });
  it('reads a French plate after "immatriculé(e)", and its owner, not its driver', () => {
    const t = extract('Gaspard OUAZZANI possède une Peugeot 308 immatriculée AB-123-CD. Salomé VERDIÈRE conduisait un véhicule immatriculé GH-456-KL.');
    expect(byName(t, 'AB-123-CD')?.schema).toBe('Vehicle');
    expect(byName(t, 'GH-456-KL')?.schema).toBe('Vehicle');
    expect(relation(t, 'owner_of', 'Gaspard Ouazzani', 'AB-123-CD')).toBeDefined();
    expect(t.relations.filter((x) => x.target === byName(t, 'GH-456-KL')?.id)).toEqual([]);
  });
  it('reads a plate after "plaque(s)" and "nummerplaten", the words the relations read for one', () => {
    const t = extract('Karim BENALI possède une Peugeot 208 plaques GH-456-KL. Joris VERBRUGGEN bezit een Opel met nummerplaten 1-ABC-234.');
    expect(byName(t, 'GH-456-KL')?.schema).toBe('Vehicle');
    expect(relation(t, 'owner_of', 'Karim Benali', 'GH-456-KL')).toBeDefined();
    expect(byName(t, '1-ABC-234')?.schema).toBe('Vehicle');
  });
  it('reads a Dutch birth date, journey and meeting', () => {
    const t = extract('Joris VERBRUGGEN, geboren op 5 juni 1991, reisde naar Turkije op 2 mei 2015. Joris VERBRUGGEN ontmoette Wannes DE CLERCQ in Antwerpen.');
    expect(person(t, 'Joris Verbruggen')).toMatchObject({ birthDate: ['1991-06-05'] });
    expect(relation(t, 'travelled_to', 'Joris Verbruggen', 'Turkey')).toBeDefined();
    expect(relation(t, 'met', 'Joris Verbruggen', 'Wannes De Clercq')).toBeDefined();
  });
});

describe('extract: a town written in several languages', () => {
  const towns = (r: ExtractResult) => r.entities.filter((e) => e.schema === 'Address').map((e) => [e.name, e.mentions.map((m) => m.text)]);

  it('is one place under one name, each mention as written', () => {
    const r = extract('Karim Benali lives in Antwerpen. He was seen in Anvers on 3 May 2015, in Antwerp on 4 May 2015 and in Gand on 5 May 2015.');
    expect(towns(r)).toEqual([['Antwerp', ['Antwerpen', 'Anvers', 'Antwerp']], ['Ghent', ['Gand']]]);
    expect(relation(r, 'lived_in', 'Karim Benali', 'Antwerp')).toBeDefined();
    const belgian = extract('Karim Benali left Belgium. He was seen in Mons, in Bergen, in Luik and in Courtrai.');
    expect(towns(belgian)).toEqual([['Mons', ['Mons', 'Bergen']], ['Liège', ['Luik']], ['Kortrijk', ['Courtrai']]]);
  });
  it('is no place where its name is a word or a surname: Dutch "Namen" (names), Bergen the surname, Mons the given name', () => {
    expect(towns(extract('Namen en adressen van de verdachten werden genoteerd. Luik en deur waren open.'))).toEqual([]);
    expect(towns(extract('Karim Benali woont in Namen.'))).toEqual([['Namur', ['Namen']]]);
    const bergen = extract('Marc Bergen was seen in Belgium on 3 May 2015. Bergen was arrested on 4 May 2015 in Bergen.');
    expect(byName(bergen, 'Marc Bergen')?.mentions.map((m) => m.text)).toEqual(['Marc Bergen', 'Bergen']);
    expect(towns(bergen)).toEqual([['Mons', ['Bergen']]]);
    expect(byName(extract('Mons Larsen was seen in Antwerp.'), 'Mons Larsen')?.schema).toBe('Person');
  });
  it('is a place after a Dutch, French or German locative: "naar Luik", "te Namen", "uit Luik", "vers Luik", "nach Luik"', () => {
    const naar = extract('Karim Benali reisde naar Luik.');
    expect(towns(naar)).toEqual([['Liège', ['Luik']]]);
    expect(relation(naar, 'travelled_to', 'Karim Benali', 'Liège')).toBeDefined();
    for (const [said, town] of [['woont te Namen', 'Namur'], ['kwam uit Luik', 'Liège'], ['vertrok vanuit Namen', 'Namur'], ['werd gezien bij Namen', 'Namur'],
      ['est allé vers Luik', 'Liège'], ['est revenu depuis Luik', 'Liège'], ['fuhr nach Luik', 'Liège'], ['kam aus Namen', 'Namur'], ['wohnt bei Namen', 'Namur']]) {
      expect(towns(extract(`Karim Benali ${said ?? ''}.`)), said).toEqual([[town, [said?.split(' ').at(-1)]]]);
    }
  });
  it('is no place by its size alone where its name is also a word: Dutch "aken" (barges), French "trêves"', () => {
    expect(towns(extract('Aken lagen in de haven.'))).toEqual([]);
    expect(towns(extract('Trèves et négociations ont échoué.'))).toEqual([]);
    expect(towns(extract('Karim Benali reisde naar Aken.'))).toEqual([['Aachen', ['Aken']]]);
    expect(towns(extract('Karim Benali est allé à Trèves.'))).toEqual([['Trier', ['Trèves']]]);
  });
});
