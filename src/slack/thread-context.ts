// The message a thread reply answers ("can you add SSO by Friday?" above "sure, we'll try"), read with
// conversations.replies (limit 1) only when the engine says the reply could read differently beside it. Parents are
// kept in this process for a few minutes (bounded; never in the store, which holds no message text), each workspace
// gets a budget of reads per minute shared by every instance, and a rate-limited or failed read is reported as such:
// callers then do not nudge rather than guess.
import { webApi } from '@slack/bolt';
import type { WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { toBoltLogger, type Pino } from '../logger.ts';
import type { Store } from '../store/types.ts';

/** Where a thread is; `threadTs` is its parent's ts. */
export interface ThreadRef {
  team: string;
  channel: string;
  threadTs: string;
}

export type ParentRead =
  | { ok: true; text: string }
  /** off: reads turned off; budget: this minute's reads are used; rate-limited: Slack said 429 (or did lately). */
  | { ok: false; reason: 'off' | 'budget' | 'rate-limited' | 'failed' | 'no-text' };

export interface ThreadContextOptions {
  store: Pick<Store, 'takeRate'>;
  logger: Pino;
  /** Reads per workspace per minute (THREAD_READS_PER_MINUTE); 0 = never read. */
  readsPerMinute: number;
  /** Epoch ms. */
  now: () => number;
  ttlMs?: number;
  maxEntries?: number;
}

/** "A few minutes": a thread's replies come in bursts, and an edited parent is picked up soon after. */
export const PARENT_TTL_MS = 5 * 60_000;
/** With parents cut to PARENT_MAX_CHARS, at most about 4 MB (UTF-16) even when every parent is long. */
export const MAX_PARENTS = 1000;
/** The engine reads the replied-to message for what it asks; the first 2,000 characters hold that. */
export const PARENT_MAX_CHARS = 2000;
/** A read that takes longer than this is a failed read (no nudge); the author has moved on by then anyway. */
const READ_TIMEOUT_MS = 3000;

interface Cached {
  text: string;
  author: string | undefined;
  expiresAt: number;
}

export class ThreadContext {
  readonly #options: Required<ThreadContextOptions>;
  /** Insertion order is age order: a hit re-inserts, the oldest is evicted first. */
  readonly #parents = new Map<string, Cached>();
  /** One read per thread at a time: replies arriving together share it. */
  readonly #reading = new Map<string, Promise<ParentRead>>();
  /** Per workspace: no reads until then (epoch ms), after Slack answered 429 with Retry-After. */
  readonly #backoffUntil = new Map<string, number>();

  constructor(options: ThreadContextOptions) {
    this.#options = { ttlMs: PARENT_TTL_MS, maxEntries: MAX_PARENTS, ...options };
  }

  /** The parent's text, from the cache or one budgeted read with the workspace's client. */
  async parentOf(client: WebClient, ref: ThreadRef): Promise<ParentRead> {
    const key = cacheKey(ref);
    const cached = this.#fresh(key);
    if (cached) return { ok: true, text: cached.text };
    const pending = this.#reading.get(key);
    if (pending) return pending;
    const read = this.#read(client, ref).finally(() => this.#reading.delete(key));
    this.#reading.set(key, read);
    return read;
  }

  /** Keeps a parent that arrived with another read (conversations.replies returns the parent first). */
  remember(ref: ThreadRef, text: string, author: string | undefined): void {
    if (text.trim() === '') return;
    this.#put(cacheKey(ref), { text: text.slice(0, PARENT_MAX_CHARS), author, expiresAt: this.#options.now() + this.#options.ttlMs });
  }

  /** Drops a workspace's parents (uninstall). */
  forgetTeam(team: string): void {
    for (const key of this.#parents.keys()) if (key.startsWith(`${team}:`)) this.#parents.delete(key);
    this.#backoffUntil.delete(team);
  }

  /** Drops the parents a person wrote in a workspace ("forget me"; other instances' copies expire within the TTL). */
  forgetAuthor(team: string, user: string): void {
    for (const [key, entry] of this.#parents) if (entry.author === user && key.startsWith(`${team}:`)) this.#parents.delete(key);
  }

  get size(): number {
    return this.#parents.size;
  }

  async #read(client: WebClient, ref: ThreadRef): Promise<ParentRead> {
    const { store, logger, readsPerMinute, now } = this.#options;
    const log = logger.child({ surface: 'thread-context', team: ref.team, channel: ref.channel });
    if (readsPerMinute <= 0) return { ok: false, reason: 'off' };
    if ((this.#backoffUntil.get(ref.team) ?? 0) > now()) return { ok: false, reason: 'rate-limited' };
    this.#backoffUntil.delete(ref.team);
    try {
      if (!(await store.takeRate(`${ref.team}:reads:thread-parent`, readsPerMinute, 60))) {
        log.debug('thread parent not read: this minute’s reads are used');
        return { ok: false, reason: 'budget' };
      }
      const page = await this.#reader(client).conversations.replies({ channel: ref.channel, ts: ref.threadTs, limit: 1, inclusive: true });
      const parent = page.messages?.find((m) => m.ts === ref.threadTs);
      // A parent with no words (a file, an image) says nothing about the reply: no context, so no guess either.
      if (!parent?.text?.trim()) return { ok: false, reason: 'no-text' };
      this.remember(ref, parent.text, parent.user);
      return { ok: true, text: parent.text.slice(0, PARENT_MAX_CHARS) };
    } catch (error) {
      if (isRateLimited(error)) {
        this.#backoffUntil.set(ref.team, now() + Math.max(1, error.retryAfter) * 1000);
        log.warn({ retryAfter: error.retryAfter }, 'thread parent not read: Slack rate limited conversations.replies');
        return { ok: false, reason: 'rate-limited' };
      }
      log.info({ err: error }, 'thread parent not read');
      return { ok: false, reason: 'failed' };
    }
  }

  /**
   * A client of its own for these reads, with the workspace's token: a 429 must fail the read at once (no nudge)
   * rather than pause the shared client's queue for Retry-After and retry, and a read is never retried.
   */
  #reader(client: WebClient): WebClient {
    return new webApi.WebClient(client.token, {
      slackApiUrl: client.slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: READ_TIMEOUT_MS,
      logger: toBoltLogger(this.#options.logger.child({ component: 'thread-reader' })),
    });
  }

  #fresh(key: string): Cached | undefined {
    const entry = this.#parents.get(key);
    if (!entry) return undefined;
    this.#parents.delete(key);
    if (entry.expiresAt <= this.#options.now()) return undefined;
    this.#parents.set(key, entry); // most recently used goes last
    return entry;
  }

  #put(key: string, entry: Cached): void {
    this.#parents.delete(key);
    this.#parents.set(key, entry);
    while (this.#parents.size > this.#options.maxEntries) this.#parents.delete(this.#parents.keys().next().value!);
  }
}

function cacheKey({ team, channel, threadTs }: ThreadRef): string {
  return `${team}:${channel}:${threadTs}`;
}

function isRateLimited(error: unknown): error is WebAPIRateLimitedError {
  return (error as { code?: unknown })?.code === webApi.ErrorCode.RateLimitedError;
}
