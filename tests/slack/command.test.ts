// /tradeoff over real HTTP: signed form posts in, replies through the response_url (ephemeral), the modal via
// views.open and view_submission, help and settings, and the reply's buttons.
import { describe, expect, it } from 'vitest';
import { buttonClick, useHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
import { lastDays } from '../../src/slack/time.ts';
import { FLAGGED, CLEAN } from '../helpers/examples.ts';

const NOT_ENGLISH = 'Vamos a usar Postgres para esto, es más simple y ya lo tenemos en producción.';

let h: Harness;
useHarness((harness) => (h = harness));

const blockIds = (blocks: any[]) => blocks.map((b) => b.block_id);
const actionsOf = (blocks: any[]) => blocks.find((b) => b.type === 'actions')?.elements.map((e: any) => e.action_id);

function expectNoBroadcast() {
  for (const call of h.slack.calls) expect(call.raw).not.toMatch(/<!(channel|here|everyone)|%3C!(channel|here|everyone)/i);
}

describe('/tradeoff <draft>', () => {
  it('acks at once and replies privately with findings, the rewrite and buttons', async () => {
    const res = await h.command(FLAGGED);
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    const blocks = reply!.args.blocks as any[];
    expect(blockIds(blocks)).toContain('finding-0');
    expect(blockIds(blocks)).toContain('rewrite');
    expect(actionsOf(blocks)).toEqual(['coach_detail', 'coach_helpful', 'coach_not_helpful']);
    expect(blocks.find((b) => b.type === 'actions').elements[0].value).toContain('sure-well-try');
    expect(reply!.args.text).toMatch(/Tradeoff Coach/);
    expect(h.slack.violations).toEqual([]);
    expect(h.slack.effects.map((c) => c.method)).toEqual(['response_url']); // nothing public
  });

  it('counts the findings for App Home (counts only)', async () => {
    await h.command(FLAGGED, { user_id: 'U-count' });
    await h.slack.waitFor('response_url');
    await h.idle();
    const counts = await h.store.countFindings(TEAM, 'U-count', lastDays(Date.now(), 30));
    expect(counts['sure-well-try']).toBe(1);
  });

  it('answers a clean draft with a short "nothing to fix"', async () => {
    await h.command(CLEAN);
    const [reply] = await h.slack.waitFor('response_url');
    expect(blockIds(reply!.args.blocks)).toEqual(['clean']);
    expect(reply!.args.text).toMatch(/Nothing to fix/);
  });

  it('says a draft in another language was not checked, instead of "nothing to fix"', async () => {
    await h.command(NOT_ENGLISH);
    const [reply] = await h.slack.waitFor('response_url');
    expect(blockIds(reply!.args.blocks)).toEqual(['not-english']);
    expect(reply!.args.text).toMatch(/Not checked: the coach reads English/);
    expect(JSON.stringify(reply!.args.blocks)).not.toMatch(/Nothing to fix|reads clearly/i);
  });

  it('shows a draft full of pings and links back without any of them working', async () => {
    await h.command(`<!channel> <!here> <!everyone> <@U999> <!subteam^S1|@oncall> <https://evil.example|click> ${FLAGGED}`);
    const [reply] = await h.slack.waitFor('response_url');
    expectNoBroadcast();
    expect(reply!.raw).not.toContain('<@U999>');
    expect(reply!.raw).not.toContain('<https://evil.example');
    expect(reply!.args.blocks.every((b: any) => b.type !== 'section' || b.text.verbatim === true)).toBe(true);
  });

  it('survives a response_url 500: the reply is retried and arrives (tests/slack/reply-delivery.test.ts has the rest)', async () => {
    h.slack.failNext('response_url', { status: 500 });
    await h.command(FLAGGED);
    const [, retried] = await h.slack.waitFor('response_url', 2);
    expect(blockIds(retried!.args.blocks)).toContain('finding-0');
    await h.idle();
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
  });
});

describe('/tradeoff with no text: the modal', () => {
  it('opens a modal with a multi-line input using the trigger_id', async () => {
    await h.command('   ');
    const [open] = await h.slack.waitFor('views.open');
    expect(open!.args.trigger_id).toBe('123.456.abc');
    const input = open!.args.view.blocks[0];
    expect(input.type).toBe('input');
    expect(input.element.multiline).toBe(true);
    expect(open!.args.view.callback_id).toBe('coach_modal');
    expect(h.slack.violations).toEqual([]);
  });

  function submission(value: string) {
    return {
      type: 'view_submission',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U1', username: 'alice', name: 'alice', team_id: TEAM },
      api_app_id: 'A1',
      token: 't',
      trigger_id: '1.2.3',
      view: {
        id: 'V123',
        type: 'modal',
        callback_id: 'coach_modal',
        hash: 'h1',
        title: { type: 'plain_text', text: 'Tradeoff Coach' },
        blocks: [],
        private_metadata: '',
        state: { values: { draft: { draft: { type: 'plain_text_input', value } } } },
      },
    };
  }

  it('shows the result in the modal (response_action: update), under the editable draft', async () => {
    const res = await h.interaction(submission(FLAGGED));
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.response_action).toBe('update');
    expect(body.view.blocks[0].element.initial_value).toBe(FLAGGED);
    expect(blockIds(body.view.blocks)).toContain('finding-0');
    expect(actionsOf(body.view.blocks.slice(1))).toContain('coach_helpful');
  });

  it('says in the modal that a draft in another language was not checked', async () => {
    const res = await h.interaction(submission(NOT_ENGLISH));
    const body = (await res.json()) as any;
    expect(blockIds(body.view.blocks)).toContain('not-english');
    expect(JSON.stringify(body.view.blocks)).toMatch(/Not checked: the coach reads English/);
  });

  it('shows typed <!channel> as harmless text', async () => {
    const res = await h.interaction(submission(`<!channel> ${FLAGGED}`));
    const raw = await res.text();
    expect(raw).not.toMatch(/<!channel>/);
  });

  it('asks for a draft when the input is blank', async () => {
    const res = await h.interaction(submission('  \n '));
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { draft: expect.any(String) } });
  });
});

describe('/tradeoff help and settings', () => {
  it('explains usage', async () => {
    await h.command('help');
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    expect(reply!.args.text).toMatch(/how to use/i);
  });

  it('mutes and unmutes the person who asked', async () => {
    await h.command('mute', { user_id: 'U-mute' });
    await h.slack.waitFor('response_url');
    await h.idle();
    expect((await h.store.getUserSettings(TEAM, 'U-mute', Date.now())).muted).toBe(true);
    await h.command('  UNMUTE ', { user_id: 'U-mute' });
    await h.slack.waitFor('response_url', 2);
    await h.idle();
    expect((await h.store.getUserSettings(TEAM, 'U-mute', Date.now())).muted).toBe(false);
  });

  it('turns nudges off and on for the channel', async () => {
    await h.command('nudges off', { channel_id: 'C-set' });
    await h.slack.waitFor('response_url');
    await h.idle();
    expect(await h.store.channelNudgesOn(TEAM, 'C-set')).toBe(false);
    await h.command('nudges on', { channel_id: 'C-set' });
    await h.slack.waitFor('response_url', 2);
    await h.idle();
    expect(await h.store.channelNudgesOn(TEAM, 'C-set')).toBe(true);
  });

  it('coaches a draft that merely starts with a settings word', async () => {
    await h.command("mute notifications? sure, we'll try to get it done by Friday");
    const [reply] = await h.slack.waitFor('response_url');
    expect(blockIds(reply!.args.blocks)).toContain('finding-0');
  });
});

describe('reply buttons', () => {
  it('"Why these?" opens a detail modal for the flagged rules', async () => {
    await h.interaction(buttonClick(h.slack, 'coach_detail', 'sure-well-try,missing-tradeoffs'));
    const [open] = await h.slack.waitFor('views.open');
    expect(open!.args.trigger_id).toBe('123.456.def');
    const headers = open!.args.view.blocks.filter((b: any) => b.type === 'header');
    expect(headers).toHaveLength(2);
    expect(h.slack.violations).toEqual([]);
  });

  it('"Why these?" inside the modal pushes onto it', async () => {
    await h.interaction(buttonClick(h.slack, 'coach_detail', 'no-next-step', { view: { id: 'V1', hash: 'h', type: 'modal', blocks: [] } }));
    await h.slack.waitFor('views.push');
  });

  it('helpful / not helpful: recorded once per reply, thanked privately', async () => {
    const days = lastDays(Date.now(), 1);
    const before = await h.store.countFeedback(TEAM, days);
    const click = buttonClick(h.slack, 'coach_helpful', 'sure-well-try', { user: { id: 'U-fb', username: 'x', team_id: TEAM } });
    await h.interaction(click);
    await h.interaction(click); // a double click
    const replies = await h.slack.waitFor('response_url', 2);
    expect(replies[0]!.args.replace_original).toBe(false);
    await h.idle();
    const after = await h.store.countFeedback(TEAM, days);
    expect(after.helpful - before.helpful).toBe(1);
  });

  it('ignores rule ids it does not know in a button value', async () => {
    await h.interaction(buttonClick(h.slack, 'coach_detail', 'drop-table,<!channel>'));
    const [open] = await h.slack.waitFor('views.open');
    expect(open!.args.view.blocks.filter((b: any) => b.type === 'header')).toHaveLength(0);
    expectNoBroadcast();
  });
});
