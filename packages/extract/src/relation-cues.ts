/**
 * The words by which a report in French or Dutch states a relation, one list per language, from
 * which find-relations builds its patterns the way it builds the English ones: a meeting ("a
 * rencontré", "ontmoette"), a journey ("s'est rendue en", "est revenu de", "reisde naar"), a
 * vehicle one owns ("possède une Peugeot immatriculée"). Each list is written as words, an
 * underscore standing for a space and an apostrophe for either apostrophe (' or ’); the
 * patterns read them as alternatives, longest first, bounded by non-letters (a word ending in
 * "é" has no \b after it). The pre-test that a text may hold one of them is made of the lists'
 * words too, whole words as well: a stem ("parti", "allé", "reis") fired inside longer words
 * ("particulier", "allégation", "reisbureau").
 */

/** What find-relations needs of one language: regular-expression sources, each a set of alternatives. */
export interface RelationCues {
  /** Words between two persons, the first having met the second ("a rencontré", "s'est entretenu avec"). */
  readonly met: string;
  /** Verbs of a journey, before the preposition of its end. */
  readonly travelled: string;
  /** The preposition (and article) before the place a journey went to. */
  readonly to: string;
  /** The preposition (and article) before the place a journey came from. */
  readonly from: string;
  /** A verb that names the place left, right before it ("a quitté la Belgique"). */
  readonly left: string;
  /** Verbs and nouns of owning a vehicle. */
  readonly owns: string;
  /** The cue word before a plate, with what may follow it up to the plate. */
  readonly plate: string;
  /**
   * A whole word of each phrase of `met`, `travelled`, `left`, `owns` and `plate` (its longest but
   * an auxiliary or preposition), bounded by non-letters, for the pre-test that a pair's text may hold a relation at all: every
   * pattern built of these lists holds one of them, and a text holding none is not matched further.
   */
  readonly trigger: string;
}

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phrases = (block: string): string[] => block.split(/\s+/).filter((w) => w.length > 0);
/** A list of phrases as alternatives of a pattern, longest first. */
function alternatives(block: string): string {
  return phrases(block)
    .sort((a, b) => b.length - a.length)
    .map((p) => escape(p).replace(/_/g, '\\s').replace(/'/g, "['’]"))
    .join('|');
}

/** The auxiliaries and prepositions of the phrases, common words that would make a poor pre-test. */
const FUNCTION_WORDS = new Set(['s', 'se', 'est', 'sont', 'était', 'étaient', 'avec', 'à', 'en', 'de', 'le', 'l', 'had', 'een', 'met', 'werd']);

/** The longest word but a function word of each phrase of the lists, once each, as a pattern of whole words. */
function triggerOf(blocks: readonly string[]): string {
  const words = new Set(blocks.flatMap(phrases).map((p) =>
    p.split(/[_']/).filter((w) => !FUNCTION_WORDS.has(w)).reduce((a, b) => (b.length > a.length ? b : a), '')));
  return `(?<!\\p{L})(?:${alternatives([...words].join(' '))})(?!\\p{L})`;
}

function cues(lists: { met: string; travelled: string; to: string; from: string; left: string; owns: string; plate: string }): RelationCues {
  return {
    met: alternatives(lists.met),
    travelled: alternatives(lists.travelled),
    to: alternatives(lists.to),
    from: alternatives(lists.from),
    left: alternatives(lists.left),
    owns: alternatives(lists.owns),
    plate: `(?:${alternatives(lists.plate)})(?:\\s(?:n°|no\\.?|nr\\.?|numéro|nummer))?:?\\s\\(?`,
    trigger: triggerOf([lists.met, lists.travelled, lists.left, lists.owns, lists.plate]),
  };
}

/** French: past participles after their auxiliary (which the pattern's filler takes), agreeing or not. */
export const FRENCH: RelationCues = cues({
  met: `rencontré rencontrée rencontrés rencontrées rencontre rencontrait rencontraient retrouvé retrouvée
    entretenu_avec entretenue_avec entretenus_avec entretenues_avec réuni_avec réunie_avec réunis_avec
    vu_avec vue_avec aperçu_avec aperçue_avec rendu_visite_à en_compagnie_de`,
  // "rendu" alone is also "given back" ("a rendu sa voiture à Lyon"): a journey only reflexive.
  travelled: `s'est_rendu s'est_rendue se_sont_rendus se_sont_rendues s'était_rendu s'était_rendue s'étaient_rendus
    s'étaient_rendues se_rend se_rendait se_rendra quitté quittée voyagé voyageait voyageaient parti partie partis parties allé allée allés
    allées arrivé arrivée arrivés arrivées revenu revenue revenus revenues rentré rentrée rentrés rentrées retourné
    retournée retournés retournées fui enfui enfuie envolé envolée pris_l'avion pris_le_train pris_le_bus`,
  to: `en_ au_ aux_ à_ vers_ pour_ jusqu'en_ à_la_ à_l' vers_la_ vers_le_ vers_les_ vers_l' pour_la_ pour_le_ pour_les_
    pour_l'`,
  from: `de_ du_ des_ d' de_la_ de_l' depuis_ depuis_la_ depuis_le_ depuis_les_ depuis_l'`,
  left: `quitté_ quitté_la_ quitté_le_ quitté_les_ quitté_l' quittée_ quittée_la_ quittée_le_ quittée_les_ quittée_l'`,
  owns: `possède possédait propriétaire copropriétaire acheté achète achetait`,
  plate: `immatriculé immatriculée immatriculation plaque plaques`,
});

/** Dutch: the verb second in a main clause, so that it stands between the person and the other end. */
export const DUTCH: RelationCues = cues({
  met: `ontmoette ontmoetten had_een_ontmoeting_met sprak_met spraken_met werd_gezien_met`,
  travelled: `reisde reisden vloog vlogen vertrok vertrokken ging gingen keerde keerden kwam kwamen`,
  to: `naar_ naar_het_ naar_de_`,
  from: `uit_ vanuit_ van_`,
  left: `verliet_ verliet_het_ verliet_de_`,
  owns: `bezit bezat eigenaar`,
  plate: `kenteken nummerplaat nummerplaten`,
});
