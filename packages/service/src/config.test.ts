import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

const trustProxyOf = (trustProxy: string | boolean | readonly string[] | undefined) => parseConfig({ trustProxy }, '/srv').trustProxy;

describe('parseConfig: trustProxy (MOSAIC_TRUST_PROXY)', () => {
  it('trusts no proxy unless told: unset, empty or false', () => {
    expect(parseConfig({}, '/srv').trustProxy).toBe(false);
    for (const none of ['', '  ', 'false', 'FALSE', false]) expect(trustProxyOf(none)).toBe(false);
  });

  it('trusts whatever connects with true, or the addresses, subnets and named ranges listed', () => {
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf(' True ')).toBe(true);
    expect(trustProxyOf('10.0.0.1')).toEqual(['10.0.0.1']);
    expect(trustProxyOf(' 10.0.0.0/8, 192.168.1.7 ,FD00::/8,::1, loopback,uniquelocal')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1', 'loopback', 'uniquelocal']);
  });

  it('reads back the list it made, as a serving node parses the primary\'s configuration', () => {
    const config = parseConfig({ trustProxy: '10.0.0.0/8,loopback' }, '/srv');
    expect(parseConfig(JSON.parse(JSON.stringify(config)) as typeof config, '/srv').trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
  });

  it('refuses what is no address, subnet or named range, naming each', () => {
    for (const [given, named] of [
      ['proxy.example', '"proxy.example"'],
      ['10.0.0.0/33', '"10.0.0.0/33"'],
      ['::/129', '"::/129"'],
      ['10.0.0.0/8/1', '"10.0.0.0/8/1"'],
      ['10.0.0.0/', '"10.0.0.0/"'],
      ['1', '"1"'],
      ['10.0.0.1,,10.0.0.2', '""'],
      ['10.0.0.1, yes, 300.1.1.1', '"yes", "300.1.1.1"'],
    ] as const) {
      expect(() => trustProxyOf(given), given).toThrow(expect.objectContaining({ code: 'MOSAIC_INVALID_CONFIG', message: expect.stringMatching(new RegExp(`^config: trustProxy must be true, false, or a comma-separated list .*, not ${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)) }));
    }
  });
});
