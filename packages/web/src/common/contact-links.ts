/**
 * A desk's 24/7 contact as links to follow. The contact is free text an administrator writes
 * (the demo's reads "+32 2 555 0500 · duty@intel.mosaic.example"): a telephone number and an
 * e-mail address in one string made one `tel:` link that no telephone could dial. Each part of
 * it is its own link: a number a `tel:` one, an address a `mailto:` one, any other words as
 * written.
 */
export interface ContactLink {
  /** What the link reads, as the contact wrote it. */
  readonly text: string;
  /** Where it leads, or undefined for words that are neither a number nor an address. */
  readonly href?: string;
}

/** Parts of a contact are told apart by a middle dot, a comma, a semicolon, a slash or a bar. */
const SEPARATOR = /\s*[·•,;/|]\s*/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** A telephone number: digits with the usual signs between them, at least five digits. */
const PHONE = /^\+?[\d\s().-]+$/;

export function contactLinks(contact: string): ContactLink[] {
  return contact.split(SEPARATOR).map((part) => part.trim()).filter((part) => part !== '').map((part): ContactLink => {
    if (EMAIL.test(part)) return { text: part, href: `mailto:${part}` };
    if (PHONE.test(part) && part.replace(/\D/g, '').length >= 5) return { text: part, href: `tel:${part.replace(/[^\d+]/g, '')}` };
    return { text: part };
  });
}

/** The first telephone number of a contact, to call; undefined when it names none. */
export function contactPhone(contact: string): ContactLink | undefined {
  return contactLinks(contact).find((link) => link.href?.startsWith('tel:') === true);
}
