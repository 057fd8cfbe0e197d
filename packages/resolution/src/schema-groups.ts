/**
 * Which records may be the same entity: only records of one group are ever compared. Persons
 * with persons; organisation-like schemata with each other (FtM's LegalEntity family). Other
 * schemata (relationships, events, addresses...) are not resolved: each stays its own entity.
 */
const GROUPS: Readonly<Record<string, string>> = {
  Person: 'person',
  LegalEntity: 'organization',
  Organization: 'organization',
  Company: 'organization',
  PublicBody: 'organization',
};

export function schemaGroup(schema: string): string | undefined {
  return GROUPS[schema];
}
