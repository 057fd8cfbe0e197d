import { describe, expect, it } from 'vitest';
import { contactLinks, contactPhone } from './contact-links.ts';

describe('contactLinks', () => {
  it('makes a number a tel: link and an address a mailto: link, apart', () => {
    expect(contactLinks('+32 2 555 0500 · duty@intel.mosaic.example')).toEqual([
      { text: '+32 2 555 0500', href: 'tel:+3225550500' },
      { text: 'duty@intel.mosaic.example', href: 'mailto:duty@intel.mosaic.example' },
    ]);
  });

  it('keeps words that are neither as written, without a link', () => {
    expect(contactLinks('Duty officer, (022) 555-01.23')).toEqual([
      { text: 'Duty officer' },
      { text: '(022) 555-01.23', href: 'tel:0225550123' },
    ]);
    expect(contactLinks('ask the front desk')).toEqual([{ text: 'ask the front desk' }]);
  });

  it('finds the number to call, or none', () => {
    expect(contactPhone('duty@fedpol.mosaic.example; +41 58 000 00 00')).toEqual({ text: '+41 58 000 00 00', href: 'tel:+41580000000' });
    expect(contactPhone('duty@fedpol.mosaic.example')).toBeUndefined();
  });
});
