export { extract } from './extract.ts';
export { extractOffThread, extractTimeoutMs, IN_THREAD_CHARACTERS, type ExtractLimits } from './extract-off-thread.ts';
export { readDocument, DOCUMENT_MEDIA_TYPES, type DocumentMediaType } from './read-document.ts';
export { PDF_WITHOUT_TEXT } from './pdf-problem.ts';
export { nationalToE164 } from './find-contacts.ts';
export { IN_THREAD_BYTES, READ_WAITING_AT_MOST, READ_WORKERS_AT_ONCE, readDocumentOffThread } from './read-document-off-thread.ts';
export { splitSentences, type Sentence } from './sentences.ts';
export { placeGazetteer, resolvePlace, parseCountries, type Place, type Country, type PlaceGazetteer } from './place-gazetteer.ts';
export { GIVEN_NAMES } from './data/given-names.ts';
export {
  ENTITY_SCHEMATA, RELATION_TYPES, SYMMETRIC_RELATIONS,
  type EntitySchema, type RelationType, type Mention, type ExtractedEntity, type Evidence, type ExtractedRelation,
  type ExtractResult, type ExtractOptions,
} from './types.ts';
