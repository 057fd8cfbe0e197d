/**
 * Why a PDF could not be read, in plain words: pdf.js says `Invalid PDF structure.` of a file that
 * is no PDF, of one cut short and of one damaged alike, and `No password given` of one saved with
 * a password, and the one who sent the file is told what is wrong with it. The reason is told by
 * pdf.js's error (its class's name: PasswordException, InvalidPDFException) and, for a structure it
 * could not read, by the file itself: a PDF begins with `%PDF-` (in its first kilobyte, where
 * pdf.js looks for it) and a PDF written whole ends with `%%EOF` after its cross-reference table,
 * which pdf.js rebuilds from the objects when it is damaged but not when the file stops short.
 */

/** How far into a file pdf.js looks for the signature, and how far from its end a whole PDF's end-of-file marker stands (PDF 32000-1, 7.5.5). */
const NEAR = 1024;

const holds = (bytes: Uint8Array, text: string): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');

/** `is not a valid PDF document (reason)` for an error met reading `bytes` as a PDF that is not an AppError. */
export function pdfProblem(error: unknown, bytes: Uint8Array): string {
  const name = error instanceof Error ? error.name : '';
  const reason = bytes.byteLength === 0 ? 'the file is empty'
    : !holds(bytes.subarray(0, NEAR), '%PDF-') ? 'it does not begin as a PDF does, with %PDF-: another kind of file named .pdf'
      : name === 'PasswordException' ? 'it is protected by a password: save it again without one'
        : !holds(bytes.subarray(Math.max(0, bytes.byteLength - NEAR)), '%%EOF') ? 'it is cut short: it lacks the end of file (%%EOF) a whole PDF ends with; copy it again from where it came'
          : 'its structure is damaged and could not be read: the file may be corrupted';
  return `is not a valid PDF document (${reason})`;
}

/**
 * What a PDF giving no text is refused with: its pages are images (a scan, a photograph of a
 * page) or drawings, with no text layer to read, and a report is read for the words in it.
 */
export const PDF_WITHOUT_TEXT = 'holds no text: a PDF whose pages are images, as a scanned document\'s are, has no text layer to read; run text recognition (OCR) on it and send the PDF it makes';
