// Message shortcut "Coach this message": coaches the selected message privately for whoever invoked it, in that
// channel through the response_url, or in the bot's DM when Slack will not let us answer there.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { coach, viaMessage, viaRespond, withFallback } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { REPLY } from '../views/replies.ts';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

export function coachMessageShortcut(deps: SlackDeps) {
  return async ({ ack, shortcut, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const user = shortcut.user.id;
    const ids = { surface: 'shortcut', team, user, channel: shortcut.channel.id };
    const target = withFallback(viaRespond(respond), () => viaMessage(client, user), (error) =>
      deps.logger.info({ ...ids, err: error }, 'response_url refused; coaching in the DM instead'),
    );
    try {
      const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
      if (text.trim() === '') return await target.send(REPLY.noText());
      const context = await threadParent(deps, client, shortcut);
      await coach(deps, { draft: text, context, team, user, surface: 'shortcut', cleanText: 'Nothing to fix in that message.' }, target);
    } catch (error) {
      deps.logger.warn({ ...ids, err: error }, 'shortcut coaching failed');
    }
  };
}

/**
 * For a reply in a thread, the message it answers: "sure, we'll try" reads differently after "can you add SSO by
 * Friday?" than after "want coffee?". Best effort: without access to the channel the reply is coached alone.
 */
async function threadParent(deps: SlackDeps, client: ShortcutArgs['client'], shortcut: MessageShortcut): Promise<string | undefined> {
  const threadTs = typeof shortcut.message['thread_ts'] === 'string' ? shortcut.message['thread_ts'] : undefined;
  if (!threadTs || threadTs === shortcut.message.ts) return undefined;
  try {
    const page = await client.conversations.replies({ channel: shortcut.channel.id, ts: threadTs, limit: 1, inclusive: true });
    return page.messages?.find((m) => m.ts === threadTs)?.text || undefined;
  } catch (err) {
    deps.logger.debug({ err, surface: 'shortcut', channel: shortcut.channel.id }, 'thread parent not readable; coaching without it');
    return undefined;
  }
}
