// Passive nudges over real HTTP: which messages get one, retries handled once, cooldown and daily cap (on SQLite
// and on a real Redis), mute and channel-off, Slack API failures survived, and the nudge's buttons.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buttonClick, channelMessage, startHarness, TEAM, useHarness, type Harness } from '../helpers/app-harness.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { lastDays } from '../../src/slack/time.ts';
import { CLEAN, DEMANDING_PARENT, FLAGGED, NUDGED, NUDGED_RULE } from '../helpers/examples.ts';

let users = 0;
/** A fresh author per test, so one test's cooldown never decides another's. */
const newUser = () => `UN${++users}`;

function expectNoBroadcast(h: Harness) {
  for (const call of h.slack.calls) expect(call.raw).not.toMatch(/<!(channel|here|everyone)|%3C!(channel|here|everyone)/i);
}

describe.each(['sqlite', 'redis'] as const)('nudge limits on %s', (backend) => {
  let h: Harness;
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = backend === 'redis' ? await startRedis() : undefined;
    h = await startHarness({ env: { NUDGE_COOLDOWN_SECONDS: '600', NUDGE_DAILY_CAP: '3', ...(redis ? { REDIS_URL: redis.url } : {}) } });
  });
  afterAll(async () => {
    await h.close();
    await redis?.stop();
  });
  beforeEach(async () => {
    await h.idle();
    h.slack.reset();
  });

  it('nudges the author privately, once, with show-rewrite / mute-today / not-helpful buttons', async () => {
    const user = newUser();
    expect((await h.event(channelMessage(NUDGED, { user }))).status).toBe(200);
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe(user);
    expect(nudge!.args.channel).toBe('C1');
    const actions = (nudge!.args.blocks as any[]).find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['nudge_show_rewrite', 'nudge_mute_today', 'nudge_not_helpful']);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]); // never a public post
    expect(h.slack.violations).toEqual([]);
  });

  it('handles an event once when Slack retries it (x-slack-retry-num 1..3) or sends it twice at once', async () => {
    const eventId = `EvRetry-${backend}`;
    const event = channelMessage(NUDGED, { user: newUser() });
    await Promise.all([h.event(event, { eventId }), h.event(event, { eventId })]);
    for (const retryNum of [1, 2, 3]) expect((await h.event(event, { eventId, retryNum })).status).toBe(200);
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('still handles a first delivery that arrives with a retry header (the original was lost)', async () => {
    await h.event(channelMessage(NUDGED, { user: newUser() }), { retryNum: 1, retryReason: 'http_timeout' });
    await h.slack.waitFor('chat.postEphemeral');
  });

  it('waits out the cooldown per author per channel', async () => {
    const user = newUser();
    await h.event(channelMessage(NUDGED, { user }));
    await h.slack.waitFor('chat.postEphemeral');
    await h.event(channelMessage(NUDGED, { user }));
    await h.event(channelMessage(NUDGED, { user, channel: 'C2' })); // another channel is fine
    await h.slack.waitFor('chat.postEphemeral', 2);
    await h.idle();
    expect(h.slack.callsTo('chat.postEphemeral').map((c) => c.args.channel).sort()).toEqual(['C1', 'C2']);
  });

  it('stops at the daily cap per author', async () => {
    const user = newUser();
    for (const channel of ['C1', 'C2', 'C3', 'C4', 'C5']) await h.event(channelMessage(NUDGED, { user, channel }));
    await h.slack.waitFor('chat.postEphemeral', 3);
    await h.idle();
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(3);
  });
});

describe('nudges', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  /** Sends `event`, then a message that must be nudged; only the second may produce a nudge. */
  async function expectIgnored(event: Record<string, unknown>) {
    await h.event(event);
    const sentinel = newUser();
    await h.event(channelMessage(NUDGED, { user: sentinel }));
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    expect(h.slack.callsTo('chat.postEphemeral').map((c) => c.args.user)).toEqual([sentinel]);
  }

  it.each([
    ['an edit', { subtype: 'message_changed', message: { text: NUDGED, user: 'U1' } }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['another bot (bot_message)', { subtype: 'bot_message', bot_id: 'B_OTHER' }],
    ['another bot without a subtype', { bot_id: 'B_OTHER' }],
    ['our own bot user', { user: 'UBOT' }],
    ['a thread broadcast', { subtype: 'thread_broadcast', thread_ts: '1700000000.000001' }],
    ['a channel join', { subtype: 'channel_join' }],
    ['a /me message', { subtype: 'me_message' }],
    ['a hidden message', { hidden: true }],
    ['a group DM', { channel: 'G1', channel_type: 'mpim' }],
    ['someone from another organisation (Slack Connect)', { user_team: 'T_OTHER' }],
  ])('ignores %s', async (_name, extra) => {
    await expectIgnored(channelMessage(NUDGED, { user: newUser(), ...extra }));
  });

  it('ignores a message that needs no coaching', async () => {
    await expectIgnored(channelMessage(CLEAN, { user: newUser() }));
  });

  it('nudges in private channels (message.groups) and inside threads', async () => {
    const user = newUser();
    h.slack.setHistory('G9', [{ ts: '1700000000.000001', user: 'U-pm', text: DEMANDING_PARENT }]);
    await h.event(channelMessage(FLAGGED, { user, channel: 'G9', channel_type: 'group', thread_ts: '1700000000.000001' }));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.channel).toBe('G9');
    expect(nudge!.args.thread_ts).toBe('1700000000.000001');
  });

  it('leaves a muted author alone until they unmute', async () => {
    const user = newUser();
    await h.command('mute', { user_id: user });
    await h.slack.waitFor('response_url');
    await expectIgnored(channelMessage(NUDGED, { user }));
    h.slack.reset();
    await h.command('unmute', { user_id: user });
    await h.slack.waitFor('response_url');
    await h.event(channelMessage(NUDGED, { user }));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe(user);
  });

  it('stays quiet in a channel whose nudges are off', async () => {
    await h.command('nudges off', { channel_id: 'C-off' });
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    await expectIgnored(channelMessage(NUDGED, { user: newUser(), channel: 'C-off' }));
    h.slack.reset();
    await h.command('nudges on', { channel_id: 'C-off' });
    await h.slack.waitFor('response_url');
    await h.event(channelMessage(NUDGED, { user: newUser(), channel: 'C-off' }));
    await h.slack.waitFor('chat.postEphemeral');
  });

  it('survives a 429 from chat.postEphemeral by waiting Retry-After, then delivers', async () => {
    h.slack.failNext('chat.postEphemeral', { status: 429, retryAfter: 1 });
    await h.event(channelMessage(NUDGED, { user: newUser() }));
    const calls = await h.slack.waitFor('chat.postEphemeral', 2, 8000);
    expect(calls).toHaveLength(2);
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
  });

  it('survives Slack answering 500 until the retries run out, and keeps nudging others', async () => {
    h.slack.failNext('chat.postEphemeral', { status: 500 }, 3);
    await h.event(channelMessage(NUDGED, { user: newUser() }));
    await h.slack.waitFor('chat.postEphemeral', 3, 8000);
    await h.idle();
    expect(h.logs.some((l) => l.msg === 'nudge failed')).toBe(true);
    const next = newUser();
    await h.event(channelMessage(NUDGED, { user: next }));
    const calls = await h.slack.waitFor('chat.postEphemeral', 4);
    expect(calls[3]!.args.user).toBe(next);
  });

  it('logs an ok:false error (user_not_in_channel) without retrying or crashing', async () => {
    h.slack.failNext('chat.postEphemeral', { error: 'user_not_in_channel' });
    await h.event(channelMessage(NUDGED, { user: newUser() }));
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'nudge failed' && JSON.stringify(l).includes('user_not_in_channel'))).toBe(true);
  });

  it('never echoes a broadcast ping from the message', async () => {
    await h.event(channelMessage(`<!channel> <!here|here> ${NUDGED} <!everyone>`, { user: newUser() }));
    await h.slack.waitFor('chat.postEphemeral');
    expectNoBroadcast(h);
  });

  describe('buttons', () => {
    it('"Show a rewrite" re-reads the message and replaces the nudge with the full coaching', async () => {
      const user = newUser();
      const ts = '1700000100.000100';
      h.slack.setHistory('C7', [{ ts, user, text: NUDGED }]);
      await h.interaction(buttonClick(h.slack, 'nudge_show_rewrite', JSON.stringify({ c: 'C7', ts }), { user: { id: user, username: 'x', team_id: TEAM } }));
      const [reply] = await h.slack.waitFor('response_url');
      expect(reply!.args.replace_original).toBe(true);
      expect((reply!.args.blocks as any[]).some((b) => b.block_id === 'rewrite')).toBe(true);
      expect(h.slack.callsTo('conversations.history')[0]!.args.channel).toBe('C7');
    });

    it('"Show a rewrite" refuses to show someone else\'s message', async () => {
      const ts = '1700000200.000100';
      h.slack.setHistory('C8', [{ ts, user: 'U-author', text: NUDGED }]);
      await h.interaction(buttonClick(h.slack, 'nudge_show_rewrite', JSON.stringify({ c: 'C8', ts }), { user: { id: 'U-other', username: 'x', team_id: TEAM } }));
      const [reply] = await h.slack.waitFor('response_url');
      expect(reply!.args.blocks.some((b: any) => b.block_id === 'rewrite')).toBe(false);
    });

    it('"Show a rewrite" reads a thread reply with conversations.replies', async () => {
      const user = newUser();
      h.slack.setHistory('C9', [{ ts: '1700000300.000100', user: 'U-pm', text: DEMANDING_PARENT }, { ts: '1700000300.000200', user, text: FLAGGED, thread_ts: '1700000300.000100' }]);
      const value = JSON.stringify({ c: 'C9', ts: '1700000300.000200', th: '1700000300.000100' });
      await h.interaction(buttonClick(h.slack, 'nudge_show_rewrite', value, { user: { id: user, username: 'x', team_id: TEAM } }));
      const [reply] = await h.slack.waitFor('response_url');
      expect((reply!.args.blocks as any[]).some((b) => b.block_id === 'rewrite')).toBe(true);
      expect(h.slack.callsTo('conversations.replies')).toHaveLength(1); // the parent came with the reply
    });

    it('"Mute for today" mutes until midnight UTC and says so in place', async () => {
      const user = newUser();
      await h.interaction(buttonClick(h.slack, 'nudge_mute_today', 'today', { user: { id: user, username: 'x', team_id: TEAM } }));
      const [reply] = await h.slack.waitFor('response_url');
      expect(reply!.args.replace_original).toBe(true);
      await h.idle();
      const settings = await h.store.getUserSettings(TEAM, user, Date.now());
      expect(settings.muted).toBe(true);
      expect(settings.mutedUntil).toBe(Math.ceil((Date.now() + 1) / 86_400_000) * 86_400_000);
    });

    it('"Not helpful" counts once, however often it is clicked', async () => {
      const days = lastDays(Date.now(), 1);
      const before = await h.store.countFeedback(TEAM, days);
      const click = buttonClick(h.slack, 'nudge_not_helpful', NUDGED_RULE, { user: { id: newUser(), username: 'x', team_id: TEAM } });
      await h.interaction(click);
      await h.interaction({ ...click, response_url: h.slack.responseUrl() });
      await h.slack.waitFor('response_url', 2);
      await h.idle();
      const after = await h.store.countFeedback(TEAM, days);
      expect(after.notHelpful - before.notHelpful).toBe(1);
      expect(after.helpful).toBe(before.helpful);
    });
  });
});
