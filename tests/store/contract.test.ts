// One contract, two backends: every Store behaviour is checked against SQLite and against a real redis-server.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/engine/index.ts';
import { openRedisStore, openSqliteStore, type Store } from '../../src/store/index.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

let redis: RedisServer;
let admin: Redis;
beforeAll(async () => {
  redis = await startRedis();
  admin = new Redis(redis.url);
  admin.on('error', () => {});
});
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

const backends: { name: string; open: () => Promise<Store> }[] = [
  { name: 'sqlite', open: async () => openSqliteStore(':memory:') },
  { name: 'redis', open: () => openRedisStore(redis.url) },
];

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = '2026-11-23';
const NEXT_DAY = '2026-11-24';
const limits = { cooldownSeconds: 600, dailyCap: 5 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('$name store', ({ open }) => {
  let store: Store;
  beforeEach(async () => {
    await admin.flushdb();
    store = await open();
  });
  afterEach(() => store.close());

  it('sees an event id as new exactly once', async () => {
    expect(await store.firstSighting('Ev001')).toBe(true);
    expect(await store.firstSighting('Ev001')).toBe(false);
    expect(await store.firstSighting('Ev001')).toBe(false);
    expect(await store.firstSighting('Ev002')).toBe(true);
  });

  it('lets exactly one of many simultaneous deliveries of an event through', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.firstSighting('Ev-race')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('forgets event ids and cooldowns when their time is up', async () => {
    expect(await store.firstSighting('Ev-short', 1)).toBe(true);
    const oneSecond = { cooldownSeconds: 1, dailyCap: 5 };
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, oneSecond)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, oneSecond)).toBe(false);
    await sleep(1100);
    expect(await store.firstSighting('Ev-short', 1)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, oneSecond)).toBe(true);
  });

  it('keeps the nudge cooldown per author and channel', async () => {
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, limits)).toBe(false);
    expect(await store.takeNudge('T1', 'C2', 'U1', DAY, limits)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U2', DAY, limits)).toBe(true);
    expect(await store.takeNudge('T2', 'C1', 'U1', DAY, limits)).toBe(true);
  });

  it('caps nudges per author per day, and starts again the next day', async () => {
    const noCooldown = { cooldownSeconds: 0, dailyCap: 3 };
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await store.takeNudge('T1', `C${i}`, 'U1', DAY, noCooldown));
    expect(taken).toEqual([true, true, true, false, false]);
    expect(await store.takeNudge('T1', 'C9', 'U2', DAY, noCooldown)).toBe(true);
    expect(await store.takeNudge('T1', 'C9', 'U1', NEXT_DAY, noCooldown)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 0, dailyCap: 0 })).toBe(false);
  });

  it('takes nothing when it says no: a refused nudge uses neither the cooldown nor the daily allowance', async () => {
    const two = { cooldownSeconds: 600, dailyCap: 2 };
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, two)).toBe(true);
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, two)).toBe(false); // cooldown
    expect(await store.takeNudge('T1', 'C2', 'U1', DAY, two)).toBe(true); // so the cap still had room
    expect(await store.takeNudge('T1', 'C3', 'U1', DAY, two)).toBe(false); // cap
    expect(await store.takeNudge('T1', 'C3', 'U1', NEXT_DAY, two)).toBe(true); // so C3's cooldown was not started
  });

  it('grants a nudge once when many messages from one author race', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.takeNudge('T1', 'C1', 'U1', DAY, limits)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('counts a named daily quota up to its cap, per key and per day', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => store.takeDaily('T1:llm:U1', DAY, 3)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await store.takeDaily('T1:llm:U2', DAY, 3)).toBe(true);
    expect(await store.takeDaily('T1:llm:U1', NEXT_DAY, 3)).toBe(true);
    expect(await store.takeDaily('T1:llm', DAY, 0)).toBe(false);
  });

  it('mutes a user indefinitely or until a time, and unmutes', async () => {
    expect(await store.getUserSettings('T1', 'U1', NOW)).toEqual({ muted: false });
    await store.muteUser('T1', 'U1', null);
    expect(await store.getUserSettings('T1', 'U1', NOW)).toEqual({ muted: true });
    expect(await store.getUserSettings('T1', 'U2', NOW)).toEqual({ muted: false });
    expect(await store.getUserSettings('T2', 'U1', NOW)).toEqual({ muted: false });
    await store.unmuteUser('T1', 'U1');
    expect(await store.getUserSettings('T1', 'U1', NOW)).toEqual({ muted: false });

    const until = Date.now() + 3600_000;
    await store.muteUser('T1', 'U1', until);
    expect(await store.getUserSettings('T1', 'U1', until - 1)).toEqual({ muted: true, mutedUntil: until });
    expect(await store.getUserSettings('T1', 'U1', until)).toEqual({ muted: false });
  });

  it('treats a mute that ended in the past as no mute', async () => {
    await store.muteUser('T1', 'U1', Date.now() - 1000);
    expect(await store.getUserSettings('T1', 'U1', Date.now())).toEqual({ muted: false });
  });

  it('turns nudges off and on per channel, on by default', async () => {
    expect(await store.channelNudgesOn('T1', 'C1')).toBe(true);
    await store.setChannelNudges('T1', 'C1', false);
    expect(await store.channelNudgesOn('T1', 'C1')).toBe(false);
    expect(await store.channelNudgesOn('T1', 'C2')).toBe(true);
    expect(await store.channelNudgesOn('T2', 'C1')).toBe(true);
    await store.setChannelNudges('T1', 'C1', true);
    expect(await store.channelNudgesOn('T1', 'C1')).toBe(true);
  });

  it('sums findings per rule over the days asked for, per user', async () => {
    await store.recordFindings('T1', 'U1', ['unstated-assumptions', 'missing-tradeoffs'], '2026-11-01');
    await store.recordFindings('T1', 'U1', ['unstated-assumptions'], '2026-11-02');
    await store.recordFindings('T1', 'U1', ['unstated-assumptions'], '2026-11-02');
    await store.recordFindings('T1', 'U1', ['build-vs-buy'], '2026-10-01');
    await store.recordFindings('T1', 'U2', ['unstated-assumptions'], '2026-11-01');
    await store.recordFindings('T1', 'U1', [], '2026-11-01');

    const zero = Object.fromEntries(RULE_IDS.map((rule) => [rule, 0]));
    expect(await store.countFindings('T1', 'U1', ['2026-11-01', '2026-11-02', '2026-11-03'])).toEqual({
      ...zero,
      'unstated-assumptions': 3,
      'missing-tradeoffs': 1,
    });
    expect(await store.countFindings('T1', 'U1', ['2026-10-01'])).toEqual({ ...zero, 'build-vs-buy': 1 });
    expect(await store.countFindings('T1', 'U3', ['2026-11-01'])).toEqual(zero);
    expect(await store.countFindings('T1', 'U1', [])).toEqual(zero);
  });

  it('counts feedback per workspace over the days asked for', async () => {
    await store.recordFeedback('T1', 'U1', true, 'unstated-assumptions', DAY);
    await store.recordFeedback('T1', 'U2', true, undefined, DAY);
    await store.recordFeedback('T1', 'U1', false, 'build-vs-buy', DAY);
    await store.recordFeedback('T1', 'U1', false, undefined, NEXT_DAY);
    await store.recordFeedback('T2', 'U1', true, undefined, DAY);
    expect(await store.countFeedback('T1', [DAY])).toEqual({ helpful: 2, notHelpful: 1 });
    expect(await store.countFeedback('T1', [DAY, NEXT_DAY])).toEqual({ helpful: 2, notHelpful: 2 });
    expect(await store.countFeedback('T3', [DAY])).toEqual({ helpful: 0, notHelpful: 0 });
  });

  it("deletes everything of one workspace and nothing of another's", async () => {
    for (const team of ['T1', 'T2']) {
      await store.takeNudge(team, 'C1', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 1 });
      await store.takeDaily(`${team}:llm:U1`, DAY, 1);
      await store.muteUser(team, 'U1', null);
      await store.setChannelNudges(team, 'C1', false);
      await store.recordFindings(team, 'U1', ['no-next-step'], DAY);
      await store.recordFeedback(team, 'U1', true, 'no-next-step', DAY);
      await store.saveInstallation(team, JSON.stringify({ team: { id: team } }));
    }
    await store.deleteWorkspace('T1');

    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 1 })).toBe(true);
    expect(await store.takeDaily('T1:llm:U1', DAY, 1)).toBe(true);
    expect(await store.getUserSettings('T1', 'U1', NOW)).toEqual({ muted: false });
    expect(await store.channelNudgesOn('T1', 'C1')).toBe(true);
    expect((await store.countFindings('T1', 'U1', [DAY]))['no-next-step']).toBe(0);
    expect(await store.countFeedback('T1', [DAY])).toEqual({ helpful: 0, notHelpful: 0 });
    expect(await store.getInstallation('T1')).toBeUndefined();

    expect(await store.takeNudge('T2', 'C2', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 1 })).toBe(false);
    expect(await store.takeDaily('T2:llm:U1', DAY, 1)).toBe(false);
    expect(await store.getUserSettings('T2', 'U1', NOW)).toEqual({ muted: true });
    expect(await store.channelNudgesOn('T2', 'C1')).toBe(false);
    expect((await store.countFindings('T2', 'U1', [DAY]))['no-next-step']).toBe(1);
    expect(await store.countFeedback('T2', [DAY])).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await store.getInstallation('T2')).toBe('{"team":{"id":"T2"}}');
  });

  it('peeks at a nudge allowance without taking it', async () => {
    const oneADay = { cooldownSeconds: 600, dailyCap: 1 };
    expect(await store.canNudge('T1', 'C1', 'U1', DAY, oneADay)).toBe(true);
    expect(await store.canNudge('T1', 'C1', 'U1', DAY, oneADay)).toBe(true); // peeking took nothing
    expect(await store.takeNudge('T1', 'C1', 'U1', DAY, oneADay)).toBe(true);
    expect(await store.canNudge('T1', 'C1', 'U1', DAY, oneADay)).toBe(false); // cooldown and cap
    expect(await store.canNudge('T1', 'C2', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 2 })).toBe(true);
    expect(await store.canNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 0, dailyCap: 2 })).toBe(true);
    expect(await store.canNudge('T1', 'C1', 'U2', DAY, oneADay)).toBe(true);
  });

  it('takes a rate quota up to its cap, shared by simultaneous callers, and refills after its window', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => store.takeRate('T1:reads', 3, 1)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await store.takeRate('T2:reads', 3, 1)).toBe(true);
    await sleep(1100);
    expect(await store.takeRate('T1:reads', 3, 1)).toBe(true);
  });

  it('keeps a tally per workspace and rule, and starts it afresh when the step changes', async () => {
    const start = await store.getRuleTallies('T1');
    expect(Object.keys(start).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULE_IDS) expect(start[rule]).toEqual({ step: 0, helpful: 0, notHelpful: 0 });

    await store.rateRule('T1', 'sure-well-try', false);
    await store.rateRule('T1', 'sure-well-try', true);
    const ratings = await Promise.all(Array.from({ length: 5 }, () => store.rateRule('T1', 'sure-well-try', false)));
    expect(Math.max(...ratings.map((r) => r.notHelpful))).toBe(6);
    expect(await store.rateRule('T2', 'sure-well-try', false)).toEqual({ step: 0, helpful: 0, notHelpful: 1 });
    expect((await store.getRuleTallies('T1'))['sure-well-try']).toEqual({ step: 0, helpful: 1, notHelpful: 6 });
    expect((await store.getRuleTallies('T1'))['build-vs-buy']).toEqual({ step: 0, helpful: 0, notHelpful: 0 });

    await store.setRuleStep('T1', 'sure-well-try', 2);
    expect((await store.getRuleTallies('T1'))['sure-well-try']).toEqual({ step: 2, helpful: 0, notHelpful: 0 });
    expect(await store.rateRule('T1', 'sure-well-try', false)).toEqual({ step: 2, helpful: 0, notHelpful: 1 });
    expect((await store.getRuleTallies('T2'))['sure-well-try']).toEqual({ step: 0, helpful: 0, notHelpful: 1 });

    await store.setRuleStep('T1', 'sure-well-try', 0);
    expect((await store.getRuleTallies('T1'))['sure-well-try']).toEqual({ step: 0, helpful: 0, notHelpful: 0 });
  });

  it('forgets one person in one workspace: every key naming them, and says what it was', async () => {
    for (const [team, user] of [['T1', 'U1'], ['T1', 'U10'], ['T2', 'U1']] as const) {
      await store.takeNudge(team, 'C1', user, DAY, limits);
      await store.takeDaily(`${team}:llm:user:${user}`, DAY, 5);
      await store.takeDaily(`${team}:feedback-given:${user}:1700000000.000100`, DAY, 1);
      await store.takeDaily(`${team}:rated:${user}:no-next-step`, DAY, 1);
      await store.muteUser(team, user, null);
      await store.recordFindings(team, user, ['no-next-step', 'build-vs-buy'], DAY);
      await store.recordFindings(team, user, ['no-next-step'], NEXT_DAY);
      await store.recordFeedback(team, user, false, 'no-next-step', DAY);
      await store.rateRule(team, 'no-next-step', false);
    }
    await store.setChannelNudges('T1', 'C1', false);

    expect(await store.forgetUser('T1', 'U1')).toEqual({ settings: 1, suggestions: 3, ratingMarks: 2, limits: 3, other: 0 });
    expect(await store.forgetUser('T1', 'U1')).toEqual({ settings: 0, suggestions: 0, ratingMarks: 0, limits: 0, other: 0 });

    expect(await store.getUserSettings('T1', 'U1', NOW)).toEqual({ muted: false });
    expect((await store.countFindings('T1', 'U1', [DAY, NEXT_DAY]))['no-next-step']).toBe(0);
    expect(await store.canNudge('T1', 'C1', 'U1', DAY, limits)).toBe(true);
    // Workspace-wide, nameless counts and settings stay.
    expect(await store.countFeedback('T1', [DAY])).toEqual({ helpful: 0, notHelpful: 2 });
    expect((await store.getRuleTallies('T1'))['no-next-step'].notHelpful).toBe(2);
    expect(await store.channelNudgesOn('T1', 'C1')).toBe(false);
    // U10 in the same workspace and U1 in another are untouched.
    for (const [team, user] of [['T1', 'U10'], ['T2', 'U1']] as const) {
      expect(await store.getUserSettings(team, user, NOW)).toEqual({ muted: true });
      expect((await store.countFindings(team, user, [DAY]))['no-next-step']).toBe(1);
      expect(await store.takeDaily(`${team}:llm:user:${user}`, DAY, 1)).toBe(false);
    }
  });

  it("refuses to forget a person whose id could reach another's keys", async () => {
    await expect(store.forgetUser('T1', 'U*')).rejects.toThrow(TypeError);
    await expect(store.forgetUser('T1', 'U1:x')).rejects.toThrow(TypeError);
    await expect(store.forgetUser('T1', '')).rejects.toThrow(TypeError);
  });

  it('keeps one installation per workspace, replaced on reinstall, until deleted', async () => {
    expect(await store.getInstallation('T1')).toBeUndefined();
    await store.saveInstallation('T1', '{"v":1}');
    await store.saveInstallation('T1', '{"v":2}');
    await store.saveInstallation('E1', '{"org":true}');
    expect(await store.getInstallation('T1')).toBe('{"v":2}');
    expect(await store.getInstallation('E1')).toBe('{"org":true}');
    await store.deleteInstallation('T1');
    expect(await store.getInstallation('T1')).toBeUndefined();
    expect(await store.getInstallation('E1')).toBe('{"org":true}');
  });

  it("refuses ids that could reach into another workspace's keys", async () => {
    await expect(store.channelNudgesOn('T1:U1', 'C1')).rejects.toThrow(TypeError);
    await expect(store.deleteWorkspace('*')).rejects.toThrow(TypeError);
    await expect(store.deleteWorkspace('')).rejects.toThrow(TypeError);
  });

  it('answers a ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});
