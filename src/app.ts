// Builds the Bolt app from the config and its dependencies, without starting anything: main.ts starts it, and
// tests start it in-process on a free port. HTTP mode serves /slack/events and /healthz; Socket Mode is for
// development (SLACK_APP_TOKEN set).
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, HTTPReceiver, SocketModeReceiver, type AnyMiddlewareArgs, type InstallationStore, type Middleware, type Receiver } from '@slack/bolt';
import type { Config } from './config.ts';
import { rulesRewriter } from './llm/rules-rewriter.ts';
import type { Rewriter } from './llm/types.ts';
import { toBoltLogger, type Pino } from './logger.ts';
import type { SlackDeps } from './slack/deps.ts';
import { BOT_SCOPES } from './slack/ids.ts';
import { withInstallationCache } from './slack/installation-cache.ts';
import { registerListeners } from './slack/register.ts';
import { ThreadContext } from './slack/thread-context.ts';
import { createReplyDeliveries } from './slack/reply-delivery.ts';
import { CALL_TIMEOUT_MS, QUICK_RETRY } from './slack/retry.ts';
import { toInstallationStore } from './store/installations.ts';
import type { Store } from './store/types.ts';

export interface AppDeps {
  store: Store;
  logger: Pino;
  /** Defaults to the rules' rewriter (no model). */
  rewriter?: Rewriter;
  /** Epoch ms; tests move it. */
  now?: () => number;
  /** Multi-workspace mode (SLACK_CLIENT_ID/SECRET/STATE_SECRET): where installations live; defaults to `store`. */
  installationStore?: InstallationStore;
  /** Called once, when the first 200 from /healthz has been sent (main.ts loads the engine then). */
  onFirstHealthy?: () => void;
}

export interface TradeoffApp {
  app: App;
  /** Resolves once Slack accepted the token and requests are being served; `port` and `server` are set in HTTP mode. */
  start(port?: number): Promise<{ port?: number; server?: Server }>;
  /** Stops taking requests, then waits (up to `drainMs`) for work already acknowledged to finish. */
  stop(drainMs?: number): Promise<void>;
  /** Resolves once no listener work has been running for a moment (tests; shutdown); false if it timed out. */
  idle(timeoutMs?: number): Promise<boolean>;
}

/** Load balancers keep idle connections for 60-65 s; Node must keep them longer or they race into 502s. */
const KEEP_ALIVE_MS = 66_000;
/** Slack payloads are small; a 40,000-character message is about 100 kB of JSON. */
const BODY_LIMIT_BYTES = 1 << 20;
/** /healthz waits this long at most for the store's answer (a frozen Redis must not slow the probe). */
const STORE_PROBE_MS = 250;
/** Short retries and a timeout for every Web API call (retry.ts says why). */
const CLIENT_OPTIONS = { timeout: CALL_TIMEOUT_MS, retryConfig: QUICK_RETRY } as const;

/**
 * Every ack (Bolt's own for events, the listeners' for commands, actions and shortcuts) is followed by waiting for
 * a turn: the work after the acks runs one request at a time, one per turn of the event loop, so between any two
 * pieces of coaching the requests already waiting on their sockets are read, checked and acked (issue 10: in a
 * burst, every ack used to wait for the coaching of the requests before it). Receivers hand every request to
 * processEvent, so this is the one place that sees them all.
 */
function ackBeforeWork(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) =>
    processEvent({
      ...event,
      ack: async (response) => {
        await event.ack(response);
        await nextTurn();
      },
    });
}

/** Work waiting after its ack, first in first out; one starts per turn of the event loop. */
const waitingForTurn: (() => void)[] = [];

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (waitingForTurn.push(resolve) === 1) setImmediate(startNext);
  });
}

function startNext(): void {
  // The resolved work runs (until its first I/O) right after this callback; the next one waits for the next
  // turn, after the poll phase has read and acked whatever arrived meanwhile.
  waitingForTurn.shift()?.();
  if (waitingForTurn.length > 0) setImmediate(startNext);
}

export function createApp(config: Config, deps: AppDeps): TradeoffApp {
  const logger = deps.logger;
  const boltLogger = toBoltLogger(logger.child({ component: 'bolt' }));
  let ready = false;
  let saidHealthy = false;
  let inFlight = 0;

  const storeAnswers = () => Promise.race([deps.store.ping().catch(() => false), sleep(STORE_PROBE_MS, false, { ref: false })]);
  const healthz = {
    path: '/healthz',
    method: 'GET',
    // Liveness: cheap (no Slack or engine work) and 200 while the store is down, because /tradeoff and DMs still
    // answer without it and a restart would not bring Redis back. `store` tells dashboards about the degradation.
    handler: async (_req: unknown, res: ServerResponse) => {
      const healthy = ready;
      const body = healthy ? { ok: true, store: (await storeAnswers()) ? 'ok' : 'unreachable' } : { ok: false };
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body), () => {
        if (!healthy || saidHealthy) return;
        saidHealthy = true;
        deps.onFirstHealthy?.();
      });
    },
  };

  // Multi-workspace: Bolt's OAuth flow at /slack/install and /slack/oauth_redirect, tokens from installations kept
  // in the store (so every instance sees them) behind a short in-process cache (Bolt reads one before each ack).
  const { oauth } = config.slack;
  const installations = oauth ? withInstallationCache(deps.installationStore ?? toInstallationStore(deps.store)) : undefined;
  const oauthOptions = oauth
    ? {
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        scopes: [...BOT_SCOPES],
        installationStore: installations,
      }
    : {};
  const installerClientOptions = config.slack.apiUrl ? { clientOptions: { slackApiUrl: config.slack.apiUrl } } : {};

  const receiver: Receiver =
    config.slack.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.slack.appToken!,
          logger: boltLogger,
          customRoutes: [healthz],
          ...oauthOptions,
          installerOptions: { port: config.port, directInstall: true, ...installerClientOptions },
        })
      : new HTTPReceiver({
          signingSecret: config.slack.signingSecret!,
          logger: boltLogger,
          ...oauthOptions,
          installerOptions: { directInstall: true, ...installerClientOptions },
          // Ack first, then work: holding the response until listeners finish invites Slack's retries.
          processBeforeResponse: false,
          signatureVerification: true,
          customRoutes: [healthz],
          bodyLimit: BODY_LIMIT_BYTES,
        });

  const app = new App({
    receiver,
    token: config.slack.botToken,
    logger: boltLogger,
    // Without this Bolt resets its logger to info, and LOG_LEVEL=debug would never show Bolt's (scrubbed) debug lines.
    logLevel: boltLogger.getLevel(),
    clientOptions: { ...CLIENT_OPTIONS, ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}) },
    // auth.test runs in start(), so a bad token stops the start with a clear message instead of failing every request.
    deferInitialization: true,
    ignoreSelf: true,
    developerMode: false,
    // Bolt's default in-memory conversation store is unused here, and it built an Error with a stack for every event.
    convoStore: false,
  });
  ackBeforeWork(app);

  async function idle(timeoutMs = 5_000): Promise<boolean> {
    // Work starts just after the ack, so "idle" means no work seen over a few consecutive looks.
    const deadline = Date.now() + timeoutMs;
    for (let quiet = 0; Date.now() < deadline; await sleep(20)) {
      quiet = inFlight === 0 ? quiet + 1 : 0;
      if (quiet >= 3) return true;
    }
    return false;
  }

  const replies = createReplyDeliveries({ logger, now: deps.now });
  const slackDeps: SlackDeps = {
    store: deps.store,
    replies,
    rewriter: deps.rewriter ?? rulesRewriter,
    logger,
    nudgeLimits: config.nudges,
    threads: new ThreadContext({ store: deps.store, logger, readsPerMinute: config.threadReadsPerMinute, now: deps.now ?? Date.now }),
    now: deps.now ?? Date.now,
    installations,
  };

  // Counts work in progress so stop() can let it finish (listeners keep running after the ack).
  const trackInFlight: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  };

  // Slack retries an event it thinks we missed (x-slack-retry-num); the event_id makes sure each is handled once,
  // across instances when the store is Redis. The id is taken before handling, not after: Bolt acks events before
  // this runs, so Slack only retries when our 200 did not reach it, and then the first delivery is usually still
  // running here or elsewhere; taking it afterwards would let both run (two DM replies).
  const handleEachEventOnce: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    const startedAt = Date.now();
    let first = true;
    try {
      first = await deps.store.firstSighting(eventId);
    } catch (err) {
      // Store down: better to risk a duplicate than to drop someone's DM (nudges fail closed further on).
      logger.warn({ err, eventId }, 'could not check the event id; handling it anyway');
    }
    if (!first) {
      logger.info({ eventId }, 'duplicate event skipped');
      return;
    }
    await next();
    logger.debug({ eventId, ms: Date.now() - startedAt }, 'event handled');
  };

  app.use(trackInFlight);
  app.use(handleEachEventOnce);
  registerListeners(app, slackDeps);
  app.error(async (error) => {
    // Listeners catch what they can answer; anything else lands here and must not take the process down.
    logger.error({ err: error.original ?? error, code: error.code }, 'unhandled listener error');
  });

  return {
    app,
    async start(port = config.port) {
      try {
        await app.init();
      } catch (err) {
        const reason = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${reason}). Check the token in your .env.`, { cause: err });
      }
      const started = await app.start(port);
      let server: Server | undefined;
      if (config.slack.mode === 'http') {
        server = started as Server;
        server.keepAliveTimeout = KEEP_ALIVE_MS;
        server.headersTimeout = KEEP_ALIVE_MS + 1_000;
      }
      const boundPort = server && (server.address() as AddressInfo).port;
      ready = true;
      logger.info({ mode: config.slack.mode, port: boundPort, oauth: Boolean(oauth) }, 'Tradeoff Coach is running');
      return { port: boundPort, server };
    },
    async stop(drainMs = 8_000) {
      ready = false;
      await app.stop();
      replies.stop();
      if (!(await idle(drainMs))) logger.warn({ inFlight }, 'stopped with work still in flight');
    },
    idle,
  };
}
