/**
 * How a tie reads from its other end. A relation's label reads from its source's side: a Family
 * record of Nadia whose relative is Yassin, relationship "brother", says that Yassin is her
 * brother, so from his side she is his sister (his sibling, where her gender is not known to
 * the reader). The kinship words are the Family schema's relationship values
 * (schemata/Family.json, whose test keeps this table covering each of them); the schemata's edge
 * labels read as a verb from their source ("owns") and are read back by their counterpart
 * ("owned by"). Any other word (an associate's "travelled with", a membership's role "leader")
 * is not known to read from the other end (hasInverse): it reads as it is, and the graph keeps
 * such a tie as stored rather than turn it round.
 */

/** A word for a relative, by that relative's gender (Person.gender); `other` where it is neither known male nor female. */
interface Gendered {
  readonly male: string;
  readonly female: string;
  readonly other: string;
}

const SIBLING: Gendered = { male: 'brother', female: 'sister', other: 'sibling' };
const CHILD: Gendered = { male: 'son', female: 'daughter', other: 'child' };
const PARENT: Gendered = { male: 'father', female: 'mother', other: 'parent' };
const NEPHEW: Gendered = { male: 'nephew', female: 'niece', other: 'nephew or niece' };
const UNCLE: Gendered = { male: 'uncle', female: 'aunt', other: 'uncle or aunt' };

/** Each Family relationship, the word its relative reads the record's person by. */
export const KINSHIP_INVERSES: Readonly<Record<string, Gendered>> = Object.freeze({
  brother: SIBLING, sister: SIBLING, sibling: SIBLING,
  father: CHILD, mother: CHILD, parent: CHILD,
  son: PARENT, daughter: PARENT, child: PARENT,
  uncle: NEPHEW, aunt: NEPHEW,
  nephew: UNCLE, niece: UNCLE,
  cousin: { male: 'cousin', female: 'cousin', other: 'cousin' },
  spouse: { male: 'spouse', female: 'spouse', other: 'spouse' },
  other: { male: 'other', female: 'other', other: 'other' },
});

/** The schemata's edge labels (and the graph's own: "holds"), each with how its target reads it. */
const VERB_PAIRS: readonly (readonly [string, string])[] = [
  ['owns', 'owned by'],
  ['holds', 'held by'],
  ['member of', 'has member'],
  ['works for', 'employs'],
  ['lives at', 'home of'],
  ['called', 'called by'],
];
const VERB_INVERSES: ReadonlyMap<string, string> = new Map(VERB_PAIRS.flatMap(([a, b]) => [[a, b], [b, a]]));

/**
 * Whether a label has a reading from the tie's other end (a kinship word or a verb of a pair):
 * any other label (a membership's role, an associate's free-text relationship) says how the
 * source stands to the target and reads only from the source.
 */
export function hasInverse(label: string): boolean {
  return Object.hasOwn(KINSHIP_INVERSES, label) || VERB_INVERSES.has(label);
}

/**
 * inverseRelation('brother', 'female') is "sister": the tie read from its target's side, given
 * the gender of the source (the one it now names) where the reader knows it.
 * inverseRelation('owns') is "owned by"; a word not in either table reads as it is.
 */
export function inverseRelation(label: string, sourceGender?: string): string {
  const kin = KINSHIP_INVERSES[label];
  if (kin !== undefined) return sourceGender === 'male' ? kin.male : sourceGender === 'female' ? kin.female : kin.other;
  return VERB_INVERSES.get(label) ?? label;
}
