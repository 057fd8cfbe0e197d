import { describe, expect, it } from 'vitest';
import { mediaTypeOf } from './media-type-of.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the media type a report file is sent as', () => {
  it('is the one its name gives among those the form offers, whatever the browser calls it', () => {
    // Chromium names a .md file text/markdown, which the server does not read: the form offers .md as plain text
    expect(mediaTypeOf({ name: 'notes.md', type: 'text/markdown' })).toBe('text/plain');
    expect(mediaTypeOf({ name: 'Notes.TXT', type: '' })).toBe('text/plain');
    expect(mediaTypeOf({ name: 'page.htm', type: 'text/html' })).toBe('text/html');
    expect(mediaTypeOf({ name: 'report.pdf', type: '' })).toBe('application/pdf');
    expect(mediaTypeOf({ name: 'report.docx', type: '' })).toBe(DOCX);
  });

  it('is the browser\'s for a name the form does not know, and plain text when it has none', () => {
    expect(mediaTypeOf({ name: 'scan.png', type: 'image/png' })).toBe('image/png');
    expect(mediaTypeOf({ name: 'README', type: '' })).toBe('text/plain');
  });
});
