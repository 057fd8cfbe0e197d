/**
 * An alert's category as an officer says it, after the categories and their actions of
 * @mosaic/screening (ALERT_ACTIONS, Regulation (EU) 2018/1862): the API and the badges keep the
 * code. A category this version does not know reads as its code.
 */
const WORDS: Readonly<Record<string, string>> = {
  arrest: 'arrest',
  protective: 'protect a missing or vulnerable person',
  refusal_of_entry: 'refuse entry',
  specific_check: 'specific check (search)',
  inquiry_check: 'inquiry check (interview)',
  discreet_check: 'discreet check',
  inform_owner_only: 'inform the owner only',
};

/** alertCategoryWords('discreet_check') is "discreet check". */
export function alertCategoryWords(category: string): string {
  return WORDS[category] ?? category.replace(/_/g, ' ');
}
