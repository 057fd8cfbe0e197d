/**
 * The POST of a webhook delivery, over node:http(s), connecting only where the operator's rule
 * lets a webhook go (webhook-target.ts). The URL's host name is resolved as the connection is
 * made, every address it gives is judged, and the connection goes to the address judged: no
 * second lookup, which the name's DNS could answer otherwise (DNS rebinding), comes between the
 * check and the connection (OWASP SSRF prevention cheat sheet). A name that gave a public address
 * when the webhook was saved and gives a private one now is refused. Redirects are not followed
 * (a 3xx answer is a failed delivery): a receiver could otherwise send the request on inside the
 * network. A literal address in the URL is judged before (webhooks.ts): no lookup is made for it.
 */
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { webhookAddressProblem, type WebhookTargetRule } from './webhook-target.ts';

/** The connection was refused before it was made: the name resolved to an address no webhook may go to. */
export class WebhookTargetRefused extends Error {
  override readonly name = 'WebhookTargetRefused';
}

export interface WebhookPostInit {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly signal: AbortSignal;
}

export interface WebhookAnswer {
  readonly ok: boolean;
  readonly status: number;
}

/** Sends one delivery; rejects when no answer came (WebhookTargetRefused when the target was refused). */
export type WebhookPost = (url: string, init: WebhookPostInit) => Promise<WebhookAnswer>;

/** A lookup for net.connect that answers only when every address the name resolves to is one the rule allows. */
export function checkedLookup(rule: WebhookTargetRule, lookup: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, '');
      const addresses = found as LookupAddress[];
      // one forbidden address refuses the name: which of them a connection would use is not ours to say
      const refused = addresses.map((a) => webhookAddressProblem(a.address, rule)).find((problem) => problem !== undefined);
      const [first] = addresses;
      if (refused !== undefined || first === undefined) return callback(new WebhookTargetRefused(`webhook target refused: ${refused ?? 'the name resolves to no address'}`), '');
      return options.all ? callback(null, addresses) : callback(null, first.address, first.family);
    });
  };
}

/** A WebhookPost under the rule; its connections are kept open between deliveries (a receiver of a busy checkpoint's notices). */
export function webhookPost(rule: WebhookTargetRule, lookup?: LookupFunction): WebhookPost {
  const options = { keepAlive: true, timeout: 5000, lookup: checkedLookup(rule, lookup) };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return (url, { headers, body, signal }) => new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST', agent: secure ? https : http, signal, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 300, status });
    });
    request.once('error', reject);
    request.end(body);
  });
}
