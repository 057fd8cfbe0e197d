/**
 * Where a webhook may point. Mosaic itself makes the request, from inside the deployment's
 * network, so a URL naming an address there would have the server call it on an agency
 * administrator's behalf — the cloud's metadata service (169.254.169.254), the node itself
 * (127.0.0.1), the database's network (10.0.0.0/8…): server-side request forgery (OWASP SSRF
 * prevention cheat sheet). A webhook is therefore https, to a public address, unless the
 * operator allows private targets (config `webhookPrivateTargets`) for a receiver of their own
 * inside the network, which may then be plain http too. Link-local, multicast, unspecified and
 * reserved addresses are refused even then: no receiver lives there, a metadata service does.
 *
 * When a webhook is saved, only literal addresses (and `localhost`, which RFC 6761 reserves for
 * loopback) are judged: a name is not resolved then, as it may resolve elsewhere at delivery (DNS
 * rebinding), so a check by lookup would promise more than it holds. Every delivery judges the
 * URL again, under the operator's rule as it is then (a webhook saved before these checks, or by
 * setWebhook, meets them too), and the addresses its name resolves to when the connection is made
 * (webhook-post.ts).
 */
import { BlockList, isIP } from 'node:net';

function blockList(ipv4: readonly string[], ipv6: readonly string[]): BlockList {
  const list = new BlockList();
  for (const [type, subnets] of [['ipv4', ipv4], ['ipv6', ipv6]] as const) {
    for (const subnet of subnets) {
      const [address = '', prefix = ''] = subnet.split('/');
      list.addSubnet(address, Number(prefix), type);
    }
  }
  return list;
}

/** Inside a deployment's network (RFC 1918, 6598, 2544, 4193; loopback; NAT64 to such addresses): an operator may allow them. IPv4-mapped IPv6 addresses are judged as their IPv4 address. */
const PRIVATE = blockList(
  ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '198.18.0.0/15'],
  ['::1/128', 'fc00::/7', 'fec0::/10', '64:ff9b::/96', '64:ff9b:1::/48'],
);

/** Where no receiver lives (RFC 6890): link-local (cloud metadata), multicast, unspecified, reserved, IPv4-compatible IPv6. */
const NEVER = blockList(
  ['0.0.0.0/8', '169.254.0.0/16', '192.0.0.0/24', '224.0.0.0/4', '240.0.0.0/4'],
  ['::/96', 'fe80::/10', 'ff00::/8'],
);

/**
 * NEVER's IPv4 ranges written in the well-known NAT64 prefix 64:ff9b::/96 (RFC 6052): a NAT64
 * gateway inside the network translates 64:ff9b::a9fe:a9fe to 169.254.169.254, so such an address
 * is judged as the one it embeds, before the prefix itself is taken as a private one.
 */
const NEVER_THROUGH_NAT64 = blockList([], ['64:ff9b::/104', '64:ff9b::a9fe:0/112', '64:ff9b::c000:0/120', '64:ff9b::e000:0/100', '64:ff9b::f000:0/100']);

export interface WebhookTargetRule {
  /** The operator allows receivers inside the deployment's network, over plain http too. */
  readonly privateTargets?: boolean;
}

/** Why `url` is no webhook target under the rule, or undefined when it is one; the scheme must already be http or https. */
export function webhookTargetProblem(url: URL, { privateTargets = false }: WebhookTargetRule = {}): string | undefined {
  if (url.protocol !== 'https:' && !privateTargets) return 'https only';
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const version = isIP(host);
  if (version === 0) {
    if (host !== 'localhost' && !host.endsWith('.localhost')) return undefined;
    return privateTargets ? undefined : `${url.hostname} is a loopback address: a webhook goes to a public address`;
  }
  return addressProblem(host, version, url.hostname, privateTargets);
}

/** Why a webhook may not connect to `address` (an IP address a name resolved to) under the rule, or undefined when it may. */
export function webhookAddressProblem(address: string, { privateTargets = false }: WebhookTargetRule = {}): string | undefined {
  const version = isIP(address);
  return version === 0 ? `${address} is no IP address` : addressProblem(address, version, address, privateTargets);
}

function addressProblem(address: string, version: number, shown: string, privateTargets: boolean): string | undefined {
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (type === 'ipv6' && NEVER_THROUGH_NAT64.check(address, type)) return `${shown} is a link-local, multicast or reserved address: no webhook goes there`;
  // private first: ::1 lies in the reserved ::/96 too
  if (PRIVATE.check(address, type)) return privateTargets ? undefined : `${shown} is a loopback or private network address: a webhook goes to a public address`;
  if (NEVER.check(address, type)) return `${shown} is a link-local, multicast or reserved address: no webhook goes there`;
  return undefined;
}

/** Whether a stored webhook URL may be sent to under the rule: http or https, and nowhere webhookTargetProblem refuses. */
export function isWebhookTarget(url: string, rule: WebhookTargetRule = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && webhookTargetProblem(parsed, rule) === undefined;
}
