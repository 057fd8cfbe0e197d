/** What a typed reference is: an entity id (e42) or a record id (agency:id); anything else is a name. */
export const isEntityId = (text: string): boolean => /^e\d+$/.test(text);
export const isRecordId = (text: string): boolean => /^[\w.-]+:\S+$/.test(text);
