/**
 * How each demo agency records people: its source systems and legal bases, how it grades and
 * marks its records, and its clerical habits (which fields it fills, how it writes names).
 * Border systems read passports (OCR, upper case, no diacritics); intelligence writes what a
 * source said (kunyas, partial dates, other transliterations); local police type from ID cards.
 */
import type { Classification, Handling, Reliability, Tlp } from '@mosaic/model';
import { CLASSIFICATION, HANDLING, RELIABILITY, TLP } from '@mosaic/model';
import type { DemoAgencyId } from './org.ts';
import { DEMO_AGENCY_IDS } from './org.ts';
import { cumulative } from './rng.ts';

export interface NameHabits {
  /** A spelling other than the registered one. */
  readonly otherSpelling: number;
  readonly typo: number;
  readonly ocr: number;
  /** "SURNAME, Given". */
  readonly surnameComma: number;
  /** "Surname Given" with no comma: order ambiguous. */
  readonly surnameFirst: number;
  readonly upperCase: number;
  /** Given name and surname entered in each other's fields. */
  readonly swappedFields: number;
  /** Name also (or only) written in its own script. */
  readonly nativeScript: number;
  readonly particle: number;
  readonly diacriticsKept: number;
}

export interface FieldHabits {
  readonly structuredName: number;
  readonly birthDate: number;
  readonly partialBirthDate: number;
  readonly birthPlace: number;
  readonly nationality: number;
  readonly gender: number;
  readonly idNumber: number;
  readonly passportNumber: number;
  readonly phone: number;
  readonly email: number;
  readonly address: number;
  readonly alias: number;
  readonly kunya: number;
  readonly notes: number;
  readonly vehicle: number;
  readonly documentRecord: number;
  readonly phoneRecord: number;
}

export interface AgencyProfile {
  readonly agency: DemoAgencyId;
  readonly prefix: string;
  readonly sources: readonly string[];
  readonly legalBasis: string;
  readonly reliability: readonly number[];
  readonly credibility: readonly number[];
  readonly tlp: readonly number[];
  readonly classification: readonly number[];
  readonly handling: readonly number[];
  readonly releasability: readonly (readonly string[])[];
  readonly assessmentShare: number;
  readonly retentionYears: readonly [min: number, max: number];
  readonly names: NameHabits;
  readonly fields: FieldHabits;
  /** Probability of recording a tie of each kind when it holds both ends. */
  readonly ties: Readonly<Record<'family' | 'associate' | 'communication' | 'cotravel' | 'membership' | 'residence', number>>;
}

/** Weights over a scale, given as a sparse map from value to weight. */
function over<T extends string | number>(scale: readonly T[], weights: Partial<Record<T, number>>): number[] {
  return cumulative(scale.map((value) => weights[value] ?? 0));
}

const CREDIBILITY_SCALE = [1, 2, 3, 4, 5, 6] as const;

const POLICE_NAMES: NameHabits = { otherSpelling: 0.12, typo: 0.07, ocr: 0.01, surnameComma: 0.35, surnameFirst: 0.1, upperCase: 0.15, swappedFields: 0.03, nativeScript: 0, particle: 0.2, diacriticsKept: 0.5 };
const POLICE_FIELDS: FieldHabits = {
  structuredName: 0.9, birthDate: 0.92, partialBirthDate: 0.03, birthPlace: 0.6, nationality: 0.8, gender: 0.9, idNumber: 0.6, passportNumber: 0.1,
  phone: 0.45, email: 0.1, address: 0.8, alias: 0.1, kunya: 0.05, notes: 0.3, vehicle: 0.5, documentRecord: 0.15, phoneRecord: 0.05,
};

function profile(spec: Omit<AgencyProfile, 'reliability' | 'credibility' | 'tlp' | 'classification' | 'handling'> & {
  readonly grading: { readonly reliability: Partial<Record<Reliability, number>>; readonly credibility: Partial<Record<1 | 2 | 3 | 4 | 5 | 6, number>> };
  readonly marking: { readonly tlp: Partial<Record<Tlp, number>>; readonly classification: Partial<Record<Classification, number>>; readonly handling: Partial<Record<Handling, number>> };
}): AgencyProfile {
  const { grading, marking, ...rest } = spec;
  return {
    ...rest,
    reliability: over(RELIABILITY, grading.reliability),
    credibility: over(CREDIBILITY_SCALE, grading.credibility),
    tlp: over(TLP, marking.tlp),
    classification: over(CLASSIFICATION, marking.classification),
    handling: over(HANDLING, marking.handling),
  };
}

function localZone(agency: DemoAgencyId, prefix: string): AgencyProfile {
  return profile({
    agency, prefix, sources: [`${agency}/records-management`, `${agency}/neighbourhood-reports`, `${agency}/interventions`],
    legalBasis: 'Police Function Act, Art. 44/5 §1 (local police databases)',
    grading: { reliability: { A: 2, B: 5, C: 3, F: 1 }, credibility: { 1: 2, 2: 5, 3: 3, 4: 1 } },
    marking: { tlp: { GREEN: 3, AMBER: 6, 'AMBER+STRICT': 1 }, classification: { UNCLASSIFIED: 3, RESTRICTED: 6, CONFIDENTIAL: 1 }, handling: { H0: 6, H1: 3, H2: 1 } },
    releasability: [['ALL'], ['be'], ['fedpol']], assessmentShare: 0.1, retentionYears: [3, 10],
    names: POLICE_NAMES, fields: POLICE_FIELDS,
    ties: { family: 0.8, associate: 0.4, communication: 0, cotravel: 0.1, membership: 0.3, residence: 0.9 },
  });
}

export const AGENCY_PROFILES: Readonly<Record<DemoAgencyId, AgencyProfile>> = {
  fedpol: profile({
    agency: 'fedpol', prefix: 'FP', sources: ['fedpol/general-national-database', 'fedpol/ct-investigations', 'fedpol/interpol-exchange'],
    legalBasis: 'Police Function Act, Art. 44/7 (general national database)',
    grading: { reliability: { A: 3, B: 5, C: 3, D: 1 }, credibility: { 1: 3, 2: 5, 3: 3, 4: 1 } },
    marking: { tlp: { GREEN: 1, AMBER: 6, 'AMBER+STRICT': 2, RED: 1 }, classification: { RESTRICTED: 6, CONFIDENTIAL: 3, SECRET: 1 }, handling: { H0: 5, H1: 3, H2: 2 } },
    releasability: [['be'], ['ALL'], ['tcu', 'intel', 'prosecutor']], assessmentShare: 0.2, retentionYears: [5, 15],
    names: { ...POLICE_NAMES, otherSpelling: 0.15, surnameComma: 0.5 },
    fields: { ...POLICE_FIELDS, passportNumber: 0.3, alias: 0.25, kunya: 0.3, phone: 0.55, documentRecord: 0.25, phoneRecord: 0.3 },
    ties: { family: 0.7, associate: 0.6, communication: 0.4, cotravel: 0.4, membership: 0.8, residence: 0.8 },
  }),
  'lpz-west': localZone('lpz-west', 'LPW'),
  'lpz-north': localZone('lpz-north', 'LPN'),
  'lpz-south': localZone('lpz-south', 'LPS'),
  'lpz-centre': localZone('lpz-centre', 'LPC'),
  intel: profile({
    agency: 'intel', prefix: 'INT', sources: ['intel/humint', 'intel/sigint', 'intel/liaison', 'intel/open-sources'],
    legalBasis: 'Intelligence and Security Services Act, Art. 13',
    grading: { reliability: { A: 1, B: 4, C: 4, D: 2, E: 1, F: 2 }, credibility: { 1: 1, 2: 3, 3: 4, 4: 2, 5: 1, 6: 1 } },
    marking: { tlp: { AMBER: 2, 'AMBER+STRICT': 5, RED: 3 }, classification: { CONFIDENTIAL: 4, SECRET: 5, TOP_SECRET: 1 }, handling: { H1: 2, H2: 5, H3: 3 } },
    releasability: [[], ['tcu'], ['tcu', 'fedpol']], assessmentShare: 0.55, retentionYears: [5, 20],
    names: { otherSpelling: 0.4, typo: 0.05, ocr: 0, surnameComma: 0.1, surnameFirst: 0.1, upperCase: 0.3, swappedFields: 0.02, nativeScript: 0.15, particle: 0.35, diacriticsKept: 0.3 },
    fields: { structuredName: 0.6, birthDate: 0.6, partialBirthDate: 0.35, birthPlace: 0.4, nationality: 0.7, gender: 0.7, idNumber: 0.2, passportNumber: 0.2,
      phone: 0.6, email: 0.3, address: 0.5, alias: 0.4, kunya: 0.75, notes: 0.6, vehicle: 0.3, documentRecord: 0.1, phoneRecord: 0.6 },
    ties: { family: 0.6, associate: 0.75, communication: 0.8, cotravel: 0.5, membership: 0.9, residence: 0.5 },
  }),
  tcu: profile({
    agency: 'tcu', prefix: 'TCU', sources: ['tcu/common-database-ftf', 'tcu/threat-assessments'],
    legalBasis: 'Royal Decree on the common database of foreign terrorist fighters, Art. 6',
    grading: { reliability: { A: 2, B: 5, C: 3, F: 1 }, credibility: { 1: 2, 2: 5, 3: 3 } },
    marking: { tlp: { AMBER: 4, 'AMBER+STRICT': 4, RED: 1 }, classification: { RESTRICTED: 2, CONFIDENTIAL: 5, SECRET: 2 }, handling: { H0: 2, H1: 4, H2: 3 } },
    releasability: [['be'], ['fedpol', 'intel']], assessmentShare: 0.4, retentionYears: [3, 10],
    names: { otherSpelling: 0.2, typo: 0.04, ocr: 0, surnameComma: 0.4, surnameFirst: 0.05, upperCase: 0.5, swappedFields: 0.02, nativeScript: 0.05, particle: 0.2, diacriticsKept: 0.3 },
    fields: { structuredName: 0.95, birthDate: 0.85, partialBirthDate: 0.1, birthPlace: 0.6, nationality: 0.9, gender: 0.95, idNumber: 0.5, passportNumber: 0.3,
      phone: 0.3, email: 0.1, address: 0.6, alias: 0.4, kunya: 0.6, notes: 0.5, vehicle: 0.1, documentRecord: 0.05, phoneRecord: 0.1 },
    ties: { family: 0.5, associate: 0.5, communication: 0.1, cotravel: 0.3, membership: 0.8, residence: 0.4 },
  }),
  border: profile({
    agency: 'border', prefix: 'BP', sources: ['border/api-pnr', 'border/entry-exit-checks', 'border/sis-hits'],
    legalBasis: 'Schengen Borders Code (Regulation (EU) 2016/399), Art. 8; PNR Act, Art. 8',
    grading: { reliability: { A: 7, B: 3 }, credibility: { 1: 7, 2: 3 } },
    marking: { tlp: { GREEN: 4, AMBER: 5 }, classification: { UNCLASSIFIED: 2, RESTRICTED: 7 }, handling: { H0: 8, H1: 2 } },
    releasability: [['ALL'], ['be']], assessmentShare: 0.02, retentionYears: [1, 5],
    names: { otherSpelling: 0.05, typo: 0.02, ocr: 0.08, surnameComma: 0.1, surnameFirst: 0.6, upperCase: 0.9, swappedFields: 0.01, nativeScript: 0, particle: 0.1, diacriticsKept: 0.05 },
    fields: { structuredName: 1, birthDate: 0.98, partialBirthDate: 0.01, birthPlace: 0.3, nationality: 1, gender: 1, idNumber: 0.3, passportNumber: 0.85,
      phone: 0.15, email: 0.2, address: 0.1, alias: 0, kunya: 0, notes: 0.05, vehicle: 0.4, documentRecord: 0.8, phoneRecord: 0 },
    ties: { family: 0.2, associate: 0, communication: 0, cotravel: 0.9, membership: 0, residence: 0.2 },
  }),
  prosecutor: profile({
    agency: 'prosecutor', prefix: 'PROS', sources: ['prosecutor/case-register', 'prosecutor/warrants'],
    legalBasis: 'Code of Criminal Procedure, Art. 28bis and 56',
    grading: { reliability: { A: 8, B: 2 }, credibility: { 1: 8, 2: 2 } },
    marking: { tlp: { GREEN: 2, AMBER: 7, 'AMBER+STRICT': 1 }, classification: { RESTRICTED: 8, CONFIDENTIAL: 2 }, handling: { H0: 9, H1: 1 } },
    releasability: [['ALL'], ['be']], assessmentShare: 0.05, retentionYears: [10, 30],
    names: { ...POLICE_NAMES, otherSpelling: 0.05, typo: 0.03, surnameComma: 0.2, upperCase: 0.6, diacriticsKept: 0.6 },
    fields: { ...POLICE_FIELDS, birthDate: 0.99, idNumber: 0.9, passportNumber: 0.2, phone: 0.1, email: 0, notes: 0.2, vehicle: 0.05, documentRecord: 0.1 },
    ties: { family: 0.3, associate: 0.5, communication: 0.2, cotravel: 0, membership: 0.7, residence: 0.6 },
  }),
  'partner-fr': profile({
    agency: 'partner-fr', prefix: 'FR', sources: ['partner-fr/liaison-exchange', 'partner-fr/fsprt'],
    legalBasis: 'Bilateral police and security cooperation agreement, Art. 4 (third-party rule applies)',
    grading: { reliability: { A: 1, B: 5, C: 3, D: 1 }, credibility: { 1: 1, 2: 4, 3: 3, 4: 2 } },
    marking: { tlp: { AMBER: 2, 'AMBER+STRICT': 6, RED: 2 }, classification: { RESTRICTED: 1, CONFIDENTIAL: 6, SECRET: 3 }, handling: { H1: 2, H2: 4, H3: 4 } },
    releasability: [['intel'], ['intel', 'tcu'], []], assessmentShare: 0.35, retentionYears: [5, 10],
    names: { otherSpelling: 0.35, typo: 0.05, ocr: 0.01, surnameComma: 0.05, surnameFirst: 0.5, upperCase: 0.7, swappedFields: 0.04, nativeScript: 0.1, particle: 0.3, diacriticsKept: 0.4 },
    fields: { structuredName: 0.8, birthDate: 0.8, partialBirthDate: 0.15, birthPlace: 0.7, nationality: 0.8, gender: 0.9, idNumber: 0.3, passportNumber: 0.4,
      phone: 0.5, email: 0.2, address: 0.4, alias: 0.4, kunya: 0.6, notes: 0.5, vehicle: 0.2, documentRecord: 0.3, phoneRecord: 0.4 },
    ties: { family: 0.5, associate: 0.6, communication: 0.5, cotravel: 0.6, membership: 0.8, residence: 0.4 },
  }),
};

export const AGENCY_PROFILE_LIST: readonly AgencyProfile[] = DEMO_AGENCY_IDS.map((id) => AGENCY_PROFILES[id]);
