/**
 * Words of a kind with the indefinite article a sentence gives them: "an analyst", "a legal
 * entity". By the first letter, which is right for every word the model names (roles,
 * schemata); English's exceptions by sound ("an hour", "a user") are none of them.
 */
export function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}
