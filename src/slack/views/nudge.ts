// The passive nudge: short, kind, private to the author, with a way to see more and two ways to say "not now".
import type { Analysis } from '../../engine/index.ts';
import { clip, escapeMrkdwn, showUserText } from '../escape.ts';
import { ACTION } from '../ids.ts';
import { actions, button, context, encodeRules, section } from './blocks.ts';
import type { SlackMessage } from './coaching.ts';
import { ruleTitle } from './rule-guide.ts';

/** Where the nudged message lives, so "Show a rewrite" can read it again (the store never keeps message text). */
export interface MessageRef {
  channel: string;
  ts: string;
  threadTs?: string;
}

export function encodeMessageRef(ref: MessageRef): string {
  return JSON.stringify(ref.threadTs ? { c: ref.channel, ts: ref.ts, th: ref.threadTs } : { c: ref.channel, ts: ref.ts });
}

export function decodeMessageRef(value: string | undefined): MessageRef | undefined {
  try {
    const raw: unknown = JSON.parse(value ?? '');
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { c, ts, th } = raw as Record<string, unknown>;
    if (typeof c !== 'string' || typeof ts !== 'string' || !/^[A-Z0-9]+$/.test(c) || !/^\d+\.\d+$/.test(ts)) return undefined;
    return typeof th === 'string' && /^\d+\.\d+$/.test(th) ? { channel: c, ts, threadTs: th } : { channel: c, ts };
  } catch {
    return undefined;
  }
}

export function nudgeMessage(analysis: Analysis, ref: MessageRef): SlackMessage {
  // The most confident finding leads; the rest wait behind "Show a rewrite".
  const top = [...analysis.findings].sort((a, b) => b.confidence - a.confidence)[0];
  if (!top) throw new Error('nudgeMessage needs at least one finding');
  const more = analysis.findings.length > 1 ? ` (and ${analysis.findings.length - 1} more)` : '';
  const rules = analysis.findings.map((f) => f.rule);
  return {
    text: `Tradeoff Coach: a quick thought on your last message (${ruleTitle(top.rule)}). Only you can see this.`,
    blocks: [
      section(
        `:wave: A quick thought on your last message${escapeMrkdwn(more)}: *${escapeMrkdwn(ruleTitle(top.rule))}*\n` +
          `${clip(showUserText(top.message), 450)}\n_Try:_ ${clip(showUserText(top.tip), 350)}`,
        'nudge',
      ),
      actions('nudge-actions', [
        button(ACTION.nudgeShowRewrite, 'Show a rewrite', encodeMessageRef(ref), 'primary'),
        button(ACTION.nudgeMuteToday, 'Mute for today', 'today'),
        button(ACTION.nudgeNotHelpful, 'Not helpful', encodeRules(rules)),
      ]),
      context('Only you can see this. `/tradeoff mute` turns nudges off; `/tradeoff help` says more.'),
    ],
  };
}
