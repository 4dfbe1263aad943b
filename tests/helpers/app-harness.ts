// Starts the real app in-process in HTTP mode on a free port, against the fake Slack Web API, with a real store
// (SQLite in a temp dir, or Redis) and a pino logger whose lines the test can read. Also builds Slack payloads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type TradeoffApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createRewriter } from '../../src/llm/index.ts';
import type { Rewriter } from '../../src/llm/types.ts';
import { createLogger } from '../../src/logger.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { FakeSlack } from './fake-slack-api.ts';
import { formBody, interactionBody, postSigned, SIGNING_SECRET, type SendOptions } from './slack-signing.ts';

export const TEAM = 'T1';
export const BOT_TOKEN = 'xoxb-test-0000-secret-token';

export interface HarnessOptions {
  /** Extra environment (e.g. NUDGE_DAILY_CAP, REDIS_URL, OPENAI_API_KEY + OPENAI_BASE_URL). */
  env?: Record<string, string>;
  rewriter?: Rewriter;
  now?: () => number;
}

export interface Harness {
  slack: FakeSlack;
  store: Store;
  coach: TradeoffApp;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log output, for "never contains" checks. */
  logText(): string;
  command(text: string, extra?: Record<string, string>, options?: SendOptions): Promise<Response>;
  event(event: Record<string, unknown>, options?: SendOptions & { eventId?: string; type?: string; teamId?: string }): Promise<Response>;
  interaction(payload: Record<string, unknown>, options?: SendOptions): Promise<Response>;
  /** Resolves once no listener work is in flight (after the acks, work goes on in the background). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

let eventCounter = 0;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const slack = await FakeSlack.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-slack-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const store = await createStore(config, logger);
  // Wired as main.ts does: the model rewriter exactly when OPENAI_API_KEY is set, else the rules.
  const rewriter = options.rewriter ?? createRewriter(config.llm, { store, logger });
  const coach = createApp(config, { store, logger, rewriter, now: options.now });
  // In Socket Mode only /healthz listens, on PORT; in HTTP mode everything does, on a free port.
  const port = (await coach.start(0)).port ?? config.port;
  const origin = `http://127.0.0.1:${port}`;
  const endpoint = `${origin}/slack/events`;

  return {
    slack,
    store,
    coach,
    origin,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join(''),
    command(text, extra = {}, sendOptions) {
      const body = formBody({
        token: 'legacy-verification-token',
        team_id: TEAM,
        team_domain: 'test',
        channel_id: 'C1',
        channel_name: 'general',
        user_id: 'U1',
        user_name: 'alice',
        command: '/tradeoff',
        text,
        api_app_id: 'A1',
        is_enterprise_install: 'false',
        response_url: slack.responseUrl(),
        trigger_id: '123.456.abc',
        ...extra,
      });
      return postSigned(endpoint, body, 'application/x-www-form-urlencoded', sendOptions);
    },
    event(event, sendOptions = {}) {
      const body = JSON.stringify({
        token: 'legacy-verification-token',
        team_id: sendOptions.teamId ?? TEAM,
        api_app_id: 'A1',
        event,
        type: sendOptions.type ?? 'event_callback',
        event_id: sendOptions.eventId ?? `Ev${++eventCounter}${Date.now()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: sendOptions.teamId ?? TEAM, user_id: 'UBOT', is_bot: true }],
      });
      return postSigned(endpoint, body, 'application/json', sendOptions);
    },
    interaction(payload, sendOptions) {
      return postSigned(endpoint, interactionBody(payload), 'application/x-www-form-urlencoded', sendOptions);
    },
    async idle() {
      await coach.idle();
    },
    async close() {
      await coach.stop(2_000);
      await store.close();
      await slack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A plain channel message from a person, as Slack delivers it in a `message.channels` event. */
export function channelMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channel: 'C1',
    channel_type: 'channel',
    user: 'U1',
    text,
    ts: `${1_700_000_000 + ++eventCounter}.000200`,
    event_ts: '1700000000.000200',
    team: TEAM,
    ...extra,
  };
}

export function dmMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return channelMessage(text, { channel: 'D1', channel_type: 'im', ...extra });
}

/** A block_actions payload for a button click on an (ephemeral, unless `message` is given) message. */
export function buttonClick(
  slack: FakeSlack,
  actionId: string,
  value: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: TEAM, domain: 'test' },
    user: { id: 'U1', username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000900', channel_id: 'C1', is_ephemeral: true },
    trigger_id: '123.456.def',
    channel: { id: 'C1', name: 'general' },
    response_url: slack.responseUrl(),
    actions: [
      { type: 'button', action_id: actionId, block_id: 'b', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000000.1' },
    ],
    ...extra,
  };
}

/**
 * One harness for a whole file or describe block: started once, closed at the end, and before each test settled
 * (acknowledged work finished) with the fake Slack's call log cleared. `use` receives it once it is running.
 */
export function useHarness(use: (harness: Harness) => void, options: HarnessOptions = {}): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
    use(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    await harness!.idle();
    harness!.slack.reset();
  });
}
