/**
 * @mosaic/model: schemata, property types, ids, provenance and markings, and the words a person
 * reads for their codes. No module does anything when it is imported (package.json
 * `sideEffects: false`): the web app takes the word tables it uses from here, and its bundle
 * leaves out the rest, which reads the schemata from files (schema.ts) and has no place in a browser.
 */
export * from './ids.ts';
export * from './provenance.ts';
export * from './record.ts';
export * from './errors.ts';
export * from './partial-date.ts';
export * from './countries.ts';
export * from './property-types.ts';
export * from './schema.ts';
export * from './validate-record.ts';
export * from './record-references.ts';
export * from './seeded-random.ts';
export * from './readable-code.ts';
export * from './clearance-words.ts';
export * from './role-words.ts';
export * from './alert-category-words.ts';
export * from './user-names.ts';
export * from './with-article.ts';
export * from './schema-words.ts';
export * from './relation-inverse.ts';
