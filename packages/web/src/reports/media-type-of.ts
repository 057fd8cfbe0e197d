/**
 * The media type a report file is sent as: the one its name gives among the kinds the upload form
 * offers, else the browser's, else plain text. The name comes first because the browser's type
 * is not one the server reads for every name the form offers: Chromium calls a .md file
 * text/markdown, which was sent as such and refused as an unsupported media type.
 */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain', text: 'text/plain', md: 'text/plain', html: 'text/html', htm: 'text/html', pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The file names the upload form's chooser offers. */
export const REPORT_FILE_ACCEPT = Object.keys(MEDIA_TYPES).map((extension) => `.${extension}`).join(',');

export function mediaTypeOf(file: Pick<File, 'name' | 'type'>): string {
  const extension = file.name.includes('.') ? file.name.split('.').pop()?.toLowerCase() ?? '' : '';
  return MEDIA_TYPES[extension] || file.type || 'text/plain';
}
