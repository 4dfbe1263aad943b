// No reply lost to a transient Slack error (issue 10), over real HTTP with real signatures against the fake Slack:
// the response_url is retried on 5xx and network errors, then the reply goes ephemerally into the channel
// (chat.postEphemeral), then into the person's DM with the bot saying why; when every route fails for a moment the
// chain runs again in the background (a reply in the DM too); a reply refused for good is logged once, by reason.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, QUICK_RETRY, SLOW_RETRY } from '../../src/slack/retry.ts';
import { buttonClick, dmMessage, startHarness, TEAM, useHarness, type Harness } from '../helpers/app-harness.ts';
import { completion, startFakeServer, type FakeServer } from '../llm/helpers.ts';
import { FLAGGED } from '../helpers/examples.ts';

const AI_REWRITE = 'We can ship SSO by Friday or keep [what slips] on track, not both. Which matters more?';

const blockIds = (blocks: any[]) => blocks.map((b) => b.block_id);
const logged = (h: Harness, msg: string) => h.logs.filter((line) => line.msg === msg);

/** A URL on 127.0.0.1 where nothing listens: every post to it fails with ECONNREFUSED. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/resp/gone`;
}

describe('the retry policies', () => {
  it("wait like web-api's: quick ones within about a second, slow ones over about half an hour", () => {
    const waits = (policy: typeof QUICK_RETRY, random: number) =>
      Array.from({ length: policy.retries ?? 10 }, (_, attempt) => backoffMs(policy, attempt, () => random));
    expect(waits(QUICK_RETRY, 0)).toEqual([200, 400]);
    expect(waits(QUICK_RETRY, 0.99).reduce((a, b) => a + b)).toBeLessThan(1_300);
    const minutes = (random: number) => waits(SLOW_RETRY, random).reduce((a, b) => a + b) / 60_000;
    expect(waits(SLOW_RETRY, 0)[0]).toBe(1_000);
    // 15 to 30 minutes by the randomisation; the reply stops being retried at the response_url's 29th minute.
    expect(minutes(0)).toBeGreaterThan(14);
    expect(minutes(0.99)).toBeGreaterThan(29);
  });
});

describe('a reply through the response_url', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it('is retried after a 5xx and arrives there, with nothing posted anywhere else', async () => {
    h.slack.failNext('response_url', { status: 500 }, 2);
    await h.command(FLAGGED);
    const calls = await h.slack.waitFor('response_url', 3);
    await h.idle();
    expect(new Set(calls.map((c) => c.raw)).size).toBe(1); // the same reply, three times
    expect(blockIds(calls[2]!.args.blocks)).toContain('finding-0');
    expect(h.slack.effects.map((c) => c.method)).toEqual(['response_url', 'response_url', 'response_url']);
  });

  it('falls back to chat.postEphemeral in the channel when the response_url keeps failing', async () => {
    h.slack.failNext('response_url', { status: 500 }, 3);
    await h.command(FLAGGED, { channel_id: 'C-eph', user_id: 'U-eph' });
    const [post] = await h.slack.waitFor('chat.postEphemeral');
    expect(post!.args).toMatchObject({ channel: 'C-eph', user: 'U-eph' });
    expect(blockIds(post!.args.blocks)).toContain('finding-0');
    expect(h.slack.callsTo('response_url')).toHaveLength(3);
    await h.idle();
    const [fallback] = logged(h, 'reply delivered by a fallback').slice(-1);
    expect(fallback).toMatchObject({ route: 'chat.postEphemeral', failed: { response_url: 'HTTP 500 after 3 tries' } });
  });

  it('retries a response_url that cannot be reached (network error), then falls back', async () => {
    await h.command(FLAGGED, { response_url: await deadUrl(), user_id: 'U-net' });
    const [post] = await h.slack.waitFor('chat.postEphemeral');
    expect(post!.args.user).toBe('U-net');
    await h.idle();
    const [fallback] = logged(h, 'reply delivered by a fallback').slice(-1);
    expect(fallback!.failed).toEqual({ response_url: 'network: ECONNREFUSED after 3 tries' });
  });

  it('does not retry a response_url Slack refused for good (expired_url)', async () => {
    h.slack.failNext('response_url', { error: 'expired_url' });
    await h.command(FLAGGED);
    await h.slack.waitFor('chat.postEphemeral');
    expect(h.slack.callsTo('response_url')).toHaveLength(1);
  });

  it("goes to the person's DM with the bot, saying why, when the bot cannot post in the channel either", async () => {
    h.slack.failNext('response_url', { status: 500 }, 3);
    h.slack.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await h.command(FLAGGED, { channel_id: 'C-out', user_id: 'U-dm' });
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('U-dm');
    expect(post!.args.text).toMatch(/^I could not answer you in <#C-out> \(I am not a member of that channel\)/);
    expect(post!.args.blocks[0].type).toBe('context');
    expect(blockIds(post!.args.blocks)).toContain('finding-0');
    expect(h.slack.violations).toEqual([]);
  });

  it('says so in the DM when Slack itself was failing in the channel', async () => {
    h.slack.failNext('response_url', { status: 500 }, 3);
    h.slack.failNext('chat.postEphemeral', { status: 500 }, 3); // the WebClient's own two retries included
    await h.command(FLAGGED, { user_id: 'U-dm2' });
    const [post] = await h.slack.waitFor('chat.postMessage', 1, 10_000);
    expect(post!.args.text).toContain('Slack was failing when I replied there');
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(3);
  });

  it('logs a reply refused for good on every route once, by reason, and sends no apology after it', async () => {
    h.slack.failNext('response_url', { error: 'used_url' });
    h.slack.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    h.slack.failNext('chat.postMessage', { error: 'messages_tab_disabled' });
    await h.command(FLAGGED, { user_id: 'U-lost' });
    await h.slack.waitFor('chat.postMessage');
    await h.idle();
    const lost = logged(h, 'reply undeliverable');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      level: 40,
      user: 'U-lost',
      why: 'refused',
      reason: 'response_url: used_url; chat.postEphemeral: channel_not_found; dm: messages_tab_disabled',
    });
    expect(h.slack.effects).toHaveLength(3);
    expect(h.logText()).not.toContain('squeeze');
  });

  it('sends settings confirmations through the same chain', async () => {
    h.slack.failNext('response_url', { status: 500 }, 3);
    await h.command('mute', { user_id: 'U-mute' });
    const [post] = await h.slack.waitFor('chat.postEphemeral');
    expect(post!.args.text).toMatch(/muted/i);
  });

  it("answers a nudge's buttons through the same chain: retried in place, then ephemerally in the channel", async () => {
    const user = { id: 'U-btn', username: 'x', team_id: TEAM };
    h.slack.failNext('response_url', { status: 500 });
    await h.interaction(buttonClick(h.slack, 'nudge_mute_today', 'today', { user }));
    const [failed, retried] = await h.slack.waitFor('response_url', 2);
    expect(retried!.raw).toBe(failed!.raw);
    expect(retried!.args).toMatchObject({ replace_original: true, text: expect.stringMatching(/Muted for today/) });

    h.slack.failNext('response_url', { status: 500 }, 3);
    await h.interaction(buttonClick(h.slack, 'nudge_not_helpful', 'sure-well-try', { user, channel: { id: 'C-btn', name: 'x' } }));
    const [post] = await h.slack.waitFor('chat.postEphemeral');
    expect(post!.args).toMatchObject({ channel: 'C-btn', user: 'U-btn', text: expect.stringMatching(/Thanks, noted/) });
  });
});

describe('a reply that Slack refuses everywhere for a moment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('is delivered in the background once Slack is back, through the response_url', async () => {
    h.slack.failNext('response_url', { status: 500 }, 3);
    h.slack.failNext('chat.postEphemeral', { status: 500 }, 3);
    h.slack.failNext('chat.postMessage', { status: 500 }, 3);
    await h.command(FLAGGED, { user_id: 'U-later' });
    // First pass: 3 + 3 + 3 failed calls; then web-api's slow policy waits 1-2 s and tries again.
    const calls = await h.slack.waitFor('response_url', 4, 15_000);
    expect(blockIds(calls[3]!.args.blocks)).toContain('finding-0');
    await expect.poll(() => logged(h, 'reply delivered after Slack recovered')).toHaveLength(1);
    expect(logged(h, 'reply undeliverable')).toHaveLength(0);
  }, 20_000);

  it('is retried the same way when it is a reply in the DM with the bot', async () => {
    h.slack.reset(); // the calls of the test before
    h.slack.failNext('chat.postMessage', { status: 500 }, 3);
    await h.event(dmMessage(FLAGGED, { user: 'U-dm-later', channel: 'D-later' }));
    const posts = await h.slack.waitFor('chat.postMessage', 4, 15_000);
    expect(posts[3]!.args.channel).toBe('D-later');
    expect(blockIds(posts[3]!.args.blocks)).toContain('finding-0');
    await expect.poll(() => logged(h, 'reply delivered after Slack recovered').at(-1)).toMatchObject({ surface: 'dm', user: 'U-dm-later' });
  }, 20_000);

});

describe('a reply still waiting for Slack when the app stops', () => {
  it('is logged as undeliverable, with the reasons it was waiting for', async () => {
    const h = await startHarness();
    h.slack.failNext('response_url', { status: 500 }, 3);
    h.slack.failNext('chat.postEphemeral', { status: 500 }, 3);
    h.slack.failNext('chat.postMessage', { status: 500 }, 3);
    await h.command(FLAGGED, { user_id: 'U-stop' });
    await h.slack.waitFor('chat.postMessage', 3, 10_000);
    await h.idle();
    await h.close();
    const [lost] = logged(h, 'reply undeliverable');
    expect(lost).toMatchObject({ user: 'U-stop', why: 'shutting down' });
    expect(lost!.reason).toBe('response_url: HTTP 500; chat.postEphemeral: HTTP 500 after retries; dm: HTTP 500 after retries');
  }, 20_000);
});

describe('the AI rewrite after a fallback', () => {
  let model: FakeServer;
  let h: Harness;
  beforeAll(async () => {
    model = await startFakeServer(() => [200, completion({ rewrite: AI_REWRITE, assumptions: ['what slips'] })]);
    h = await startHarness({ env: { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: model.baseUrl, LLM_TIMEOUT_MS: '3000' } });
  });
  afterAll(async () => {
    await h.close();
    await model.close();
  });

  it('updates the DM reply in place (chat.update), where the first answer landed', async () => {
    h.slack.failNext('response_url', { error: 'expired_url' });
    h.slack.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await h.command(FLAGGED, { user_id: 'U-ai' });
    const [post] = await h.slack.waitFor('chat.postMessage');
    const [update] = await h.slack.waitFor('chat.update');
    expect(post!.args.channel).toBe('U-ai');
    expect(update!.raw).toContain('slips');
    expect(h.slack.callsTo('response_url')).toHaveLength(1);
  });
});
