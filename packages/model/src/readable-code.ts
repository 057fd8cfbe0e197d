/**
 * A code this version has no words for, made readable rather than shown as the server wrote it
 * or left blank: "firstName" reads "First name", "shared-document" "Shared document",
 * "TOP_SECRET" "Top secret", "watch.case-closed" "Watch case closed". Each kind of code has its
 * own words (clearance-words.ts, role-words.ts, and the web app's relation words…); this is what
 * they fall back on.
 */
export function readableCode(code: string): string {
  const words = code.replace(/([a-z\d])([A-Z])/g, '$1 $2').split(/[\s_.-]+/).filter((word) => word !== '');
  const text = words.join(' ').toLowerCase();
  return text === '' ? (code.trim() === '' ? '—' : code) : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
