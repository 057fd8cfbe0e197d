/**
 * Why a DOCX could not be read, in plain words: what read-zip.ts and mammoth raise names their own
 * workings (`zip: no end of central directory`, `Could not find main document part. Are you sure
 * this is a valid .docx file?`), and the one who sent the file is told what is wrong with it. The
 * reason is told by the archive's fault (ZipUnreadable) or, for mammoth, by the part it looked for.
 */
import { ZipUnreadable, type ZipFault } from './read-zip.ts';

const FAULTS: Readonly<Record<ZipFault, (part: string | undefined) => string>> = {
  'not-zip': () => 'it is not a ZIP archive, as a DOCX is: another kind of file named .docx, or one cut short',
  directory: () => 'its ZIP archive\'s list of parts is damaged: the file may be cut short or corrupted',
  part: (part) => `${part === undefined ? 'a part of it' : `its part ${part}`} is damaged and cannot be unzipped: the file may be corrupted`,
  encrypted: () => 'it is encrypted: save it again without a password',
  zip64: () => 'it is a ZIP64 archive, which no DOCX of a report\'s size is',
};

/**
 * mammoth's refusal of an archive without the document part its relationships (else
 * word/document.xml) name: the only one of its errors that says what the file lacks.
 */
const NO_MAIN_DOCUMENT = /^Could not find main document part/;

/**
 * The signature of an OLE compound file: what Word writes for a .docx saved with a password (the
 * encrypted package inside it; ZIP's own encryption, `encrypted`, it never uses) and for a Word
 * 97-2003 document, a .doc, which a file renamed .docx is.
 */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** `is not a valid DOCX document (reason)` for an error met reading `bytes` as a DOCX that is not an AppError. */
export function docxProblem(error: unknown, bytes: Uint8Array): string {
  const ole = OLE_SIGNATURE.every((byte, i) => bytes[i] === byte);
  const reason = error instanceof ZipUnreadable && error.fault === 'not-zip' && ole ? 'it is protected by a password, or is a Word 97-2003 document named .docx: save it again as a .docx document, without a password'
    : error instanceof ZipUnreadable ? FAULTS[error.fault](error.part)
    : error instanceof Error && NO_MAIN_DOCUMENT.test(error.message) ? 'it holds no document part, word/document.xml'
      : 'its parts could not be read as a Word document\'s: the file may be damaged';
  return `is not a valid DOCX document (${reason})`;
}
