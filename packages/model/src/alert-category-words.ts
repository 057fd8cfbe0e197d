/**
 * An alert's category as an officer says it, after the categories and their actions of
 * @mosaic/screening (ALERT_CATEGORIES and ALERT_ACTIONS, Regulation (EU) 2018/1862, whose test
 * keeps this table equal to them): in the web app, and in the title of a notice of a hit on an
 * alert, which a person reads ("Hit on your alert: discreet check", not REPORT_COVERTLY). Each
 * category implies one action code, so its words say the action too. The API, the badges and a
 * notice's body keep the codes. Lower case: the words stand inside a sentence.
 */

/** Each category of @mosaic/screening's ALERT_CATEGORIES in words, in its order. */
export const ALERT_CATEGORY_WORDS: Readonly<Record<string, string>> = Object.freeze({
  arrest: 'arrest',
  protective: 'protect a missing or vulnerable person',
  refusal_of_entry: 'refuse entry',
  specific_check: 'specific check (search)',
  inquiry_check: 'inquiry check (interview)',
  discreet_check: 'discreet check',
  inform_owner_only: 'inform the owner only',
});

/** alertCategoryWords('discreet_check') is "discreet check"; a category this version does not know reads as its code, spaced. */
export function alertCategoryWords(category: string): string {
  return ALERT_CATEGORY_WORDS[category] ?? category.replace(/_/g, ' ');
}
