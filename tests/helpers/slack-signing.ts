// Real Slack request signing (v0 HMAC-SHA256 over `v0:{timestamp}:{raw body}`), and the three body formats
// Slack sends: slash commands as a form, events as JSON, interactions as `payload=<json>` in a form.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  /** Seconds; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (or drop it with null). */
  signature?: string | null;
  retryNum?: number;
  retryReason?: string;
}

export type ContentType = 'application/json' | 'application/x-www-form-urlencoded';

export async function postSigned(url: string, body: string, contentType: ContentType, options: SendOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp) };
  const sig = options.signature === undefined ? signature(options.secret ?? SIGNING_SECRET, timestamp, body) : options.signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function interactionBody(payload: unknown): string {
  return formBody({ payload: JSON.stringify(payload) });
}
