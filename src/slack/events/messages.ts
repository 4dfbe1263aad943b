// `message` events: passive nudges in channels the bot was invited to (message.channels, message.groups) and
// coaching in the bot's DM (message.im). Only plain messages written by people get through.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { loadEngine } from '../../engine-loader.ts';
import { coach, MAX_DRAFT_CHARS } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { utcDay } from '../time.ts';
import { nudgeableFindings } from '../tuning.ts';
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
  const target = deps.replies.viaDirectMessage({ client, team, user: message.user, channel: message.channel, threadTs, surface: 'dm' });
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
  const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
  const { analyze, OPERATING_POINTS } = await loadEngine();
  let analysis = analyze(draft);
  // A thread reply that could read differently beside its parent ("sure, we'll try" under a deadline or a coffee
  // invite) is decided only with the parent. Everything else that is not confident enough stops here, unread.
  const readParent = threadTs !== undefined && analysis.needsContext;
  if (!analysis.nudge && !readParent) return;
  const { store } = deps;
  const now = deps.now();
  const day = utcDay(now);
  const ids = { surface: 'nudge', team, user: message.user, channel: message.channel };
  let rules = analysis.findings.map((f) => f.rule);
  try {
    if (!(await store.channelNudgesOn(team, message.channel))) return;
    if ((await store.getUserSettings(team, message.user, now)).muted) return;
    let context: string | undefined;
    if (readParent) {
      // Spend a Slack read only on a message that could still be nudged: peek at the allowance (taken below).
      if (!(await store.canNudge(team, message.channel, message.user, day, deps.nudgeLimits))) {
        deps.logger.debug({ ...ids, rules }, 'nudge skipped: cooldown or daily cap');
        return;
      }
      const parent = await deps.threads.parentOf(client, { team, channel: message.channel, threadTs });
      if (!parent.ok) {
        // Rate limited, out of budget or unreadable: no nudge, rather than a guess without the parent.
        deps.logger.info({ ...ids, rules, reason: parent.reason }, 'nudge skipped: thread parent not read');
        return;
      }
      context = parent.text;
      analysis = analyze(draft, { context });
      rules = analysis.findings.map((f) => f.rule);
      if (!analysis.nudge) return;
    }
    // This workspace may have raised a rule's bar, or turned it off, through "Not helpful" feedback.
    const nudgeable = nudgeableFindings(OPERATING_POINTS, analysis.findings, await store.getRuleTallies(team));
    if (nudgeable.length === 0) {
      deps.logger.debug({ ...ids, rules }, "nudge skipped: below this workspace's bar");
      return;
    }
    // With a model configured (LLM_VERIFY_NUDGES, on by default then), it must confirm a finding (fails closed).
    // Before the allowance is taken, so a nudge the model rejects costs the author nothing; but only for an author
    // whose allowance is open, so a message that could not be sent anyway costs no model call.
    if (deps.rewriter.verifyNudge && !readParent && !(await store.canNudge(team, message.channel, message.user, day, deps.nudgeLimits))) {
      deps.logger.debug({ ...ids, rules }, 'nudge skipped: cooldown or daily cap');
      return;
    }
    const findings = deps.rewriter.verifyNudge ? await deps.rewriter.verifyNudge(draft, nudgeable, context, { team }) : nudgeable;
    if (findings.length === 0) {
      deps.logger.info({ ...ids, rules }, 'nudge not confirmed by the model');
      return;
    }
    // Last: taking a nudge uses up the author's allowance.
    if (!(await store.takeNudge(team, message.channel, message.user, day, deps.nudgeLimits))) {
      deps.logger.debug({ ...ids, rules }, 'nudge skipped: cooldown or daily cap');
      return;
    }
    await client.chat.postEphemeral({
      channel: message.channel,
      user: message.user,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...nudgeMessage({ findings, nudge: true, needsContext: false, language: 'en' }, { channel: message.channel, ts: message.ts, threadTs }),
    });
    const sent = findings.map((f) => f.rule);
    deps.logger.info({ ...ids, rules: sent, textLength: message.text.length, withParent: context !== undefined }, 'nudged');
    await store.recordFindings(team, message.user, sent, day);
  } catch (error) {
    // A Slack error (user_not_in_channel, rate limited past our retries) or a store outage: log it and move on.
    deps.logger.warn({ err: error, ...ids, rules }, 'nudge failed');
  }
}
