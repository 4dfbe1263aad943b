// What only the Redis backend promises: shared limits across instances, tidy keys with TTLs, and surviving an outage.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createStore, openRedisStore, type Store } from '../../src/store/index.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

const DAY = '2026-11-23';
const limits = { cooldownSeconds: 600, dailyCap: 5 };
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

let redis: RedisServer;
let admin: Redis;
const opened: Store[] = [];
const open = async (options?: Parameters<typeof openRedisStore>[1]) => {
  const store = await openRedisStore(redis.url, options);
  opened.push(store);
  return store;
};

beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url, { lazyConnect: true });
  admin.on('error', () => {}); // expected while the tests stop Redis
});
beforeEach(async () => {
  await admin.flushdb();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

/** How long a promise takes to settle, and whether it was rejected. */
async function timed(promise: Promise<unknown>): Promise<{ ms: number; rejected: boolean }> {
  const start = performance.now();
  const rejected = await promise.then(
    () => false,
    () => true,
  );
  return { ms: performance.now() - start, rejected };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two instances on one Redis', () => {
  it('share event ids, nudge limits and daily quotas', async () => {
    const [a, b] = [await open(), await open()];
    expect(await a.firstSighting('Ev1')).toBe(true);
    expect(await b.firstSighting('Ev1')).toBe(false);
    expect(await a.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(true);
    expect(await b.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(false);
    await a.muteUser('T1', 'U2', null);
    expect((await b.getUserSettings('T1', 'U2', Date.now())).muted).toBe(true);
  });

  it('never grant more than the cap between them, even all at once', async () => {
    const [a, b] = [await open(), await open()];
    const calls = Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).takeDaily('T1:llm', DAY, 7));
    expect((await Promise.all(calls)).filter(Boolean)).toHaveLength(7);
    const nudges = Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).takeNudge('T1', 'C1', 'U9', DAY, limits));
    expect((await Promise.all(nudges)).filter(Boolean)).toHaveLength(1);
  });
});

describe('keys', () => {
  it('start with tc:<team>: (event ids with tc:event:), hold no text, and expire as planned', async () => {
    const store = await open();
    const muteUntil = Date.now() + HOUR_MS;
    await store.firstSighting('Ev1');
    await store.takeNudge('T1', 'C1', 'U1', DAY, limits);
    await store.takeDaily('T1:llm:U1', DAY, 3);
    await store.muteUser('T1', 'U1', null);
    await store.muteUser('T1', 'U2', muteUntil);
    await store.setChannelNudges('T1', 'C1', false);
    await store.recordFindings('T1', 'U1', ['sure-well-try'], DAY);
    await store.recordFeedback('T1', 'U1', false, 'sure-well-try', DAY);

    const keys = (await admin.keys('*')).sort();
    expect(keys).toEqual([
      'tc:T1:channel:C1',
      'tc:T1:cooldown:U1:C1',
      `tc:T1:feedback:${DAY}:sure-well-try:not-helpful`,
      `tc:T1:findings:U1:${DAY}:sure-well-try`,
      'tc:T1:llm:U1:2026-11-23',
      'tc:T1:mute:U1',
      'tc:T1:mute:U2',
      `tc:T1:nudges:U1:${DAY}`,
      'tc:event:Ev1',
    ]);
    for (const key of keys) expect(await admin.get(key)).toMatch(/^(\d+|forever|off)$/);

    const ttl = async (key: string) => admin.pttl(key);
    expect(await ttl('tc:event:Ev1')).toBeGreaterThan(HOUR_MS - 5000);
    expect(await ttl('tc:event:Ev1')).toBeLessThanOrEqual(HOUR_MS);
    expect(await ttl('tc:T1:cooldown:U1:C1')).toBeLessThanOrEqual(600_000);
    expect(await ttl(`tc:T1:nudges:U1:${DAY}`)).toBeLessThanOrEqual(2 * DAY_MS);
    expect(await ttl('tc:T1:llm:U1:2026-11-23')).toBeGreaterThan(DAY_MS);
    expect(await ttl(`tc:T1:findings:U1:${DAY}:sure-well-try`)).toBeGreaterThan(30 * DAY_MS);
    expect(await ttl(`tc:T1:findings:U1:${DAY}:sure-well-try`)).toBeLessThanOrEqual(31 * DAY_MS);
    expect(await ttl('tc:T1:mute:U1')).toBe(-1); // muted until unmuted
    expect(await ttl('tc:T1:mute:U2')).toBeLessThanOrEqual(HOUR_MS);
    expect(await ttl('tc:T1:channel:C1')).toBe(-1); // a setting, kept until changed
  });

  it('deleteWorkspace leaves no key of that team, even many of them', async () => {
    const store = await open();
    const days = Array.from({ length: 30 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
    for (const user of ['U1', 'U2', 'U3', 'U4', 'U5']) {
      for (const day of days) await store.recordFindings('T1', user, ['no-next-step', 'build-vs-buy'], day);
    }
    await store.recordFindings('T2', 'U1', ['no-next-step'], DAY);
    expect((await admin.keys('tc:T1:*')).length).toBe(300); // more than one SCAN page
    await store.deleteWorkspace('T1');
    expect(await admin.keys('tc:T1:*')).toEqual([]);
    expect(await admin.keys('tc:T2:*')).toHaveLength(1);
  });
});

describe('when Redis goes away', () => {
  // Each test leaves a running Redis behind, even when it failed halfway.
  afterEach(() => redis.restart());

  it('calls fail fast, the process survives, and the same client recovers when Redis is back', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const store = await open({ logger });
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(true);

    await redis.stop();
    // Each call made only when it is timed: a call made earlier could fail before anything awaits it, which Node
    // reports as an unhandled rejection (and would start its clock early).
    for (const call of [
      () => store.firstSighting('Ev-down'),
      () => store.takeNudge('T1', 'C2', 'U1', DAY, limits),
      () => store.takeDaily('T1:llm', DAY, 5),
      () => store.getUserSettings('T1', 'U1', Date.now()),
      () => store.recordFindings('T1', 'U1', ['no-next-step'], DAY),
    ]) {
      const { ms, rejected } = await timed(call());
      expect(rejected).toBe(true);
      expect(ms).toBeLessThan(2000);
    }
    expect(await store.ping()).toBe(false);

    await redis.restart();
    await waitUntil(() => store.ping(), 5000);
    expect(await store.firstSighting('Ev-up')).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(true); // a fresh, empty Redis

    // One line when the connection is lost and one when it is back, not one per reconnect attempt.
    const messages = lines.map((line) => JSON.parse(line).msg as string);
    expect(messages.filter((m) => m.startsWith('Redis connection lost'))).toHaveLength(1);
    expect(messages.filter((m) => m === 'Redis connected')).toHaveLength(2);

    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the socket closes just after QUIT's reply
    expect(lines.map((line) => JSON.parse(line).msg as string).filter((m) => m.startsWith('Redis connection lost'))).toHaveLength(1);
  });

  it('calls against a frozen Redis time out instead of hanging, and work again when it thaws', async () => {
    const store = await open();
    redis.pause();
    const { ms, rejected } = await timed(store.takeDaily('T1:llm', DAY, 5));
    expect(rejected).toBe(true);
    expect(ms).toBeLessThan(2000);
    redis.resume();
    await waitUntil(() => store.ping(), 5000);
    expect(await store.takeDaily('T1:llm', DAY, 5)).toBe(true);
  });

  it('starts without Redis, fails fast meanwhile, and connects once Redis is up', async () => {
    await redis.stop();
    const store = await open({ startWaitMs: 200 });
    const { ms, rejected } = await timed(store.firstSighting('Ev-early'));
    expect(rejected).toBe(true);
    expect(ms).toBeLessThan(2000);
    await redis.restart();
    await waitUntil(() => store.ping(), 5000);
    expect(await store.firstSighting('Ev-early')).toBe(true);
  });
});

describe('createStore', () => {
  it('uses Redis when REDIS_URL is set', async () => {
    const store = await createStore({ redisUrl: redis.url, dataDir: '/nonexistent/never-created' });
    opened.push(store);
    await store.setChannelNudges('T7', 'C1', false);
    expect(await admin.get('tc:T7:channel:C1')).toBe('off');
  });
});
