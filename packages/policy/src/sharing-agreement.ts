/**
 * Sharing agreements: an owner agency's standing decision about what a recipient agency (or
 * every agency, 'ALL') gets of the owner's records, by TLP, classification, handling code and
 * data-subject category. Several agreements may match one record; the most specific level wins
 * (those naming the recipient over those for 'ALL'), and within it the most restrictive effect
 * (none over pointer over full), as in XACML's deny-overrides combining: an owner's explicit
 * "no" is never overruled by a broader "yes".
 */
import { rankOf, CLASSIFICATION, type AgencyId, type Brand, type Classification, type DeskId, type Handling, type Provenance, type SubjectCategory, type Tlp } from '@mosaic/model';

export type AgreementId = Brand<string, 'AgreementId'>;
export const AgreementId = (value: string): AgreementId => value as AgreementId;

export const SHARING_EFFECTS = ['full', 'pointer', 'none'] as const;
/** full: the content; pointer: "agency X holds information, call desk Y", nothing else; none: nothing. */
export type SharingEffect = (typeof SHARING_EFFECTS)[number];

export interface SharingConditions {
  readonly tlp: readonly Tlp[];
  readonly maxClassification: Classification;
  readonly handling: readonly Handling[];
  readonly categories: readonly SubjectCategory[];
}

export interface SharingAgreement {
  readonly id: AgreementId;
  readonly owner: AgencyId;
  readonly recipient: AgencyId | 'ALL';
  readonly conditions: SharingConditions;
  readonly effect: SharingEffect;
  /** Tell the owner when a recipient reads, searches or exports a record under this agreement. */
  readonly notifyOwnerOnConsult: boolean;
  /** Tell the owner when a recipient screens against, or is shown a pointer to, such a record. */
  readonly notifyOwnerOnEncounter: boolean;
  /** The desk a pointer names; default the owner agency's contact desk. */
  readonly contactDesk?: DeskId;
}

/** What the agreements between an owner and a recipient say about one record. */
export interface AgreementVerdict {
  readonly effect: SharingEffect;
  /** True when the deciding agreements name the recipient (not 'ALL'): TLP AMBER+STRICT needs it. */
  readonly named: boolean;
  readonly notifyOwnerOnConsult: boolean;
  readonly notifyOwnerOnEncounter: boolean;
  readonly contactDesk: DeskId | undefined;
}

export function conditionsMatch(conditions: SharingConditions, provenance: Provenance): boolean {
  return (
    conditions.tlp.includes(provenance.marking.tlp) &&
    rankOf(CLASSIFICATION, provenance.marking.classification) <= rankOf(CLASSIFICATION, conditions.maxClassification) &&
    conditions.handling.includes(provenance.handling) &&
    conditions.categories.includes(provenance.category)
  );
}

const RESTRICTIVENESS: Readonly<Record<SharingEffect, number>> = { full: 0, pointer: 1, none: 2 };

/** The verdict of the agreements from the record's owner to `recipient`; null when none matches. */
export function agreementVerdict(agreements: readonly SharingAgreement[], recipient: AgencyId, provenance: Provenance): AgreementVerdict | null {
  // One pass: the deciding level is the named one as soon as any named agreement matches.
  let named = false;
  let deciding: SharingAgreement[] = [];
  for (const a of agreements) {
    if (a.owner !== provenance.agency || (a.recipient !== recipient && a.recipient !== 'ALL') || !conditionsMatch(a.conditions, provenance)) continue;
    const isNamed = a.recipient === recipient;
    if (isNamed && !named) {
      named = true;
      deciding = [];
    }
    if (isNamed === named) deciding.push(a);
  }
  if (deciding.length === 0) return null;
  const effect = deciding.reduce<SharingEffect>((worst, a) => (RESTRICTIVENESS[a.effect] > RESTRICTIVENESS[worst] ? a.effect : worst), 'full');
  // Flags and desk come from the agreements that carry the deciding effect; ids order them so the
  // answer does not depend on the order agreements were loaded in.
  const carrying = deciding.filter((a) => a.effect === effect).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    effect,
    named,
    notifyOwnerOnConsult: carrying.some((a) => a.notifyOwnerOnConsult),
    notifyOwnerOnEncounter: carrying.some((a) => a.notifyOwnerOnEncounter),
    contactDesk: carrying.find((a) => a.contactDesk !== undefined)?.contactDesk,
  };
}

/**
 * TLP:GREEN's "community" (FIRST TLP 2.0): here, the agencies that have an agreement sharing
 * something (a pointer or content) with the owner, in either direction, whatever its conditions;
 * an agreement with 'ALL' links its owner with every agency. An agreement sharing nothing links
 * no one. (decide() lets GREEN go to the community only where the owner set no terms of its own
 * for the recipient: see there.)
 */
export function inCommunity(agreements: readonly SharingAgreement[], owner: AgencyId, other: AgencyId): boolean {
  return agreements.some(
    (a) => a.effect !== 'none' && ((a.owner === owner && (a.recipient === other || a.recipient === 'ALL')) || (a.owner === other && (a.recipient === owner || a.recipient === 'ALL'))),
  );
}
