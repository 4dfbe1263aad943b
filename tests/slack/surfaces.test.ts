// DMs, the "Coach this message" shortcut, App Home, and workspace clean-up, over real HTTP.
import { describe, expect, it } from 'vitest';
import { buttonClick, dmMessage, useHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
import { lastDays } from '../../src/slack/time.ts';
import { FLAGGED, CLEAN } from '../helpers/examples.ts';

const NOT_ENGLISH = 'Je pense que nous devons utiliser Redis pour le cache, on le fait demain.';

let h: Harness;
useHarness((harness) => (h = harness));

const blockIds = (blocks: any[]) => blocks.map((b) => b.block_id);

describe('DMs', () => {
  it('coaches every message sent to the bot, in the same DM', async () => {
    await h.event(dmMessage(FLAGGED));
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('D1');
    expect(blockIds(post!.args.blocks)).toContain('finding-0');
    expect(String(post!.args.unfurl_links)).toBe('false'); // form-encoded by the WebClient
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]); // a DM is not nudged, it is answered
  });

  it('answers a clean message with a short "looks good"', async () => {
    await h.event(dmMessage(CLEAN));
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.text).toMatch(/Looks good/);
  });

  it('says a message in another language was not checked, instead of "looks good"', async () => {
    await h.event(dmMessage(NOT_ENGLISH));
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.text).toMatch(/Not checked: the coach reads English/);
    expect(post!.args.text).not.toMatch(/Looks good/);
  });

  it('replies in the thread when the DM message is in one', async () => {
    await h.event(dmMessage(FLAGGED, { thread_ts: '1700000000.000001' }));
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.thread_ts).toBe('1700000000.000001');
  });

  it("ignores the bot's own DM posts and edits", async () => {
    await h.event(dmMessage(FLAGGED, { user: 'UBOT' }));
    await h.event(dmMessage(FLAGGED, { subtype: 'message_changed' }));
    await h.event(dmMessage(FLAGGED, { bot_id: 'BBOT', subtype: 'bot_message' }));
    await h.event(dmMessage(CLEAN, { user: 'U-sentinel' }));
    await h.slack.waitFor('chat.postMessage');
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('feedback on a DM reply swaps the buttons for a thank-you in place', async () => {
    await h.event(dmMessage(FLAGGED, { user: 'U-dmfb' }));
    const [post] = await h.slack.waitFor('chat.postMessage');
    const message = { type: 'message', ts: '1700000000.5', text: post!.args.text, blocks: post!.args.blocks };
    await h.interaction(
      buttonClick(h.slack, 'coach_not_helpful', 'sure-well-try', {
        user: { id: 'U-dmfb', username: 'x', team_id: TEAM },
        message,
        container: { type: 'message', message_ts: '1700000000.5', channel_id: 'D1', is_ephemeral: false },
      }),
    );
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.replace_original).toBe(true);
    const ids = blockIds(reply!.args.blocks);
    expect(ids).toContain('finding-0');
    expect(ids).toContain('feedback-thanks');
    const actions = reply!.args.blocks.find((b: any) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['coach_detail']);
  });
});

describe('message shortcut "Coach this message"', () => {
  function shortcut(text: string, extra: Record<string, unknown> = {}) {
    return {
      type: 'message_action',
      callback_id: 'coach_message',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U-sc', username: 'bob', team_id: TEAM },
      channel: { id: 'C5', name: 'eng' },
      message: { type: 'message', user: 'U-other', ts: '1700000000.000300', text },
      message_ts: '1700000000.000300',
      response_url: h.slack.responseUrl(),
      trigger_id: '9.9.9',
      token: 't',
      action_ts: '1700000000.4',
      ...extra,
    };
  }

  it('coaches the selected message privately for the invoker', async () => {
    const res = await h.interaction(shortcut(FLAGGED));
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    expect(blockIds(reply!.args.blocks)).toContain('finding-0');
    await h.idle();
    // Counts go to the person who asked.
    expect((await h.store.countFindings(TEAM, 'U-sc', lastDays(Date.now(), 1)))['sure-well-try']).toBeGreaterThan(0);
  });

  it("falls back to the bot's DM, saying why, when Slack refuses the response_url and the bot is not in the channel", async () => {
    h.slack.failNext('response_url', { error: 'channel_not_found' });
    h.slack.failNext('chat.postEphemeral', { error: 'not_in_channel' });
    await h.interaction(shortcut(FLAGGED));
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('U-sc');
    expect(blockIds(post!.args.blocks)).toContain('finding-0');
    expect(post!.args.text).toContain('I am not a member of that channel');
  });

  it('reads the thread parent as context for a reply, and coaches without it when Slack says no', async () => {
    h.slack.setHistory('C5', [{ ts: '1700000000.000100', user: 'U-pm', text: 'can you also add SSO by Friday?' }]);
    const reply = { type: 'message', user: 'U-other', ts: '1700000000.000300', thread_ts: '1700000000.000100', text: "sure, we'll try" };
    await h.interaction(shortcut(reply.text, { message: reply }));
    await h.slack.waitFor('response_url');
    const [replies] = h.slack.callsTo('conversations.replies');
    expect(replies!.args).toMatchObject({ channel: 'C5', ts: '1700000000.000100' });

    h.slack.reset();
    h.slack.failNext('conversations.replies', { error: 'not_in_channel' });
    await h.interaction(shortcut(reply.text, { message: reply }));
    await h.slack.waitFor('response_url');
  });

  it('says the selected message was not checked when it is not in English', async () => {
    await h.interaction(shortcut(NOT_ENGLISH));
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.text).toMatch(/Not checked: the coach reads English/);
  });

  it('says so when the message has no text', async () => {
    await h.interaction(shortcut(''));
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.text).toMatch(/no text/);
  });
});

describe('App Home', () => {
  it("publishes usage, the user's settings as buttons and their own counts per rule", async () => {
    await h.command(FLAGGED, { user_id: 'U-home' });
    await h.slack.waitFor('response_url');
    await h.idle();
    await h.event({ type: 'app_home_opened', user: 'U-home', channel: 'D9', tab: 'home', event_ts: '1700000000.1' });
    const [publish] = await h.slack.waitFor('views.publish');
    expect(publish!.args.user_id).toBe('U-home');
    const blocks = publish!.args.view.blocks as any[];
    expect(publish!.args.view.type).toBe('home');
    const settings = blocks.find((b) => b.block_id === 'home-settings');
    expect(settings.elements.map((e: any) => e.action_id)).toEqual(['home_mute_today', 'home_mute']);
    const counts = blocks.find((b) => b.block_id === 'counts');
    expect(counts.fields).toHaveLength(5);
    expect(counts.fields.some((f: any) => /\n1$/.test(f.text))).toBe(true);
    expect(h.slack.violations).toEqual([]);
  });

  it('does nothing for the Messages tab', async () => {
    await h.event({ type: 'app_home_opened', user: 'U-home', channel: 'D9', tab: 'messages', event_ts: '1700000000.1' });
    await h.idle();
    expect(h.slack.effects).toEqual([]);
  });

  it('settings buttons change the setting and re-publish Home', async () => {
    const click = (actionId: string) =>
      buttonClick(h.slack, actionId, 'x', {
        user: { id: 'U-hb', username: 'x', team_id: TEAM },
        container: { type: 'view', view_id: 'VH' },
        view: { id: 'VH', type: 'home', blocks: [] },
      });
    await h.interaction(click('home_mute'));
    const [muted] = await h.slack.waitFor('views.publish');
    expect(muted!.args.view.blocks.find((b: any) => b.block_id === 'home-settings').elements[0].action_id).toBe('home_unmute');
    expect((await h.store.getUserSettings(TEAM, 'U-hb', Date.now())).muted).toBe(true);
    await h.interaction(click('home_unmute'));
    await h.slack.waitFor('views.publish', 2);
    await h.idle();
    expect((await h.store.getUserSettings(TEAM, 'U-hb', Date.now())).muted).toBe(false);
  });
});

describe('workspace lifecycle', () => {
  it('forgets the workspace when the app is uninstalled', async () => {
    await h.command('mute', { user_id: 'U-gone', team_id: 'T-gone' });
    await h.slack.waitFor('response_url');
    await h.idle();
    expect((await h.store.getUserSettings('T-gone', 'U-gone', Date.now())).muted).toBe(true);
    const res = await h.event({ type: 'app_uninstalled' }, { teamId: 'T-gone' });
    expect(res.status).toBe(200);
    await h.idle();
    expect((await h.store.getUserSettings('T-gone', 'U-gone', Date.now())).muted).toBe(false);
  });
});
