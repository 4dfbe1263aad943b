// Multi-workspace install over real HTTP, with two instances on one real Redis: the install starts on A, Slack's
// redirect lands on B (state signed with the shared SLACK_STATE_SECRET, checked against the browser's cookie), B
// exchanges the code through oauth.v2.access and saves the installation in Redis, and A then answers that workspace
// with that workspace's token. Uninstalling deletes the installation and the workspace's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { buttonClick, dmMessage, startHarness, type Harness } from '../helpers/app-harness.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '111.222',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_STATE_SECRET: 'state-secret-0123456789',
};
const NEW_TEAM = 'T2';
const NEW_TOKEN = `xoxb-${NEW_TEAM}-installed`;

let redis: RedisServer;
let a: Harness;
let b: Harness;
beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([
    startHarness({ env: { ...OAUTH_ENV, REDIS_URL: redis.url } }),
    startHarness({ env: { ...OAUTH_ENV, REDIS_URL: redis.url } }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
});

/** Runs the browser's side of the install: /slack/install on `start`, Slack's redirect back to `finish`. */
async function install(start: Harness, finish: Harness, code: string): Promise<Response> {
  const page = await fetch(`${start.origin}/slack/install`, { redirect: 'manual' });
  expect(page.status).toBe(302);
  const authorize = new URL(page.headers.get('location')!);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  expect(cookie).toMatch(/slack-app-oauth-state=/);
  const redirect = new URL(`${finish.origin}/slack/oauth_redirect`);
  redirect.searchParams.set('code', code);
  redirect.searchParams.set('state', authorize.searchParams.get('state')!);
  return fetch(redirect, { headers: { cookie }, redirect: 'manual' });
}

describe('multi-workspace install (OAuth) on two instances', () => {
  it('sends people to Slack with our scopes and a signed state', async () => {
    const res = await fetch(`${a.origin}/slack/install`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('111.222');
    expect(location.searchParams.get('scope')!.split(',').sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
    expect(location.searchParams.get('state')!.split('.')).toHaveLength(3); // a JWT
  });

  it('refuses a redirect whose state was not issued to this browser', async () => {
    const page = await fetch(`${a.origin}/slack/install`, { redirect: 'manual' });
    const state = new URL(page.headers.get('location')!).searchParams.get('state')!;
    const res = await fetch(`${b.origin}/slack/oauth_redirect?code=code-T7&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(b.slack.callsTo('oauth.v2.access')).toEqual([]);
    expect(await b.store.getInstallation('T7')).toBeUndefined();
  });

  it('installs through A and B, stores the installation in Redis, and answers that workspace with its own token', async () => {
    const done = await install(a, b, `code-${NEW_TEAM}`);
    expect(done.status).toBe(200);
    const [exchange] = b.slack.callsTo('oauth.v2.access');
    expect(exchange!.args).toMatchObject({ code: `code-${NEW_TEAM}`, client_id: '111.222', client_secret: 'client-secret-for-tests' });
    const saved = JSON.parse((await a.store.getInstallation(NEW_TEAM))!);
    expect(saved.team.id).toBe(NEW_TEAM);
    expect(saved.bot.token).toBe(NEW_TOKEN);

    // A never saw the redirect: it reads the installation from Redis.
    expect((await a.event(dmMessage('Sure, we will try to ship it by Friday.'), { teamId: NEW_TEAM })).status).toBe(200);
    const [reply] = await a.slack.waitFor('chat.postMessage');
    expect(reply!.authorization).toBe(`Bearer ${NEW_TOKEN}`);

    // Per-workspace settings: a /tradeoff setting lands under that team's keys.
    expect((await a.command('mute', { team_id: NEW_TEAM })).status).toBe(200);
    await a.slack.waitFor('response_url');
    await a.idle();
    expect(await a.store.getUserSettings(NEW_TEAM, 'U1', Date.now())).toEqual({ muted: true });
  });

  it('keeps acking an installed workspace quickly while Redis is frozen (installation cache)', async () => {
    a.slack.reset();
    redis.pause();
    try {
      const started = performance.now();
      const res = await a.event(dmMessage('We should rewrite the billing service in Rust.'), { teamId: NEW_TEAM });
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      const [reply] = await a.slack.waitFor('chat.postMessage');
      expect(reply!.authorization).toBe(`Bearer ${NEW_TOKEN}`);
    } finally {
      redis.resume();
    }
  });

  it('does nothing for a workspace that never installed', async () => {
    b.slack.reset();
    expect((await b.event(dmMessage('hello'), { teamId: 'T404' })).status).toBe(200);
    await b.idle();
    expect(b.slack.effects).toEqual([]);
  });

  it('app_uninstalled deletes the installation and the workspace data; the workspace is then ignored', async () => {
    // Feedback too, so that every kind of per-workspace key exists before the uninstall.
    const click = buttonClick(b.slack, 'coach_helpful', 'sure-well-try', { team: { id: NEW_TEAM, domain: 'new' }, user: { id: 'U1', username: 'a', team_id: NEW_TEAM } });
    expect((await b.interaction(click)).status).toBe(200);
    await b.idle();
    const redisKeys = async () => {
      const client = new Redis(redis.url);
      try {
        return await client.keys(`*${NEW_TEAM}*`);
      } finally {
        client.disconnect();
      }
    };
    expect((await redisKeys()).map((key) => key.split(':')[2]).sort()).toEqual(
      expect.arrayContaining(['feedback', 'feedback-given', 'findings', 'installation', 'mute']),
    );

    b.slack.reset();
    const uninstalled = { type: 'app_uninstalled', event_ts: '1700000000.000100' };
    expect((await b.event(uninstalled, { teamId: NEW_TEAM })).status).toBe(200);
    await b.idle();
    expect(await b.store.getInstallation(NEW_TEAM)).toBeUndefined();
    expect(await b.store.getUserSettings(NEW_TEAM, 'U1', Date.now())).toEqual({ muted: false });
    expect(await redisKeys()).toEqual([]); // nothing about the workspace is left

    expect((await b.event(dmMessage('Sure, we will try.'), { teamId: NEW_TEAM })).status).toBe(200);
    await b.idle();
    expect(b.slack.effects).toEqual([]);
  });

  it('says loudly when an uninstall arrives while Redis is down (Slack will not send it again)', async () => {
    redis.pause();
    try {
      expect((await a.event({ type: 'app_uninstalled', event_ts: '1700000000.000300' }, { teamId: 'T5' })).status).toBe(200);
      await a.idle();
    } finally {
      redis.resume();
    }
    const line = a.logs.find((l) => l.team === 'T5' && l.level === 50);
    expect(line?.msg).toMatch(/could not be deleted/);
  });

  it('tokens_revoked (bot token) deletes a reinstalled workspace too', async () => {
    expect((await install(b, a, 'code-T3')).status).toBe(200);
    expect(await b.store.getInstallation('T3')).toBeDefined();
    const revoked = { type: 'tokens_revoked', tokens: { bot: ['UBOT'] }, event_ts: '1700000000.000200' };
    expect((await a.event(revoked, { teamId: 'T3' })).status).toBe(200);
    await a.idle();
    expect(await b.store.getInstallation('T3')).toBeUndefined();
  });
});
