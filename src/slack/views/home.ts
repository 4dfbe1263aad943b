// App Home: how to use the coach, the user's own settings as buttons, their own counts per rule (counts only),
// this workspace's nudge bar per rule (the same for everyone, with a reset), and "Forget me".
import type { types } from '@slack/bolt';
import { RULE_IDS, type RuleId } from '../../engine/types.ts';
import type { RuleTally, UserSettings } from '../../store/types.ts';
import { ACTION, COMMAND } from '../ids.ts';
import { MIN_RATINGS, neverNudges, NOT_HELPFUL_SHARE, nudgeBar, RAISED_STEPS, type OperatingPoints } from '../tuning.ts';
import { actions, button, context, divider, header, section, type Button, type KnownBlock } from './blocks.ts';
import { RULE_GUIDE } from './rule-guide.ts';

export interface HomeData {
  settings: UserSettings;
  counts: Record<RuleId, number>;
  /** This workspace's nudge bar per rule and its ratings (everyone sees the same). */
  tallies: Record<RuleId, RuleTally>;
  /** The engine's nudge points, where each rule's bar starts. */
  points: OperatingPoints;
  /** For showing "muted until": epoch ms. */
  now: number;
  /** A line shown once at the top: what "Forget me" deleted, a rule that was reset. Safe mrkdwn. */
  notice?: string;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function withConfirm(base: Button, title: string, text: string, confirm: string): Button {
  return {
    ...base,
    confirm: {
      title: { type: 'plain_text', text: title },
      text: { type: 'mrkdwn', text },
      confirm: { type: 'plain_text', text: confirm },
      deny: { type: 'plain_text', text: 'Cancel' },
    },
  };
}

function ruleBlock(points: OperatingPoints, rule: RuleId, { step, helpful, notHelpful }: RuleTally): KnownBlock {
  const title = RULE_GUIDE[rule].title;
  const bar = nudgeBar(points, rule, step);
  const ratings = helpful + notHelpful;
  const tally = ratings === 0 ? '' : ` Ratings so far: ${ratings} (${notHelpful} not helpful).`;
  // A rule whose nudge point no confidence reaches is coached when asked, never nudged: not "101% sure".
  const never = `never nudges: the coach is not sure enough of it to speak unasked. \`${COMMAND}\`, DMs and the shortcut still coach it.`;
  if (step <= 0) return section(`*${title}:* ${neverNudges(bar!) ? never : `nudges when ${percent(bar!)} sure (the usual bar).`}${tally}`, `rule-${rule}`);
  const state = bar === null
    ? `no nudges in this workspace after “Not helpful” feedback. \`${COMMAND}\`, DMs and the shortcut still coach it.`
    : neverNudges(bar)
      ? never
      : `nudges only when ${percent(bar)} sure (raised ${step} of ${RAISED_STEPS} steps after “Not helpful” feedback).`;
  const reset = withConfirm(
    button(ACTION.homeResetRule, 'Reset', rule),
    'Reset this rule?',
    `${title} goes back to the usual bar for everyone in this workspace, and its ratings start again.`,
    'Reset',
  );
  return { ...(section(`*${title}:* ${state}${tally}`, `rule-${rule}`) as types.SectionBlock), accessory: reset };
}

function workspaceRulesBlocks(points: OperatingPoints, tallies: Record<RuleId, RuleTally>): KnownBlock[] {
  return [
    section('*This workspace’s nudges, by rule*'),
    ...RULE_IDS.map((rule) => ruleBlock(points, rule, tallies[rule] ?? { step: 0, helpful: 0, notHelpful: 0 })),
    context(
      `Set by everyone’s ratings here: when at least ${MIN_RATINGS} ratings of a rule (one per person a day) are ` +
        `${percent(NOT_HELPFUL_SHARE)} or more “Not helpful”, its bar rises a step, and its ratings start again; after ` +
        `${RAISED_STEPS} raised steps, the next rise stops it nudging here. ` +
        'Anyone in the workspace can reset a rule.',
    ),
  ];
}

function privacyBlocks(): KnownBlock[] {
  return [
    section(`*Your data:* *Forget me* (or \`${COMMAND} forget me\`) deletes your settings, counts and rating marks in this workspace, and tells you what it deleted.`),
    actions('home-privacy', [
      withConfirm(
        button(ACTION.homeForgetMe, 'Forget me', 'me', 'danger'),
        'Forget me?',
        'Deletes your nudge setting, your counts and your rating marks in this workspace. A mute is deleted too, so nudges come back on.',
        'Delete',
      ),
    ]),
  ];
}

function settingsBlocks({ muted, mutedUntil }: UserSettings, now: number): KnownBlock[] {
  if (muted) {
    const until = mutedUntil && mutedUntil > now ? ` until ${new Date(mutedUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
    return [
      section(`*Your nudges:* muted${until}.`),
      actions('home-settings', [button(ACTION.homeUnmute, 'Turn nudges back on', 'on', 'primary')]),
    ];
  }
  return [
    section('*Your nudges:* on. In channels I am in, I may nudge you privately now and then.'),
    actions('home-settings', [
      button(ACTION.homeMuteToday, 'Mute for today', 'today'),
      button(ACTION.homeMute, 'Mute nudges', 'always', 'danger'),
    ]),
  ];
}

export function homeView({ settings, counts, tallies, points, now, notice }: HomeData): types.HomeView {
  const total = RULE_IDS.reduce((sum, rule) => sum + counts[rule], 0);
  const fields = RULE_IDS.map((rule) => ({ type: 'mrkdwn' as const, text: `*${RULE_GUIDE[rule].title}*\n${counts[rule]}` }));
  return {
    type: 'home',
    blocks: [
      header('Tradeoff Coach'),
      ...(notice ? [section(notice, 'notice')] : []),
      section(
        'Write like a senior: ranges and assumptions instead of bare dates, tradeoffs instead of bare choices, ' +
          '“A or B by Friday, not both” instead of “sure, we’ll try”, and “does this need to exist?” before building.\n' +
          `• \`${COMMAND} <draft>\` coaches a draft privately; \`${COMMAND}\` alone opens an editor.\n` +
          '• Send me a DM and I coach it.\n' +
          '• *⋯ > Coach this message* on any message coaches it for you alone.',
      ),
      divider,
      ...settingsBlocks(settings, now),
      context(`\`${COMMAND} nudges off\` in a channel turns nudges off there for everyone.`),
      divider,
      section(total === 0 ? '*Your last 30 days:* nothing flagged yet.' : `*Your last 30 days:* ${total} suggestions`),
      { type: 'section', block_id: 'counts', fields },
      context('Counts only. The coach never stores what you wrote.'),
      divider,
      ...workspaceRulesBlocks(points, tallies),
      divider,
      ...privacyBlocks(),
    ],
  };
}
