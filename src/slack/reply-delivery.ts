// Replies to someone who asked, and what happens when Slack fails. No reply is lost to a transient Slack error
// (issue 10). Through a response_url (/tradeoff, the message shortcut, a nudge's "Show a rewrite", and the answer to
// every button on a message: "Mute for today", Helpful / Not helpful):
//
// 1. the response_url, retried on 5xx, 429 and network errors with the quick policy (retry.ts);
// 2. then chat.postEphemeral in the same channel (web-api retries it with the same policy);
// 3. then the person's DM with the bot, saying why the reply is there;
// 4. when all three failed and some failure was transient, the whole chain again in the background, with web-api's
//    slow policy, for as long as the response_url lives (30 minutes).
//
// A reply in the DM with the bot (someone wrote to it) gets the same background retries after the WebClient's own.
//
// A reply refused for good (an expired response_url, a bot outside the channel and a DM that cannot be opened) is
// logged once as "reply undeliverable" with the reason per route, and never with its text.
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { ReplyTarget } from './coach.ts';
import { backoffMs, CALL_TIMEOUT_MS, QUICK_RETRY, SLOW_RETRY } from './retry.ts';
import { context, fitBlocks, LIMITS } from './views/blocks.ts';
import type { SlackMessage } from './views/coaching.ts';

/** Slack accepts posts to a response_url for 30 minutes; the background retries stop a minute before that. */
const RESPONSE_URL_LIFE_MS = 29 * 60_000;
/** Replies retried in the background at once, at most; beyond it a reply is given up (and logged) at once. */
const MAX_WAITING = 1_000;
/** Slack error codes that say "try again later", unlike not_in_channel or channel_not_found. */
const TRANSIENT_SLACK_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);
const NO_LINK_PREVIEWS = { unfurl_links: false, unfurl_media: false } as const;

export type Route = 'response_url' | 'chat.postEphemeral' | 'dm';

export interface Failure {
  route: Route;
  /** Short and text-free: "HTTP 500", "expired_url", "not_in_channel", "network: ECONNRESET". */
  reason: string;
  transient: boolean;
}

export interface ResponseUrlReply {
  responseUrl: string;
  client: WebClient;
  team: string;
  user: string;
  /** Where the person asked: the fallback posts ephemerally there. */
  channel: string;
  /** For logs only. */
  surface: string;
  /** The first reply replaces the message the response_url belongs to (a nudge's "Show a rewrite"). */
  replaceOriginal?: boolean;
}

export interface DirectMessageReply {
  client: WebClient;
  team: string;
  user: string;
  /** The DM with the bot. */
  channel: string;
  threadTs?: string;
  /** For logs only. */
  surface: string;
}

export interface ReplyDeliveries {
  viaResponseUrl(reply: ResponseUrlReply): ReplyTarget;
  /** A message in the DM with the bot (updated in place with chat.update), retried in the background like the rest. */
  viaDirectMessage(reply: DirectMessageReply): ReplyTarget;
  /** Replies waiting for a background retry. */
  readonly waiting: number;
  /** Shutdown: stops the background retries, logging each reply as undeliverable. */
  stop(): void;
}

export interface DeliveryOptions {
  logger: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}

export function createReplyDeliveries({ logger, now = Date.now }: DeliveryOptions): ReplyDeliveries {
  const waiting = new Set<AbortController>();
  const shared = { logger, now, waiting };
  return {
    viaResponseUrl: (reply) => new RetryingReply(new ResponseUrlChain(reply, shared), shared, reply),
    viaDirectMessage: (reply) => new RetryingReply(new DirectMessage(reply), shared, reply),
    get waiting() {
      return waiting.size;
    },
    stop() {
      for (const controller of waiting) controller.abort();
    },
  };
}

interface Shared {
  logger: Pick<Logger, 'info' | 'warn'>;
  now: () => number;
  waiting: Set<AbortController>;
}

/** One way of delivering a reply: one pass at it, then updates of what landed. */
interface Delivery {
  /** undefined once the reply landed; otherwise what failed, per route. */
  attempt(message: SlackMessage): Promise<Failure[] | undefined>;
  /** Updates the reply that landed; undefined when that worked. */
  update(message: SlackMessage): Promise<Failure | undefined>;
  readonly landed: boolean;
}

/** For the logs: who and where, never what. */
interface Ids {
  surface: string;
  team: string;
  user: string;
  channel: string;
}

/** A ReplyTarget that retries a failed delivery in the background (SLOW_RETRY) for as long as a response_url lives. */
class RetryingReply implements ReplyTarget {
  readonly #delivery: Delivery;
  readonly #shared: Shared;
  readonly #ids: Ids;
  /** The background retries end with the response_url's life (a reply half an hour late is stale anyway). */
  readonly #expiresAt: number;
  /** While a background retry is pending: the newest version of the reply, delivered when Slack is back. */
  #pending: SlackMessage | undefined;

  constructor(delivery: Delivery, shared: Shared, ids: Ids) {
    this.#delivery = delivery;
    this.#shared = shared;
    this.#ids = { surface: ids.surface, team: ids.team, user: ids.user, channel: ids.channel };
    this.#expiresAt = shared.now() + RESPONSE_URL_LIFE_MS;
  }

  async send(message: SlackMessage): Promise<void> {
    if (this.#pending) {
      this.#pending = message; // the background retry sends the newest
      return;
    }
    const failures = await this.#delivery.attempt(message);
    if (!failures) return;
    if (!failures.some((f) => f.transient)) return this.#giveUp(failures, 'refused');
    if (this.#shared.waiting.size >= MAX_WAITING) return this.#giveUp(failures, 'too many replies waiting');
    this.#pending = message;
    void this.#retryLater(failures);
  }

  async replace(message: SlackMessage): Promise<void> {
    if (this.#pending) {
      this.#pending = message;
      return;
    }
    if (!this.#delivery.landed) return; // never delivered (and already logged): nothing to update
    const failure = await this.#delivery.update(message);
    if (failure) this.#log('warn', { route: failure.route, reason: failure.reason }, 'updated reply not delivered; the first answer stands');
  }

  async #retryLater(first: Failure[]): Promise<void> {
    const controller = new AbortController();
    this.#shared.waiting.add(controller);
    let failures = first;
    try {
      for (let round = 0; round < (SLOW_RETRY.retries ?? 10); round += 1) {
        const delay = backoffMs(SLOW_RETRY, round);
        if (this.#shared.now() + delay > this.#expiresAt) break;
        await sleep(delay, undefined, { signal: controller.signal, ref: false });
        const latest = this.#pending!;
        const again = await this.#delivery.attempt(latest);
        if (!again) {
          // A replace() while this pass ran left a newer version: it updates what just landed.
          const newer = this.#pending === latest ? undefined : this.#pending;
          this.#pending = undefined;
          this.#log('info', { rounds: round + 1 }, 'reply delivered after Slack recovered');
          if (newer) await this.replace(newer);
          return;
        }
        failures = again;
        if (!failures.some((f) => f.transient)) return this.#giveUp(failures, 'refused');
      }
      this.#giveUp(failures, 'Slack kept failing for 30 minutes');
    } catch {
      this.#giveUp(failures, 'shutting down'); // the sleep was aborted by stop()
    } finally {
      this.#shared.waiting.delete(controller);
    }
  }

  #giveUp(failures: Failure[], why: string): void {
    this.#pending = undefined;
    this.#log('warn', { why, failed: reasons(failures), reason: summary(failures) }, 'reply undeliverable');
  }

  #log(level: 'info' | 'warn', fields: object, msg: string): void {
    this.#shared.logger[level]({ ...this.#ids, ...fields }, msg);
  }
}

type Landed = { route: 'response_url' } | { route: 'chat.postEphemeral' } | { route: 'dm'; channel: string; ts: string };

/** response_url, then chat.postEphemeral in the channel, then the DM saying why. */
class ResponseUrlChain implements Delivery {
  readonly #reply: ResponseUrlReply;
  readonly #shared: Shared;
  /** The response_url said no for good (expired_url, used_url, a 404): later passes skip it. */
  #responseUrlRefused = false;
  #landed: Landed | undefined;
  #replaceOriginal: boolean;

  constructor(reply: ResponseUrlReply, shared: Shared) {
    this.#reply = reply;
    this.#shared = shared;
    this.#replaceOriginal = reply.replaceOriginal ?? false;
  }

  get landed(): boolean {
    return this.#landed !== undefined;
  }

  async attempt(message: SlackMessage): Promise<Failure[] | undefined> {
    const failures: Failure[] = [];
    const { client, channel, user } = this.#reply;
    if (!this.#responseUrlRefused) {
      const failure = await this.#postResponseUrl(message, this.#replaceOriginal);
      if (!failure) return this.#landedOn({ route: 'response_url' }, failures);
      failures.push(failure);
      this.#responseUrlRefused = !failure.transient;
    }
    try {
      await client.chat.postEphemeral({ channel, user, ...message });
      return this.#landedOn({ route: 'chat.postEphemeral' }, failures);
    } catch (error) {
      failures.push(failureOf('chat.postEphemeral', error));
    }
    try {
      const posted = await client.chat.postMessage({ channel: user, ...withWhy(message, channel, failures), ...NO_LINK_PREVIEWS });
      return this.#landedOn({ route: 'dm', channel: posted.channel ?? user, ts: posted.ts ?? '' }, failures);
    } catch (error) {
      failures.push(failureOf('dm', error));
    }
    return failures;
  }

  /** In place where the route allows it; an ephemeral fallback cannot be edited, so the new version is posted. */
  async update(message: SlackMessage): Promise<Failure | undefined> {
    const landed = this.#landed!;
    const { client, channel, user } = this.#reply;
    try {
      if (landed.route === 'response_url') return await this.#postResponseUrl(message, true);
      if (landed.route === 'chat.postEphemeral') await client.chat.postEphemeral({ channel, user, ...message });
      else await client.chat.update({ channel: landed.channel, ts: landed.ts, ...message });
    } catch (error) {
      return failureOf(landed.route, error);
    }
    return undefined;
  }

  #landedOn(landed: Landed, failures: Failure[]): undefined {
    this.#landed = landed;
    // Later messages are new replies, not replacements of the message the response_url came with.
    this.#replaceOriginal = false;
    if (failures.length > 0) {
      const { surface, team, user, channel } = this.#reply;
      this.#shared.logger.info({ surface, team, user, channel, route: landed.route, failed: reasons(failures) }, 'reply delivered by a fallback');
    }
    return undefined;
  }

  /** The response_url, retried on 5xx, 429 and network errors; a 404 (expired_url, used_url) is final. */
  async #postResponseUrl(message: SlackMessage, replaceOriginal: boolean): Promise<Failure | undefined> {
    const body = JSON.stringify({ response_type: 'ephemeral', replace_original: replaceOriginal, ...message });
    for (let attempt = 0; ; attempt += 1) {
      let failure: Failure;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetch(this.#reply.responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
        // Read to the end, always: an unread body keeps its connection and buffers alive.
        const text = await response.text();
        const refused = slackErrorIn(text);
        if (response.ok && !refused) return undefined;
        const transient = response.status === 429 || response.status >= 500 || TRANSIENT_SLACK_ERRORS.has(refused ?? '');
        const reason = refused && (response.ok || refused !== 'not_ok') ? refused : `HTTP ${response.status}`;
        failure = { route: 'response_url', reason, transient };
        if (response.status === 429) retryAfterMs = Number(response.headers.get('retry-after') ?? 1) * 1000;
      } catch (error) {
        failure = { route: 'response_url', reason: networkReason(error), transient: true };
      }
      if (!failure.transient || attempt >= (QUICK_RETRY.retries ?? 0)) {
        if (failure.transient) failure.reason += ` after ${attempt + 1} tries`;
        return failure;
      }
      await sleep(Math.min(retryAfterMs ?? backoffMs(QUICK_RETRY, attempt), 30_000));
    }
  }
}

/** A message in the DM with the bot (the WebClient retries each call quickly), updated with chat.update. */
class DirectMessage implements Delivery {
  readonly #reply: DirectMessageReply;
  #ts: string | undefined;

  constructor(reply: DirectMessageReply) {
    this.#reply = reply;
  }

  get landed(): boolean {
    return this.#ts !== undefined;
  }

  async attempt(message: SlackMessage): Promise<Failure[] | undefined> {
    const { client, channel, threadTs } = this.#reply;
    try {
      const posted = await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message, ...NO_LINK_PREVIEWS });
      this.#ts = posted.ts ?? '';
      return undefined;
    } catch (error) {
      return [failureOf('dm', error)];
    }
  }

  async update(message: SlackMessage): Promise<Failure | undefined> {
    try {
      await this.#reply.client.chat.update({ channel: this.#reply.channel, ts: this.#ts!, ...message });
      return undefined;
    } catch (error) {
      return failureOf('dm', error);
    }
  }
}

/** What a web-api error says about a route: Slack's error code, the HTTP status, or the network error. */
export function failureOf(route: Route, error: unknown): Failure {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: unknown };
  switch (e.code) {
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      return { route, reason: code, transient: TRANSIENT_SLACK_ERRORS.has(code) };
    }
    case 'slack_webapi_http_error':
      return { route, reason: `HTTP ${e.statusCode} after retries`, transient: (e.statusCode ?? 500) >= 500 || e.statusCode === 429 };
    case 'slack_webapi_rate_limited_error':
      return { route, reason: 'HTTP 429', transient: true };
    case 'slack_webapi_request_error':
      return { route, reason: /rate limit/i.test(String((e.original as Error | undefined)?.message)) ? 'HTTP 429 after retries' : networkReason(e.original), transient: true };
    default:
      return { route, reason: error instanceof Error ? error.name : 'unknown error', transient: false };
  }
}

function networkReason(error: unknown): string {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError') return `timeout after ${CALL_TIMEOUT_MS / 1000} s`;
  return `network: ${e?.cause?.code ?? e?.code ?? e?.name ?? 'error'}`;
}

/** A response_url answers "ok", {"ok":true}, or names its error ("expired_url", {"ok":false,"error":"..."}). */
function slackErrorIn(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'ok') return undefined;
  try {
    const parsed = JSON.parse(trimmed) as { ok?: boolean; error?: string };
    return parsed.ok === false ? String(parsed.error ?? 'not_ok').slice(0, 60) : undefined;
  } catch {
    return /^[a-z_]{1,60}$/.test(trimmed) ? trimmed : undefined;
  }
}

const reasons = (failures: Failure[]) => Object.fromEntries(failures.map((f) => [f.route, f.reason]));

/** One line per kind of failure, for counting: "response_url: expired_url; chat.postEphemeral: not_in_channel; ...". */
const summary = (failures: Failure[]) => failures.map((f) => `${f.route}: ${f.reason.replace(/ after \d+ tries$/, '')}`).join('; ');

/** The DM says why the reply is there and not in the channel (without any of the user's text). */
function withWhy(message: SlackMessage, channel: string, failures: Failure[]): SlackMessage {
  const notInChannel = failures.some((f) => /not_in_channel|channel_not_found/.test(f.reason));
  const why = notInChannel ? 'I am not a member of that channel' : 'Slack was failing when I replied there';
  const where = /^[CG]/.test(channel) ? `<#${channel}>` : 'that conversation';
  const note = `I could not answer you in ${where} (${why}), so here is my reply.`;
  return { text: `${note} ${message.text}`, blocks: fitBlocks([context(note), ...message.blocks], LIMITS.messageBlocks) };
}
