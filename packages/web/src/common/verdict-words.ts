/** A judgement's verdict as a person says it: "judged the same", "judged not the same", "judged unsure". */
const WORDS: Readonly<Record<string, string>> = { same: 'the same', not_same: 'not the same', unsure: 'unsure' };

/** The verdict in words; one this version does not know, as the server wrote it. */
export function verdictWords(verdict: string): string {
  return WORDS[verdict] ?? verdict;
}
