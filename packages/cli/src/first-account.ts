/**
 * What `mosaic start` says of a store nobody can sign in to (the demo turned off with
 * MOSAIC_DEMO_PERSONS=0, or records ingested into a new store): the commands that make its first
 * agency and system administrator, as README's "Setting up without the demo" gives them. The API
 * lets nobody in without an account, so the command line, acting as its operator, makes the first.
 */

/** `agency`: the store's first agency, when it has one; `storeOption`: ` --data DIR` where the store is not ./data. */
export function firstAccountLines(agency: { readonly id: string; readonly contactDesk: string } | undefined, storeOption: string): string[] {
  const id = agency?.id ?? 'AGENCY';
  const desk = agency?.contactDesk ?? `${id}:duty`;
  return [
    `No account can sign in yet: this store has none. Make the first system administrator, then sign in as ${id}.admin (README: Setting up without the demo):`,
    ...(agency ? [] : [`  npx mosaic agencies add ${id} --name NAME --country CC --desk ${desk} --desk-name "Duty desk" --contact PHONE --purpose "setting up" --case REF${storeOption}`]),
    `  npx mosaic users add admin --agency ${id} --desk ${desk} --role sysadmin --clearance SECRET --password-file FILE --purpose "setting up" --case REF${storeOption}`,
  ];
}
