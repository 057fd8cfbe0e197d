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
 * Only literal addresses (and `localhost`, which RFC 6761 reserves for loopback) are judged:
 * names are not resolved, as a name checked now may resolve elsewhere at delivery (DNS
 * rebinding), so a check by lookup would promise more than it holds.
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
  const type = version === 4 ? 'ipv4' : 'ipv6';
  // private first: ::1 lies in the reserved ::/96 too
  if (PRIVATE.check(host, type)) return privateTargets ? undefined : `${url.hostname} is a loopback or private network address: a webhook goes to a public address`;
  if (NEVER.check(host, type)) return `${url.hostname} is a link-local, multicast or reserved address: no webhook goes there`;
  return undefined;
}
