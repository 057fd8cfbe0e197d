import { href } from '../routing/use-hash-route.ts';

/** What a typed reference is: an entity id (e42) or a record id (agency:id); anything else is a name. */
export const isEntityId = (text: string): boolean => /^e\d+$/.test(text);
export const isRecordId = (text: string): boolean => /^[\w.-]+:\S+$/.test(text);

/** Entities are the network's nodes; a node that is a record (an address, a phone) opens as one. */
export const profileHref = (id: string): string => (id.includes(':') ? href('profile', 'record', id) : href('profile', 'entity', id));
