// Short ephemeral replies: help, settings confirmations and apologies. No user text goes in here.
import type { ForgottenData } from '../../store/types.ts';
import { COMMAND } from '../ids.ts';
import { context, section } from './blocks.ts';
import type { SlackMessage } from './coaching.ts';

function simple(text: string, detail?: string): SlackMessage {
  return { text, blocks: [section(text), ...(detail ? [context(detail)] : [])] };
}

export function helpMessage(): SlackMessage {
  const lines = [
    '*Tradeoff Coach* helps your messages read like a senior engineer wrote them: ranges and assumptions instead of bare dates, tradeoffs instead of bare choices, “A or B by Friday, not both” instead of “sure, we’ll try”.',
    `• \`${COMMAND} <draft>\`: coach a draft privately before you send it.`,
    `• \`${COMMAND}\` with no text: open a bigger editor.`,
    '• DM me any draft and I reply with suggestions.',
    '• On any message: *⋯ > Coach this message* coaches it for you alone.',
    '• In channels I am in, I may send you a private nudge now and then (never more than one per channel every few minutes).',
    `• \`${COMMAND} mute\` / \`${COMMAND} unmute\`: your nudges off or on.`,
    `• \`${COMMAND} nudges off\` / \`${COMMAND} nudges on\`: nudges in this channel off or on, for everyone.`,
    `• \`${COMMAND} forget me\`: delete your settings, counts and rating marks in this workspace.`,
  ];
  return { text: 'Tradeoff Coach: how to use it', blocks: [section(lines.join('\n'))] };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What "Forget me" deleted, in words (mrkdwn lines, no user text). */
export function forgottenSummary(forgotten: ForgottenData): string {
  const lines: string[] = [];
  if (forgotten.settings > 0) lines.push(`your nudge setting: you had muted nudges, so they are on again (\`${COMMAND} mute\` turns them off)`);
  if (forgotten.suggestions > 0) lines.push(`your counts: ${plural(forgotten.suggestions, 'suggestion', 'suggestions')} over the last month (App Home)`);
  if (forgotten.ratingMarks > 0) lines.push(`${plural(forgotten.ratingMarks, 'mark', 'marks')} of what you rated (kept only so a rating counts once)`);
  if (forgotten.limits > 0) lines.push(`${plural(forgotten.limits, 'limit', 'limits')} on you for today (nudge cooldowns and counts, AI rewrite calls)`);
  if (forgotten.other > 0) lines.push(`${plural(forgotten.other, 'other entry', 'other entries')} under your id`);
  return lines.length === 0
    ? '*Forgotten.* I had nothing stored under your id in this workspace.'
    : `*Forgotten.* In this workspace I deleted:\n${lines.map((line) => `• ${line}`).join('\n')}`;
}

const FORGOTTEN_DETAIL =
  'Your messages were never stored. Kept, because they name no one: the workspace’s Helpful / Not helpful totals and each rule’s ratings that yours were added to.';

export const REPLY = {
  forgotten: (forgotten: ForgottenData) => simple(forgottenSummary(forgotten), FORGOTTEN_DETAIL),
  muted: () => simple('Nudges muted for you. I will stay quiet until you run `/tradeoff unmute`.'),
  mutedToday: () => simple('Muted for today. Nudges come back tomorrow (UTC); `/tradeoff unmute` brings them back now.'),
  unmuted: () => simple('Nudges are back on for you.'),
  channelOff: () => simple('Nudges are now off in this channel, for everyone. `/tradeoff nudges on` turns them back on.'),
  channelOn: () => simple('Nudges are on in this channel again.'),
  helpful: () => simple('Thanks, glad it helped.'),
  notHelpful: () => simple('Thanks, noted. That helps us tune the coach.', '`/tradeoff mute` turns nudges off for you; `/tradeoff nudges off` for this channel.'),
  unknownSetting: () => simple(`Not sure what you meant. Try \`${COMMAND} nudges off\` or \`${COMMAND} nudges on\`.`),
  messageGone: () => simple('I could not read that message any more (it may have been edited or deleted), so there is no rewrite to show.'),
  noText: () => simple('That message has no text I can coach.'),
  failed: () => simple('Sorry, something went wrong on my side. Please try again in a minute.'),
} as const;
