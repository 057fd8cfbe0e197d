/**
 * An administrative change refused is said naming the change (one panel's outcome line serves
 * several buttons: disable, enable, reset a password…), then the server's reason; its code is kept
 * on the message for support, not said.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { Outcome } from './outcome.tsx';

const refused = new ApiError(403, 'MOSAIC_FORBIDDEN', 'only a system administrator changes a system administrator\'s account');

describe('Outcome', () => {
  it('names the change the server refused, with its reason, its code out of the sentence', () => {
    const html = renderToStaticMarkup(createElement(Outcome, { error: refused, status: undefined, what: 'disable fedpol.sysadmin' }));
    expect(html).toContain('Could not disable fedpol.sysadmin: only a system administrator changes a system administrator&#x27;s account.');
    expect(html).not.toContain('[MOSAIC_FORBIDDEN]');
    expect(html).toContain('data-code="MOSAIC_FORBIDDEN"');
    expect(html).toContain('role="alert"');
  });

  it('says an error found before anything was sent as it is, and a change done as done', () => {
    expect(renderToStaticMarkup(createElement(Outcome, { error: new Error('Give a reason for change and a change reference first.'), status: undefined, what: 'disable x' }))).toContain('>Give a reason for change and a change reference first.<');
    expect(renderToStaticMarkup(createElement(Outcome, { error: undefined, status: 'x disabled.', what: 'disable x' }))).toContain('role="status" class="notice notice-ok">x disabled.<');
  });
});
