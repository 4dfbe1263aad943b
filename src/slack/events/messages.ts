// `message` events: passive nudges in channels the bot was invited to (message.channels, message.groups) and
// coaching in the bot's DM (message.im). Only plain messages written by people get through.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { analyze } from '../../engine/index.ts';
import { coach, MAX_DRAFT_CHARS, viaMessage } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { utcDay } from '../time.ts';
import { nudgeMessage } from '../views/nudge.ts';
import { helpMessage } from '../views/replies.ts';

type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * A plain human message: no subtype (so no edits, deletes, joins, bot posts, thread broadcasts), no bot_id (other
 * bots and workflows), not hidden. Anything else fails to parse and is ignored.
 */
const PlainMessage = z.object({
  type: z.literal('message'),
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
  hidden: z.never().optional(),
  user: z.string().min(1),
  user_team: z.string().optional(),
  text: z.string().min(1),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.enum(['channel', 'group', 'im', 'mpim']),
});
type PlainMessage = z.infer<typeof PlainMessage>;

export function messageEvent(deps: SlackDeps) {
  return async ({ event, body, context, client }: MessageArgs): Promise<void> => {
    const parsed = PlainMessage.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.user === context.botUserId) return; // Bolt's ignoreSelf covers most of this; a loop guard costs nothing
    const team = body.team_id;
    if (message.channel_type === 'im') return coachDirectMessage(deps, client, team, message);
    if (message.channel_type === 'channel' || message.channel_type === 'group') return nudge(deps, client, team, message);
  };
}

async function coachDirectMessage(deps: SlackDeps, client: MessageArgs['client'], team: string, message: PlainMessage) {
  const threadTs = message.thread_ts;
  const target = viaMessage(client, message.channel, threadTs);
  try {
    if (/^\s*help\s*$/i.test(message.text)) return await target.send(helpMessage());
    await coach(deps, { draft: message.text, team, user: message.user, surface: 'dm', cleanText: 'Looks good: nothing to tighten.' }, target);
  } catch (error) {
    deps.logger.warn({ err: error, surface: 'dm', team, user: message.user, channel: message.channel }, 'DM coaching failed');
  }
}

async function nudge(deps: SlackDeps, client: MessageArgs['client'], team: string, message: PlainMessage) {
  // People from another organisation (Slack Connect) never installed us: leave them alone.
  if (message.user_team && message.user_team !== team) return;
  const draft = message.text.slice(0, MAX_DRAFT_CHARS);
  const analysis = analyze(draft);
  if (!analysis.nudge) return;
  const { store } = deps;
  const now = deps.now();
  const ids = { surface: 'nudge', team, user: message.user, channel: message.channel };
  const rules = analysis.findings.map((f) => f.rule);
  try {
    if (!(await store.channelNudgesOn(team, message.channel))) return;
    if ((await store.getUserSettings(team, message.user, now)).muted) return;
    // With a model configured (LLM_VERIFY_NUDGES, on by default then), it must confirm a finding (fails closed).
    // Before the allowance: a nudge the model rejects costs the author nothing.
    const findings = deps.rewriter.verifyNudge
      ? await deps.rewriter.verifyNudge(draft, analysis.findings, undefined, { team })
      : analysis.findings;
    if (findings.length === 0) {
      deps.logger.info({ ...ids, rules }, 'nudge not confirmed by the model');
      return;
    }
    // Last: taking a nudge uses up the author's allowance.
    if (!(await store.takeNudge(team, message.channel, message.user, utcDay(now), deps.nudgeLimits))) {
      deps.logger.debug({ ...ids, rules }, 'nudge skipped: cooldown or daily cap');
      return;
    }
    const inThread = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
    await client.chat.postEphemeral({
      channel: message.channel,
      user: message.user,
      ...(inThread ? { thread_ts: inThread } : {}),
      ...nudgeMessage({ findings, nudge: true, needsContext: false }, { channel: message.channel, ts: message.ts, threadTs: inThread }),
    });
    const sent = findings.map((f) => f.rule);
    deps.logger.info({ ...ids, rules: sent, textLength: message.text.length }, 'nudged');
    await store.recordFindings(team, message.user, sent, utcDay(now));
  } catch (error) {
    // A Slack error (user_not_in_channel, rate limited past our retries) or a store outage: log it and move on.
    deps.logger.warn({ err: error, ...ids, rules }, 'nudge failed');
  }
}
