/**
 * Countries by name: a value the model types as `country` (a nationality, a jurisdiction) is
 * stored as its ISO 3166 code ("be") and shown as the country ("Belgium"), the code kept in a
 * title. The names are the browser's CLDR data (Intl.DisplayNames), which the server's
 * countryName reads too.
 */
const names = new Intl.DisplayNames(['en'], { type: 'region' });

/** countryName('be') is "Belgium"; a value that is no region code is given back as it is. */
export function countryName(code: string): string {
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
