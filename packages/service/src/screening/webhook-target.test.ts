import { describe, expect, it } from 'vitest';
import { isWebhookTarget, webhookAddressProblem, webhookTargetProblem } from './webhook-target.ts';

const problem = (url: string, privateTargets?: boolean) => webhookTargetProblem(new URL(url), privateTargets === undefined ? {} : { privateTargets });

describe('webhookTargetProblem', () => {
  it('takes an https URL to a public name or address', () => {
    for (const url of ['https://hooks.intel.example/mosaic', 'https://203.0.113.7/hook', 'https://[2001:db8::1]/hook', 'https://8.8.8.8:8443/']) expect(problem(url)).toBeUndefined();
  });

  it('refuses plain http', () => {
    expect(problem('http://hooks.intel.example/mosaic')).toBe('https only');
  });

  it('refuses loopback and private addresses, in IPv4, IPv6 and the spellings a URL normalises', () => {
    for (const url of [
      'https://127.0.0.1/', 'https://127.1/', 'https://2130706433/', 'https://0x7f.0.0.1/', 'https://10.0.0.1/', 'https://172.16.5.4/', 'https://192.168.1.10/',
      'https://100.64.0.1/', 'https://[::1]/', 'https://[0:0:0:0:0:0:0:1]/', 'https://[fd12:3456::1]/', 'https://[::ffff:127.0.0.1]/', 'https://[::ffff:10.0.0.1]/',
      'https://localhost/', 'https://LOCALHOST./', 'https://hooks.localhost/',
    ]) expect(problem(url), url).toMatch(/is a loopback (or private network )?address: a webhook goes to a public address$/);
  });

  it('refuses link-local (cloud metadata), multicast, unspecified and reserved addresses', () => {
    for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://[::ffff:169.254.169.254]/', 'https://[fe80::1]/', 'https://0.0.0.0/', 'https://224.0.0.1/', 'https://255.255.255.255/', 'https://[ff02::1]/', 'https://[::]/']) {
      expect(problem(url), url).toMatch(/is a link-local, multicast or reserved address: no webhook goes there$/);
    }
  });

  it('lets an operator who allows private targets point a webhook inside the network, over http too, but never at link-local addresses', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'https://10.0.0.1/', 'http://[::1]/', 'http://localhost/', 'http://receiver.internal/']) expect(problem(url, true), url).toBeUndefined();
    expect(problem('http://169.254.169.254/', true)).toMatch(/link-local/);
    expect(problem('https://[fe80::1]/', true)).toMatch(/link-local/);
    // nor at one through the NAT64 prefix (RFC 6052), which a gateway inside the network translates to it
    for (const url of ['http://[64:ff9b::169.254.169.254]/', 'http://[64:ff9b::a9fe:1]/', 'http://[64:ff9b::0.0.0.0]/', 'http://[64:ff9b::224.0.0.1]/']) expect(problem(url, true), url).toMatch(/link-local/);
    expect(webhookAddressProblem('64:ff9b::a9fe:a9fe', { privateTargets: true })).toMatch(/link-local/);
    expect(problem('http://[64:ff9b::10.0.0.1]/', true)).toBeUndefined();
  });
});

describe('webhookAddressProblem', () => {
  it('judges an address a name resolved to as a literal one in the URL', () => {
    for (const address of ['203.0.113.7', '2001:db8::1']) expect(webhookAddressProblem(address), address).toBeUndefined();
    for (const address of ['127.0.0.1', '10.0.0.5', '::1', '::ffff:127.0.0.1']) expect(webhookAddressProblem(address), address).toMatch(/is a loopback or private network address/);
    expect(webhookAddressProblem('10.0.0.5', { privateTargets: true })).toBeUndefined();
    expect(webhookAddressProblem('169.254.169.254', { privateTargets: true })).toMatch(/link-local/);
    expect(webhookAddressProblem('hooks.intel.example')).toBe('hooks.intel.example is no IP address');
  });
});

describe('isWebhookTarget', () => {
  it('judges a stored URL as a delivery does: http or https, and nowhere the rule refuses', () => {
    expect(isWebhookTarget('https://hooks.intel.example/mosaic')).toBe(true);
    for (const url of ['not a URL', 'ftp://hooks.intel.example/', 'http://hooks.intel.example/', 'https://10.0.0.1/', 'https://169.254.169.254/']) expect(isWebhookTarget(url), url).toBe(false);
    expect(isWebhookTarget('http://10.0.0.1:8080/hook', { privateTargets: true })).toBe(true);
  });
});
