// Feedback that tunes the bot, per workspace and rule, from counts only: the policy (bars and the raise rule), and
// over real signed HTTP: "Not helpful" raising a rule's bar in one workspace and not another, up to "off" (still
// answering /tradeoff), one person counting once a day, App Home showing and resetting it, uninstall deleting it.
import { describe, expect, it } from 'vitest';
import { analyze, OPERATING_POINTS, RULE_IDS, type RuleId } from '../../src/engine/index.ts';
import { MIN_RATINGS, NOT_HELPFUL_SHARE, nudgeBar, OFF_STEP, RAISED_STEPS, shouldRaise } from '../../src/slack/tuning.ts';
import { homeView } from '../../src/slack/views/home.ts';
import { buttonClick, channelMessage, useHarness, type Harness } from '../helpers/app-harness.ts';
import { NUDGED, NUDGED_RULE } from '../helpers/examples.ts';

/** A rule with a real nudge point (below 1), which NUDGED is nudged for. */
const RULE: RuleId = NUDGED_RULE;

describe('the policy', () => {
  // The engine's points; a rule it never nudges for has a nudge point above 1 (e.g. 1.01), out of any confidence's reach.
  const nudging = RULE_IDS.filter((rule) => OPERATING_POINTS[rule].nudge < 1);
  /** The engine's points with `rule` made a "never" rule, so that case is checked whatever the current model says. */
  const withNever = (rule: RuleId) => ({ ...OPERATING_POINTS, [rule]: { ...OPERATING_POINTS[rule], nudge: 1.01 } });

  it('starts each rule at the engine’s nudge point and halves the room to certainty per step, then stops', () => {
    expect(nudging.length).toBeGreaterThan(0);
    for (const rule of nudging) {
      const point = OPERATING_POINTS[rule].nudge;
      expect(nudgeBar(OPERATING_POINTS, rule, 0)).toBe(point);
      expect(nudgeBar(OPERATING_POINTS, rule, 1)).toBeCloseTo(1 - (1 - point) / 2, 3);
      const bars = Array.from({ length: RAISED_STEPS + 1 }, (_, step) => nudgeBar(OPERATING_POINTS, rule, step)!);
      for (let step = 1; step < bars.length; step++) expect(bars[step]).toBeGreaterThan(bars[step - 1]!);
      expect(bars.at(-1)).toBeLessThan(1);
      expect(nudgeBar(OPERATING_POINTS, rule, OFF_STEP)).toBeNull();
    }
  });

  it('keeps a rule the engine never nudges for out of reach at every step (raising never lowers its bar), then stops', () => {
    for (const rule of RULE_IDS) {
      const points = withNever(rule);
      for (let step = 0; step < OFF_STEP; step++) expect(nudgeBar(points, rule, step), `${rule} step ${step}`).toBe(1.01);
      expect(nudgeBar(points, rule, OFF_STEP)).toBeNull();
    }
  });

  it('App Home says a rule the engine never nudges for does not nudge, rather than showing a bar over 100%', () => {
    const rule = RULE_IDS[0]!;
    const counts = Object.fromEntries(RULE_IDS.map((r) => [r, 0])) as Record<RuleId, number>;
    for (const step of [0, 1, RAISED_STEPS]) {
      const tallies = Object.fromEntries(RULE_IDS.map((r) => [r, { step: r === rule ? step : 0, helpful: 0, notHelpful: 0 }])) as any;
      const blocks = homeView({ settings: { muted: false }, counts, tallies, points: withNever(rule), now: 0 }).blocks as any[];
      const text: string = blocks.find((b) => b.block_id === `rule-${rule}`).text.text;
      expect(text, `step ${step}`).toMatch(/never nudges/);
      expect(text).not.toMatch(/\d+% sure/);
      // The other rules still show their bars.
      for (const other of nudging.filter((r) => r !== rule)) expect(blocks.find((b) => b.block_id === `rule-${other}`).text.text).toMatch(/\d+% sure/);
    }
  });

  it(`raises after at least ${MIN_RATINGS} ratings of which at least ${NOT_HELPFUL_SHARE * 100}% are "Not helpful"`, () => {
    expect(shouldRaise({ step: 0, helpful: 0, notHelpful: MIN_RATINGS - 1 })).toBe(false);
    expect(shouldRaise({ step: 0, helpful: 0, notHelpful: MIN_RATINGS })).toBe(true);
    expect(shouldRaise({ step: 0, helpful: 2, notHelpful: 3 })).toBe(true); // 60%
    expect(shouldRaise({ step: 0, helpful: 3, notHelpful: 2 })).toBe(false);
    expect(shouldRaise({ step: 1, helpful: 4, notHelpful: 5 })).toBe(false); // 56%
    expect(shouldRaise({ step: OFF_STEP, helpful: 0, notHelpful: 50 })).toBe(false);
  });
});

describe('"Not helpful" tunes a rule per workspace', () => {
  let h: Harness;
  useHarness((harness) => (h = harness), { env: { NUDGE_COOLDOWN_SECONDS: '0', NUDGE_DAILY_CAP: '100' } });

  let people = 0;
  /** "Not helpful" on a nudge about `rule`, from a new person each time unless `user` is given. */
  async function notHelpful(team: string, rule: RuleId, user = `UR${++people}`, messageTs = `1700200${++people}.000100`) {
    await h.interaction(
      buttonClick(h.slack, 'nudge_not_helpful', rule, {
        team: { id: team, domain: 'test' },
        user: { id: user, username: 'x', team_id: team },
        container: { type: 'message', message_ts: messageTs, channel_id: 'C1', is_ephemeral: true },
      }),
    );
  }

  async function homeFor(team: string) {
    h.slack.reset();
    await h.event({ type: 'app_home_opened', user: `UH-${team}`, channel: 'D9', tab: 'home', event_ts: '1700000000.1' }, { teamId: team });
    const [publish] = await h.slack.waitFor('views.publish');
    return publish!.args.view.blocks as any[];
  }

  /** Whether NUDGED, written by a new person in `team`, gets a nudge. */
  async function nudgedIn(team: string): Promise<boolean> {
    h.slack.reset();
    const user = `UW${++people}`;
    await h.event(channelMessage(NUDGED, { user, channel: 'CT1' }), { teamId: team });
    await h.idle();
    return h.slack.callsTo('chat.postEphemeral').some((call) => call.args.user === user);
  }

  it('the rule it tunes can nudge at all (its nudge point is below certainty)', () => {
    expect(OPERATING_POINTS[RULE].nudge).toBeLessThan(1);
  });

  it(`${MIN_RATINGS} "Not helpful" on one rule raise its bar in that workspace and not in another; at the top it stops nudging there`, async () => {
    expect(await nudgedIn('TA')).toBe(true);
    for (let i = 0; i < MIN_RATINGS; i++) await notHelpful('TA', RULE);
    for (let i = 0; i < MIN_RATINGS - 1; i++) await notHelpful('TB', RULE); // one short of the threshold
    await h.idle();

    expect((await h.store.getRuleTallies('TA'))[RULE]).toEqual({ step: 1, helpful: 0, notHelpful: 0 });
    expect((await h.store.getRuleTallies('TB'))[RULE]).toEqual({ step: 0, helpful: 0, notHelpful: MIN_RATINGS - 1 });
    for (const other of RULE_IDS.filter((rule) => rule !== RULE)) expect((await h.store.getRuleTallies('TA'))[other].step).toBe(0);
    expect(h.logs.some((l) => l.msg === 'rule nudge bar raised in this workspace (Not helpful feedback)' && l.team === 'TA' && l.step === 1)).toBe(true);

    // App Home shows it to everyone in TA, with a reset; TB's is as usual.
    const raised = (await homeFor('TA')).find((b) => b.block_id === `rule-${RULE}`);
    expect(raised.text.text).toMatch(new RegExp(`${Math.round(nudgeBar(OPERATING_POINTS, RULE, 1)! * 100)}% sure \\(raised 1 of ${RAISED_STEPS} steps`));
    expect(raised.accessory).toMatchObject({ action_id: 'home_reset_rule', value: RULE });
    const usual = (await homeFor('TB')).find((b) => b.block_id === `rule-${RULE}`);
    expect(usual.text.text).toMatch(/the usual bar/);
    expect(usual.accessory).toBeUndefined();

    // Each further step needs fresh ratings; after the last one the rule stops nudging in TA only.
    for (let step = 2; step <= OFF_STEP; step++) {
      for (let i = 0; i < MIN_RATINGS; i++) await notHelpful('TA', RULE);
      await h.idle();
      expect((await h.store.getRuleTallies('TA'))[RULE].step).toBe(step);
    }
    expect(await nudgedIn('TA')).toBe(false);
    expect(await nudgedIn('TB')).toBe(true);
    expect((await homeFor('TA')).find((b) => b.block_id === `rule-${RULE}`).text.text).toMatch(/no nudges in this workspace/);

    // It still answers /tradeoff there.
    h.slack.reset();
    await h.command(NUDGED, { team_id: 'TA' });
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.blocks.some((b: any) => b.block_id === 'finding-0')).toBe(true);

    // Anyone may reset it from App Home: back to the usual bar for everyone, and nudging again.
    h.slack.reset();
    await h.interaction(
      buttonClick(h.slack, 'home_reset_rule', RULE, {
        team: { id: 'TA', domain: 'test' },
        user: { id: 'UR-resetter', username: 'x', team_id: 'TA' },
        container: { type: 'view', view_id: 'V1' },
      }),
    );
    const [publish] = await h.slack.waitFor('views.publish');
    expect(publish!.args.view.blocks.find((b: any) => b.block_id === 'notice').text.text).toMatch(/back at the usual bar/);
    expect((await h.store.getRuleTallies('TA'))[RULE]).toEqual({ step: 0, helpful: 0, notHelpful: 0 });
    expect(await nudgedIn('TA')).toBe(true);
  });

  it('one person counts once per rule a day, however many nudges they rate', async () => {
    for (let i = 0; i < MIN_RATINGS + 2; i++) await notHelpful('TC', RULE, 'UR-grumpy');
    await h.idle();
    expect((await h.store.getRuleTallies('TC'))[RULE]).toEqual({ step: 0, helpful: 0, notHelpful: 1 });
  });

  it('"Helpful" on a reply counts too, so a split team keeps the bar', async () => {
    for (let i = 0; i < 3; i++) {
      await h.interaction(
        buttonClick(h.slack, 'coach_helpful', RULE, {
          team: { id: 'TD', domain: 'test' },
          user: { id: `UR-fan${i}`, username: 'x', team_id: 'TD' },
        }),
      );
    }
    for (let i = 0; i < 3; i++) await notHelpful('TD', RULE);
    await h.idle();
    expect((await h.store.getRuleTallies('TD'))[RULE]).toEqual({ step: 0, helpful: 3, notHelpful: 3 });
  });

  it('at each step a nudge needs its rule’s raised bar, whatever the engine’s confidences are', async () => {
    const analysis = analyze(NUDGED);
    expect(analysis.nudge).toBe(true);
    for (let step = 0; step <= OFF_STEP; step++) {
      for (const rule of RULE_IDS) await h.store.setRuleStep('TE', rule, step);
      const expected = analysis.findings.some((f) => {
        const bar = nudgeBar(OPERATING_POINTS, f.rule, step);
        return bar !== null && f.confidence >= bar;
      });
      expect(await nudgedIn('TE'), `step ${step}`).toBe(expected);
    }
  });

  it("uninstalling deletes the workspace's tallies", async () => {
    for (let i = 0; i < MIN_RATINGS; i++) await notHelpful('TF', RULE);
    await h.idle();
    expect((await h.store.getRuleTallies('TF'))[RULE].step).toBe(1);
    await h.event({ type: 'app_uninstalled' }, { teamId: 'TF' });
    await h.idle();
    expect((await h.store.getRuleTallies('TF'))[RULE]).toEqual({ step: 0, helpful: 0, notHelpful: 0 });
  });
});
