// "Forget me" over real signed HTTP, on SQLite and on a real Redis: after `/tradeoff forget me` (or the App Home
// button) no stored key names the person, what was deleted is said, and nobody else's data is touched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../src/store/index.ts';
import { buttonClick, channelMessage, startHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
import { FLAGGED, NUDGED, NUDGED_RULE } from '../helpers/examples.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

describe.each(['sqlite', 'redis'] as const)('forget me on %s', (backend) => {
  let h: Harness;
  let redis: RedisServer | undefined;
  let admin: Redis | undefined;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-forget-'));
    redis = backend === 'redis' ? await startRedis() : undefined;
    admin = redis ? new Redis(redis.url) : undefined;
    h = await startHarness({ env: redis ? { REDIS_URL: redis.url } : { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await h?.close();
    admin?.disconnect();
    await redis?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Every key in the store, read straight from Redis or from the SQLite file (expired rows included). */
  async function allKeys(): Promise<string[]> {
    if (admin) return admin.keys('*');
    const db = new DatabaseSync(join(dataDir, SQLITE_FILE), { readOnly: true });
    try {
      return (db.prepare('SELECT key FROM kv').all() as { key: string }[]).map((row) => row.key);
    } finally {
      db.close();
    }
  }
  const naming = (keys: string[], user: string) => keys.filter((key) => key.split(':').includes(user) || key.includes(user));

  /** Everything a person can leave behind: counts, a nudge (cooldown, daily count), a rating, a mute. */
  async function leaveTraces(user: string, channel: string) {
    await h.command(FLAGGED, { user_id: user });
    await h.event(channelMessage(NUDGED, { user, channel }));
    const [nudge] = (await h.slack.waitFor('chat.postEphemeral', 1)).filter((c) => c.args.user === user);
    expect(nudge).toBeDefined();
    await h.interaction(
      buttonClick(h.slack, 'nudge_not_helpful', NUDGED_RULE, {
        user: { id: user, username: 'x', team_id: TEAM },
        container: { type: 'message', message_ts: `1700300000.000100`, channel_id: channel, is_ephemeral: true },
      }),
    );
    await h.command('mute', { user_id: user });
    await h.idle();
    h.slack.reset();
  }

  it('`/tradeoff forget me` leaves no key naming the person, says what it deleted, and keeps everyone else’s', async () => {
    const [gone, kept] = ['UFORGET1', 'UKEEP1'];
    await leaveTraces(gone, 'CF1');
    await leaveTraces(kept, 'CF2');
    const before = await allKeys();
    for (const kind of ['mute', 'findings', 'nudges', 'cooldown', 'feedback-given', 'rated']) {
      expect(naming(before, gone).some((key) => key.startsWith(`tc:${TEAM}:${kind}:`)), kind).toBe(true);
    }

    await h.command('forget me', { user_id: gone });
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    const said = JSON.stringify(reply!.args.blocks);
    expect(said).toMatch(/Forgotten/);
    expect(said).toMatch(/your nudge setting: you had muted nudges/);
    expect(said).toMatch(/your counts: 2 suggestions/); // one from /tradeoff, one from the nudge
    expect(said).toMatch(/2 marks of what you rated/);
    expect(said).toMatch(/limits on you for today/);
    expect(said).toMatch(/never stored/);
    await h.idle();

    const after = await allKeys();
    expect(naming(after, gone)).toEqual([]);
    expect(naming(after, kept).sort()).toEqual(naming(before, kept).sort());
    // Workspace-wide counts that name no one stay.
    expect(after.some((key) => key.startsWith(`tc:${TEAM}:tuning:${NUDGED_RULE}:`))).toBe(true);

    // Asked again: nothing left.
    h.slack.reset();
    await h.command('forget me', { user_id: gone });
    const [again] = await h.slack.waitFor('response_url');
    expect(JSON.stringify(again!.args.blocks)).toMatch(/nothing stored under your id/);
  });

  it('the App Home button does the same and shows what it deleted on the Home tab', async () => {
    const user = 'UFORGET2';
    await leaveTraces(user, 'CF3');
    expect(naming(await allKeys(), user).length).toBeGreaterThan(0);
    await h.interaction(
      buttonClick(h.slack, 'home_forget_me', 'me', {
        user: { id: user, username: 'x', team_id: TEAM },
        container: { type: 'view', view_id: 'V1' },
      }),
    );
    const [publish] = await h.slack.waitFor('views.publish');
    expect(publish!.args.user_id).toBe(user);
    const notice = publish!.args.view.blocks.find((b: any) => b.block_id === 'notice');
    expect(notice.text.text).toMatch(/Forgotten\.\* In this workspace I deleted/);
    // The Home tab it shows is the fresh one: nudges on, nothing counted.
    expect(publish!.args.view.blocks.some((b: any) => b.block_id === 'home-settings' && b.elements[0].action_id === 'home_mute_today')).toBe(true);
    await h.idle();
    expect(naming(await allKeys(), user)).toEqual([]);
    expect(h.slack.violations).toEqual([]);
  });
});
