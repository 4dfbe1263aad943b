// The HTTP server behind a load balancer: idle keep-alive connections outlive the balancer's (60-65 s) so it never
// reuses a socket Node is closing (intermittent 502s), and headersTimeout stays above keepAliveTimeout as Node requires.
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp, type TradeoffApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { FakeSlack } from '../helpers/fake-slack-api.ts';
import { SIGNING_SECRET } from '../helpers/slack-signing.ts';

let slack: FakeSlack;
let coach: TradeoffApp;
let started: Awaited<ReturnType<TradeoffApp['start']>>;
beforeAll(async () => {
  slack = await FakeSlack.start();
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-http-server', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0' });
  coach = createApp(config, { store: openSqliteStore(':memory:'), logger: createLogger({ level: 'silent' }) });
  started = await coach.start(0);
});
afterAll(async () => {
  await coach.stop(1_000);
  await slack.close();
});

it('keeps idle connections 66 s and waits longer still for headers', () => {
  expect(started.server!.keepAliveTimeout).toBeGreaterThan(65_000);
  expect(started.server!.headersTimeout).toBeGreaterThan(started.server!.keepAliveTimeout);
});

it('tells clients so on the wire (Keep-Alive: timeout=66)', async () => {
  const header = await new Promise<string | undefined>((resolve, reject) => {
    const req = request(`http://127.0.0.1:${started.port}/healthz`, { agent: false, headers: { connection: 'keep-alive' } }, (res) => {
      res.resume();
      resolve(String(res.headers['keep-alive']));
    });
    req.on('error', reject);
    req.end();
  });
  expect(header).toBe('timeout=66');
});
