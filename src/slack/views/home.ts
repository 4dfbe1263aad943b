// App Home: how to use the coach, the user's own settings as buttons, and their own counts per rule (counts only).
import type { types } from '@slack/bolt';
import { RULE_IDS, type RuleId } from '../../engine/index.ts';
import type { UserSettings } from '../../store/types.ts';
import { ACTION, COMMAND } from '../ids.ts';
import { actions, button, context, divider, header, section, type KnownBlock } from './blocks.ts';
import { RULE_GUIDE } from './rule-guide.ts';

export interface HomeData {
  settings: UserSettings;
  counts: Record<RuleId, number>;
  /** For showing "muted until": epoch ms. */
  now: number;
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

export function homeView({ settings, counts, now }: HomeData): types.HomeView {
  const total = RULE_IDS.reduce((sum, rule) => sum + counts[rule], 0);
  const fields = RULE_IDS.map((rule) => ({ type: 'mrkdwn' as const, text: `*${RULE_GUIDE[rule].title}*\n${counts[rule]}` }));
  return {
    type: 'home',
    blocks: [
      header('Tradeoff Coach'),
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
    ],
  };
}
