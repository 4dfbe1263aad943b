// Thread-aware nudges over real signed HTTP against the fake Slack: a thread reply whose reading depends on the
// message it answers is decided with that parent, read with conversations.replies (limit 1) only for a message that
// could be nudged, cached per thread, within a per-workspace budget; a rate-limited or failed read means no nudge.
// The shortcut and "Show a rewrite" use the same parent.
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { analyze, rewrite } from '../../src/engine/index.ts';
import { createLogger } from '../../src/logger.ts';
import { showUserText } from '../../src/slack/escape.ts';
import { ThreadContext } from '../../src/slack/thread-context.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { buttonClick, channelMessage, startHarness, TEAM, useHarness, type Harness } from '../helpers/app-harness.ts';
import { FLAGGED, NUDGED } from '../helpers/examples.ts';
import { FakeSlack, type HistoryMessage } from '../helpers/fake-slack-api.ts';

const { WebClient } = webApi;

// Our own words: the same short reply under a request that adds scope by a date, and under a social invite.
const ACCEPTANCE = "sure, we'll try";
const ASK = 'can you add SSO by Friday?';
const INVITE = 'want coffee?';

let threads = 0;
let users = 0;
const newUser = () => `UT${++users}`;

/** A fresh thread in `channel`: its parent's ts, with the parent stored in the fake Slack. */
function newThread(h: Harness, channel: string, parentText: string, history: HistoryMessage[] = []) {
  const ts = `1700100${String(++threads).padStart(3, '0')}.000100`;
  history.push({ ts, user: 'U-asker', text: parentText });
  h.slack.setHistory(channel, history);
  return ts;
}

const reply = (text: string, channel: string, threadTs: string, user: string, extra: Record<string, unknown> = {}) =>
  channelMessage(text, { channel, user, thread_ts: threadTs, ...extra });

const logged = (h: Harness, msg: string) => h.logs.filter((line) => line.msg === msg);

/** The rules' rewrite of `text` beside `context`, as a coaching reply shows it: it differs with the parent. */
const rewriteBeside = (text: string, context: string) => showUserText(rewrite(text, analyze(text, { context }), { context }));
const rewriteShown = (blocks: any[]) => blocks.find((b) => b.block_id === 'rewrite')?.text.text as string | undefined;

describe('thread-aware nudges', () => {
  let h: Harness;
  useHarness((harness) => (h = harness));

  it(`"${ACCEPTANCE}" under "${ASK}" gets a nudge; the same words under "${INVITE}" do not`, async () => {
    const history: HistoryMessage[] = [];
    const askThread = newThread(h, 'CTH1', ASK, history);
    const inviteThread = newThread(h, 'CTH1', INVITE, history);
    const [asked, invited] = [newUser(), newUser()];

    await h.event(reply(ACCEPTANCE, 'CTH1', inviteThread, invited));
    await h.event(reply(ACCEPTANCE, 'CTH1', askThread, asked));
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();

    // Both parents were read, each once, with limit 1: the decision was made with the parent, not without it.
    const reads = h.slack.callsTo('conversations.replies').map((c) => c.args);
    expect(reads.map((r) => r.ts).sort()).toEqual([askThread, inviteThread].sort());
    for (const read of reads) expect(read).toMatchObject({ channel: 'CTH1', limit: '1' });

    const nudges = h.slack.callsTo('chat.postEphemeral');
    expect(nudges).toHaveLength(1);
    expect(nudges[0]!.args).toMatchObject({ user: asked, channel: 'CTH1', thread_ts: askThread });
    const notHelpful = nudges[0]!.args.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.action_id === 'nudge_not_helpful');
    expect(notHelpful.value).toBe('sure-well-try');
    expect(logged(h, 'nudged').at(-1)).toMatchObject({ user: asked, withParent: true });
  });

  it('a rate-limited conversations.replies means no nudge, no retry, and no reads until Retry-After has passed', async () => {
    const channel = 'CTH2';
    const history: HistoryMessage[] = [];
    const first = newThread(h, channel, ASK, history);
    const second = newThread(h, channel, ASK, history);
    h.slack.failNext('conversations.replies', { status: 429, retryAfter: 1 });

    await h.event(reply(ACCEPTANCE, channel, first, newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1); // rejected at once, never retried
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(logged(h, 'nudge skipped: thread parent not read').at(-1)).toMatchObject({ reason: 'rate-limited' });

    // Within Retry-After the workspace's reads wait: no call to Slack, and still no nudge.
    await h.event(reply(ACCEPTANCE, channel, second, newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1);
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);

    // Afterwards the same kind of reply is read and nudged again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const author = newUser();
    await h.event(reply(ACCEPTANCE, channel, second, author));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe(author);
  });

  it.each([
    ['Slack answers 500', { status: 500 } as const],
    ['the bot cannot read the channel', { error: 'not_in_channel' } as const],
  ])('no nudge when %s', async (_name, failure) => {
    const thread = newThread(h, 'CTH3', ASK);
    h.slack.failNext('conversations.replies', failure);
    await h.event(reply(ACCEPTANCE, 'CTH3', thread, newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1);
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);
    expect(logged(h, 'nudge skipped: thread parent not read').at(-1)).toMatchObject({ reason: 'failed' });
  });

  it('no nudge when the parent is gone (deleted thread)', async () => {
    await h.event(reply(ACCEPTANCE, 'CTH4', '1700199999.000100', newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1);
    expect(h.slack.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('reads only for a message that could be nudged: never for top-level messages, muted authors, channels turned off or spent allowances', async () => {
    const thread = newThread(h, 'CTH5', ASK);
    // Top-level: analysed alone, as before.
    await h.event(channelMessage(ACCEPTANCE, { channel: 'CTH5', user: newUser() }));
    // A muted author.
    const muted = newUser();
    await h.command('mute', { user_id: muted });
    await h.idle();
    await h.event(reply(ACCEPTANCE, 'CTH5', thread, muted));
    // A channel whose nudges are off.
    await h.command('nudges off', { channel_id: 'CTH6' });
    await h.idle();
    await h.event(reply(ACCEPTANCE, 'CTH6', newThread(h, 'CTH6', ASK), newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toEqual([]);

    // An author already nudged in this channel (cooldown): the next reply costs no read either.
    const nudged = newUser();
    await h.event(reply(ACCEPTANCE, 'CTH5', thread, nudged));
    await h.slack.waitFor('chat.postEphemeral', 1);
    await h.idle();
    const readsSoFar = h.slack.callsTo('conversations.replies').length;
    await h.event(reply(ACCEPTANCE, 'CTH5', newThread(h, 'CTH5', ASK), nudged));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(readsSoFar);
  });

  it('decides a reply that reads the same beside any parent (the engine says so) without reading the parent', async () => {
    const candidates = [
      NUDGED,
      'Quick update for everyone who missed the platform sync this morning. We walked through the billing flow, the ' +
        "retry storms from last quarter and the on-call load, and the plan is settled: let's go with Kafka. I'll write " +
        'up the details and share them in this channel later today, so please read them before Thursday.',
      'Long story short, after a week of poking at the deploy pipeline and reading through the vendor docs with ' +
        'the rest of the group, nothing off the shelf seemed to fit the way we release, so I will write our own ' +
        'deploy orchestrator over the weekend and show it to everyone on Monday morning.',
    ];
    const standalone = candidates.find((text) => !analyze(text).needsContext && analyze(text).nudge);
    expect(standalone, 'a nudge-worthy message the engine reads the same with or without a parent').toBeDefined();
    await h.event(reply(standalone!, 'CTH10', newThread(h, 'CTH10', INVITE), newUser()));
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toEqual([]);
  });

  it('reads a thread once: later replies in it use the cached parent', async () => {
    const thread = newThread(h, 'CTH7', ASK);
    for (let i = 0; i < 3; i++) await h.event(reply(ACCEPTANCE, 'CTH7', thread, newUser()));
    await h.slack.waitFor('chat.postEphemeral', 3);
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1);
  });

  it('the shortcut and "Show a rewrite" coach with the same parent', async () => {
    const channel = 'CTH8';
    const history: HistoryMessage[] = [];
    const askThread = newThread(h, channel, ASK, history);
    const inviteThread = newThread(h, channel, INVITE, history);
    const author = newUser();
    const replyTs = '1700100999.000200';
    history.push({ ts: replyTs, user: author, text: ACCEPTANCE, thread_ts: askThread });
    h.slack.setHistory(channel, history);

    await h.event(reply(ACCEPTANCE, channel, askThread, author, { ts: replyTs }));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    const show = nudge!.args.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.action_id === 'nudge_show_rewrite');
    await h.idle();
    h.slack.reset();

    // "Show a rewrite": the full coaching finds the same gap, with the parent.
    await h.interaction(buttonClick(h.slack, 'nudge_show_rewrite', show.value, { user: { id: author, username: 'x', team_id: TEAM } }));
    const [rewrite] = await h.slack.waitFor('response_url');
    expect(rewrite!.args.text).toMatch(/“Sure, we’ll try”/);
    expect(rewriteShown(rewrite!.args.blocks)).toContain(rewriteBeside(ACCEPTANCE, ASK)); // "SSO by Friday" is the parent's

    // The shortcut on the same reply, and on the same words under the invite.
    const shortcut = (threadTs: string) => ({
      type: 'message_action',
      callback_id: 'coach_message',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U-sc8', username: 'bob', team_id: TEAM },
      channel: { id: channel, name: 'eng' },
      message: { type: 'message', user: author, ts: replyTs, thread_ts: threadTs, text: ACCEPTANCE },
      message_ts: replyTs,
      response_url: h.slack.responseUrl(),
      trigger_id: '9.9.9',
      token: 't',
      action_ts: '1700000000.4',
    });
    h.slack.reset();
    await h.interaction(shortcut(askThread));
    const [underAsk] = await h.slack.waitFor('response_url');
    expect(underAsk!.args.text).toMatch(/“Sure, we’ll try”/);
    expect(rewriteShown(underAsk!.args.blocks)).toContain(rewriteBeside(ACCEPTANCE, ASK));
    expect(h.slack.callsTo('conversations.replies')).toEqual([]); // the nudge's read is cached

    h.slack.reset();
    await h.interaction(shortcut(inviteThread));
    const [underInvite] = await h.slack.waitFor('response_url');
    // Asked, the engine reports "we'll try" beside any parent (an invite only keeps it from nudging), but what it
    // suggests comes from the parent: nothing about SSO or Friday here.
    expect(underInvite!.args.text).toMatch(/“Sure, we’ll try”/);
    expect(rewriteBeside(ACCEPTANCE, INVITE)).not.toBe(rewriteBeside(ACCEPTANCE, ASK));
    expect(rewriteShown(underInvite!.args.blocks)).toContain(rewriteBeside(ACCEPTANCE, INVITE));
    expect(JSON.stringify(underInvite!.args.blocks)).not.toMatch(/SSO|Friday/);
    expect(h.slack.callsTo('conversations.replies').map((c) => c.args.ts)).toEqual([inviteThread]);
  });

  it('the shortcut coaches a reply on its own, and says so, when the parent cannot be read', async () => {
    const thread = newThread(h, 'CTH9', ASK);
    h.slack.failNext('conversations.replies', { status: 429, retryAfter: 1 });
    await h.interaction({
      type: 'message_action',
      callback_id: 'coach_message',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U-sc9', username: 'bob', team_id: TEAM },
      channel: { id: 'CTH9', name: 'eng' },
      message: { type: 'message', user: 'U-x', ts: '1700100998.000200', thread_ts: thread, text: FLAGGED },
      message_ts: '1700100998.000200',
      response_url: h.slack.responseUrl(),
      trigger_id: '9.9.9',
      token: 't',
      action_ts: '1700000000.4',
    });
    const [answer] = await h.slack.waitFor('response_url');
    expect(JSON.stringify(answer!.args.blocks)).toMatch(/could not read the message this replies to/);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the workspace's Retry-After pass for later tests
  });
});

describe('thread reads per workspace per minute (THREAD_READS_PER_MINUTE) and the cache lifetime', () => {
  let clock = Date.UTC(2026, 0, 5, 9);
  let h: Harness;
  useHarness((harness) => (h = harness), { env: { THREAD_READS_PER_MINUTE: '2', NUDGE_COOLDOWN_SECONDS: '0' }, now: () => clock });

  it('reads at most the budget a minute; a reply over it is not nudged and costs no call', async () => {
    const history: HistoryMessage[] = [];
    const parents = [newThread(h, 'CB1', ASK, history), newThread(h, 'CB1', ASK, history), newThread(h, 'CB1', ASK, history)];
    for (const thread of parents) await h.event(reply(ACCEPTANCE, 'CB1', thread, newUser()));
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(2);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(2);
    expect(logged(h, 'nudge skipped: thread parent not read').at(-1)).toMatchObject({ reason: 'budget' });
  });

  it('forgets a cached parent after five minutes, and reads it again', async () => {
    // Another workspace: its own budget (the first test spent this minute's reads for ours).
    const teamId = 'T-cache';
    const thread = newThread(h, 'CB2', ASK);
    await h.event(reply(ACCEPTANCE, 'CB2', thread, newUser()), { teamId });
    await h.event(reply(ACCEPTANCE, 'CB2', thread, newUser()), { teamId });
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(1);
    clock += 5 * 60_000 + 1;
    await h.event(reply(ACCEPTANCE, 'CB2', thread, newUser()), { teamId });
    await h.idle();
    expect(h.slack.callsTo('conversations.replies')).toHaveLength(2);
  });
});

describe('THREAD_READS_PER_MINUTE=0', () => {
  it('never reads a parent, and a reply whose reading depends on one is not nudged', async () => {
    const h = await startHarness({ env: { THREAD_READS_PER_MINUTE: '0' } });
    try {
      const thread = newThread(h, 'CZ', ASK);
      await h.event(reply(ACCEPTANCE, 'CZ', thread, newUser()));
      await h.event(channelMessage(NUDGED, { channel: 'CZ', user: newUser() })); // top-level still nudges
      await h.slack.waitFor('chat.postEphemeral');
      await h.idle();
      expect(h.slack.callsTo('conversations.replies')).toEqual([]);
      expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

describe('the parent cache is bounded', () => {
  it('keeps at most maxEntries threads, evicting the least recently used, and forgets an author or a workspace', async () => {
    const slack = await FakeSlack.start();
    const store = openSqliteStore(':memory:');
    try {
      const logger = createLogger({ level: 'silent' });
      const threads = new ThreadContext({ store, logger, readsPerMinute: 10, now: Date.now, maxEntries: 2 });
      const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      const ref = (threadTs: string, team = 'T1') => ({ team, channel: 'C1', threadTs });
      threads.remember(ref('1.1'), ASK, 'UA');
      threads.remember(ref('1.2'), INVITE, 'UB');
      expect(await threads.parentOf(client, ref('1.1'))).toEqual({ ok: true, text: ASK }); // 1.1 is now the most recent
      threads.remember(ref('1.3'), ASK, 'UA'); // evicts 1.2
      expect(threads.size).toBe(2);
      expect(slack.calls).toEqual([]);
      slack.setHistory('C1', [{ ts: '1.2', user: 'UB', text: INVITE }]);
      expect(await threads.parentOf(client, ref('1.2'))).toEqual({ ok: true, text: INVITE });
      expect(slack.callsTo('conversations.replies')).toHaveLength(1);

      threads.forgetAuthor('T1', 'UA');
      expect(threads.size).toBe(1);
      threads.remember(ref('9.9', 'T2'), ASK, 'UA');
      threads.forgetTeam('T1');
      expect(threads.size).toBe(1); // only T2's is left
    } finally {
      await store.close();
      await slack.close();
    }
  });
});
