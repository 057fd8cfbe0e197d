/**
 * Why a line is not JSON, without the line's text. V8 quotes a piece of the text in some of its
 * messages (`Unexpected token 'S', "{"name":Salah Abde"... is not valid JSON`), and the text is
 * a record whose values are personal data (see FieldError in @mosaic/model); its other messages
 * name a position only, and are kept.
 */
export function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message === '') return 'is not valid JSON';
  if (/is not valid JSON$/.test(message)) return message.startsWith('Unexpected token') ? 'is not valid JSON (unexpected token)' : 'is not valid JSON';
  return `is not valid JSON (${message})`;
}
